import { AppError } from '@app/errors';

/**
 * expected → waiting (ready, the buyer has a code) → handed_over | returned. cancelled: nothing arrived to
 * collect (every parcel reported missing or damaged). "locked" and "overdue" are views of waiting.
 */
export const COLLECTION_STATUSES = ['expected', 'waiting', 'handed_over', 'returned', 'cancelled'] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];

/** What staff filter by: the stored status, with waiting split into waiting, locked and overdue. */
export const SHOWN_COLLECTION_STATUSES = ['expected', 'waiting', 'locked', 'overdue', 'handed_over', 'returned', 'cancelled'] as const;
export type ShownCollectionStatus = (typeof SHOWN_COLLECTION_STATUSES)[number];

const ALLOWED: Record<CollectionStatus, readonly CollectionStatus[]> = {
  expected: ['waiting', 'cancelled'],
  waiting: ['handed_over', 'returned', 'cancelled'],
  handed_over: [],
  returned: [],
  cancelled: [],
};

export function canMoveCollection(from: CollectionStatus, to: CollectionStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertCollectionTransition(from: CollectionStatus, to: CollectionStatus): void {
  if (!canMoveCollection(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A collection that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`, { from, to });
  }
}

export function shownStatus(c: { status: CollectionStatus; locked_at: Date | null; deadline: Date | null }, now = new Date()): ShownCollectionStatus {
  if (c.status !== 'waiting') return c.status;
  if (c.deadline && new Date(c.deadline).getTime() <= now.getTime()) return 'overdue';
  return c.locked_at ? 'locked' : 'waiting';
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The deadline is `holdDays` after the collection is ready (the perishable hold if any parcel is perishable);
 * the reminder goes a day before it, or halfway for a one-day hold.
 */
export function holdPlan(readyAt: Date, perishable: boolean, holdDays: number, perishableHoldDays: number): { deadline: Date; remindAt: Date } {
  const days = perishable ? Math.min(holdDays, perishableHoldDays) : holdDays;
  const deadline = new Date(readyAt.getTime() + days * DAY_MS);
  const remindAt = days > 1 ? new Date(deadline.getTime() - DAY_MS) : new Date(readyAt.getTime() + (days * DAY_MS) / 2);
  return { deadline, remindAt };
}
