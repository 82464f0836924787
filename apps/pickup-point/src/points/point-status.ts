import type { PickupPointStatus } from '@app/contracts';
import { AppError } from '@app/errors';

/** proposed → active ⇄ suspended. A proposal is approved once; after that a point is only switched on and off. */
const ALLOWED: Record<PickupPointStatus, readonly PickupPointStatus[]> = {
  proposed: ['active'],
  active: ['suspended'],
  suspended: ['active'],
};

export function canMovePoint(from: PickupPointStatus, to: PickupPointStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertPointTransition(from: PickupPointStatus, to: PickupPointStatus): void {
  if (!canMovePoint(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A pickup point that is ${from} cannot become ${to}`, { from, to });
  }
}
