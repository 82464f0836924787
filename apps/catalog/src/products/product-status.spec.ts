import { PRODUCT_STATUSES } from '@app/contracts';
import { AppError } from '@app/errors';
import { assertProductTransition, canMoveProduct } from './product-status';

describe('product status machine', () => {
  it.each([
    ['draft', 'active'],
    ['active', 'paused'],
    ['paused', 'active'],
    ['draft', 'archived'],
    ['active', 'archived'],
    ['paused', 'archived'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canMoveProduct(from, to)).toBe(true);
  });

  it.each([
    ['draft', 'paused'],
    ['active', 'draft'],
    ['paused', 'draft'],
    ['active', 'active'],
  ] as const)('refuses %s → %s with INVALID_TRANSITION', (from, to) => {
    expect(() => assertProductTransition(from, to)).toThrow(AppError);
    try {
      assertProductTransition(from, to);
    } catch (e) {
      expect((e as AppError).code).toBe('INVALID_TRANSITION');
    }
  });

  it('lets nothing leave archived', () => {
    for (const to of PRODUCT_STATUSES) expect(canMoveProduct('archived', to)).toBe(false);
  });
});
