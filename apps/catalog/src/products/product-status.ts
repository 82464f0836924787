import type { ProductStatus } from '@app/contracts';
import { AppError } from '@app/errors';

/** draft → active ⇄ paused → archived; anything but archived may be archived. */
const ALLOWED: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['paused', 'archived'],
  paused: ['active', 'archived'],
  archived: [],
};

export function canMoveProduct(from: ProductStatus, to: ProductStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertProductTransition(from: ProductStatus, to: ProductStatus): void {
  if (!canMoveProduct(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A product that is ${from} cannot become ${to}`, { from, to });
  }
}
