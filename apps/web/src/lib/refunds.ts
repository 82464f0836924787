import { hasKey, t } from '../i18n';

/** Why a refund was made, in the reader's language; an admin's refund carries the admin's own words. */
export function refundText(r: { kind?: string; reason: string }): string {
  const key = `refund.${r.kind}`;
  return r.kind && hasKey(key) ? t(key, { text: r.reason }) : r.reason;
}

/** Where the money is: on its way, back, or stuck (someone will call). */
export function refundStatusText(status: string): string {
  const key = `refund.status.${status}`;
  return hasKey(key) ? t(key) : status;
}
