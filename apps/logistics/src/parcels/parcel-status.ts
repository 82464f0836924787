import { AppError } from '@app/errors';

export const PARCEL_STATUSES = [
  'packed', 'collected', 'at_hub', 'out_for_delivery', 'delivered', 'received', 'handed_over', 'missing', 'damaged', 'voided', 'returned',
] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/**
 * A parcel's way to the buyer. It can be voided (order cancelled) until it leaves for the points; once on
 * its way the pickup point reports it received, missing or damaged; a received parcel is handed over,
 * returned (uncollected) or found damaged at check-in.
 */
const ALLOWED: Record<ParcelStatus, readonly ParcelStatus[]> = {
  packed: ['collected', 'voided'],
  collected: ['at_hub', 'voided', 'missing'],
  at_hub: ['out_for_delivery', 'voided', 'missing'],
  out_for_delivery: ['delivered', 'received', 'missing', 'damaged'],
  delivered: ['received', 'missing', 'damaged'],
  received: ['handed_over', 'returned', 'damaged'],
  handed_over: [],
  missing: [],
  damaged: [],
  voided: [],
  returned: [],
};

/** Where a parcel's journey ended for the run that carried it: the run is done when all its parcels are here. */
export const SETTLED: readonly ParcelStatus[] = ['received', 'handed_over', 'missing', 'damaged', 'voided', 'returned'];
/** States from which an order's cancel voids the parcel. */
export const VOIDABLE: readonly ParcelStatus[] = ['packed', 'collected', 'at_hub'];

export function canMoveParcel(from: ParcelStatus, to: ParcelStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertParcelTransition(from: ParcelStatus, to: ParcelStatus): void {
  if (!canMoveParcel(from, to)) throw new AppError('INVALID_TRANSITION', `A parcel that is ${from} cannot become ${to}`, { from, to });
}
