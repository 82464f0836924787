import { RESERVATION_STATUSES } from '@app/contracts';
import { assertReservationTransition, canMoveReservation } from './reservation-status';

describe('reservation status machine', () => {
  it('moves a held reservation to any final state', () => {
    for (const to of ['committed', 'released', 'expired'] as const) expect(canMoveReservation('held', to)).toBe(true);
  });

  it('returns sold stock only from committed', () => {
    expect(canMoveReservation('committed', 'returned')).toBe(true);
    expect(canMoveReservation('held', 'returned')).toBe(false);
  });

  it('never leaves a final state', () => {
    for (const from of ['released', 'expired', 'returned'] as const) {
      for (const to of RESERVATION_STATUSES) expect(canMoveReservation(from, to)).toBe(false);
    }
    expect(() => assertReservationTransition('expired', 'committed')).toThrow(/expired cannot become committed/);
  });
});
