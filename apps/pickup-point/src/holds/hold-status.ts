import type { SlotHoldView } from '@app/contracts';
import { AppError } from '@app/errors';

export type HoldStatus = SlotHoldView['status'];

/** held → released, and released is final: a released place is not taken again under the same order id. */
const ALLOWED: Record<HoldStatus, readonly HoldStatus[]> = {
  held: ['released'],
  released: [],
};

export function canMoveHold(from: HoldStatus, to: HoldStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertHoldTransition(from: HoldStatus, to: HoldStatus): void {
  if (!canMoveHold(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A pickup slot hold that is ${from} cannot become ${to}`, { from, to });
  }
}
