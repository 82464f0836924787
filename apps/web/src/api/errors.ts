import { hasKey, t } from '../i18n';
import { ApiError } from './client';

export interface Explained {
  /** One sentence for the top of the form. */
  summary: string;
  /** Plain words for each field the API named, by our field names. */
  fields: Record<string, string>;
}

/**
 * The API's codes and field names turned into words a farmer understands. The API's own messages are
 * English and technical ("priceFen must be a whole number of fen"); they are never shown as they are.
 */
export function explain(err: unknown, fieldAliases: Record<string, string> = {}): Explained {
  if (!(err instanceof ApiError)) return { summary: t('err.generic'), fields: {} };
  if (err.code === 'NETWORK') return { summary: t('err.network'), fields: {} };
  const fields: Record<string, string> = {};
  for (const f of err.fields) {
    // "items.0.quantity" → "quantity"; the screen may call the API's field something else.
    const apiName = f.field.split('.').pop() ?? f.field;
    const name = fieldAliases[apiName] ?? apiName;
    const key = `field.${apiName}`;
    fields[name] = hasKey(key) ? t(key) : t('err.VALIDATION_FAILED');
  }
  if (err.status === 401) return { summary: t('err.UNAUTHENTICATED'), fields };
  if (err.code === 'NOT_FOUND') return { summary: t('err.notFound'), fields };
  const key = `err.${err.code}`;
  if (hasKey(key)) return { summary: t(key, { message: err.message }), fields };
  return { summary: t('err.generic'), fields };
}
