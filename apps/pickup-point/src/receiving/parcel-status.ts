import { AppError } from '@app/errors';

/**
 * A parcel at the point: expected (dispatched to us) → received | missing | damaged; received → handed_over
 * | returned, or damaged when staff find the damage after scanning it in.
 */
export const PARCEL_STATUSES = ['expected', 'received', 'missing', 'damaged', 'handed_over', 'returned'] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];
export const PROBLEM_KINDS = ['missing', 'damaged'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

const ALLOWED: Record<ParcelStatus, readonly ParcelStatus[]> = {
  expected: ['received', 'missing', 'damaged'],
  received: ['damaged', 'handed_over', 'returned'],
  missing: [],
  damaged: [],
  handed_over: [],
  returned: [],
};

export function canMoveParcel(from: ParcelStatus, to: ParcelStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertParcelTransition(from: ParcelStatus, to: ParcelStatus): void {
  if (!canMoveParcel(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A parcel that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`, { from, to });
  }
}
