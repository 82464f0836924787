import { hasKey, t } from '../../i18n';

export const statusName = (status: string) => {
  const key = `status.${status}`;
  return hasKey(key) ? t(key) : status;
};

/** Orders a buyer may still cancel: before the first pack (docs/fulfilment.md, "Cancel"). */
export const CANCELLABLE = ['pending_payment', 'paid', 'confirmed'];
