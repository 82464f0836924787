import { AppError } from '@app/errors';
import { checkProductRules } from './product-rules';

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
    return [];
  } catch (e) {
    return ((e as AppError).fields ?? []).map((f) => f.field);
  }
}

describe('product rules across fields', () => {
  it('accepts a consistent product', () => {
    expect(fieldsOf(() => checkProductRules({ harvestFrom: '2026-08-01', harvestTo: '2026-11-30', preSale: true, expectedShipDate: '2026-09-01' }))).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(fieldsOf(() => checkProductRules({ harvestFrom: '2026-12-01', harvestTo: '2026-11-01' }))).toEqual(['harvestTo']);
    expect(fieldsOf(() => checkProductRules({ preSale: true }))).toEqual(['expectedShipDate']);
    expect(fieldsOf(() => checkProductRules({ perishable: true, shelfLifeDays: null }))).toEqual(['shelfLifeDays']);
  });
});
