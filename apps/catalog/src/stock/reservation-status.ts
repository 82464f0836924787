import type { ReservationStatus } from '@app/contracts';
import { AppError } from '@app/errors';

/** held → committed | released | expired; committed → returned (sold stock back on sale). */
const ALLOWED: Record<ReservationStatus, readonly ReservationStatus[]> = {
  held: ['committed', 'released', 'expired'],
  committed: ['returned'],
  released: [],
  expired: [],
  returned: [],
};

export function canMoveReservation(from: ReservationStatus, to: ReservationStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function assertReservationTransition(from: ReservationStatus, to: ReservationStatus): void {
  if (!canMoveReservation(from, to)) {
    throw new AppError('INVALID_TRANSITION', `A reservation that is ${from} cannot become ${to}`, { from, to });
  }
}

/** The statuses a reservation may be in to become `to`. */
export function reservationSourcesOf(to: ReservationStatus): ReservationStatus[] {
  return (Object.keys(ALLOWED) as ReservationStatus[]).filter((from) => ALLOWED[from].includes(to));
}
