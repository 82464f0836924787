import { AppError, FieldError } from '@app/errors';

export const MAX_PRICE_FEN = 10_000_000; // ¥100,000 per unit
export const MAX_PHOTOS = 8;

export interface ProductRuleFields {
  harvestFrom?: string | null;
  harvestTo?: string | null;
  preSale?: boolean;
  expectedShipDate?: string | null;
  perishable?: boolean;
  shelfLifeDays?: number | null;
}

/** Rules that span fields, checked on the product as it will be after a create or an edit. */
export function checkProductRules(p: ProductRuleFields): void {
  const errors: FieldError[] = [];
  if (p.harvestFrom && p.harvestTo && p.harvestFrom > p.harvestTo) {
    errors.push({ field: 'harvestTo', message: 'harvestTo must not be before harvestFrom' });
  }
  if (p.preSale && !p.expectedShipDate) {
    errors.push({ field: 'expectedShipDate', message: 'a pre-sale product needs the date it is expected to ship' });
  }
  if (p.perishable && !p.shelfLifeDays) {
    errors.push({ field: 'shelfLifeDays', message: 'a perishable product needs its shelf life in days' });
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), undefined, errors);
}
