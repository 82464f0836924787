import { shownStatus } from './collection-status';
import { CollectionRow } from './collection-store';

export interface ParcelTally {
  parcels: number;
  expected: number;
  received: number;
  received_fen: number;
}

/** Per collection: how many parcels, how many still expected or on the shelf, and the value on the shelf. */
export const PARCEL_TALLY = `CROSS JOIN LATERAL (
    SELECT count(*)::int AS parcels, count(*) FILTER (WHERE p.status = 'expected')::int AS expected,
           count(*) FILTER (WHERE p.status = 'received')::int AS received,
           coalesce(sum(p.goods_fen) FILTER (WHERE p.status = 'received'), 0)::int AS received_fen
      FROM pickup.parcels p WHERE p.collection_id = c.id) t`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * A collection as the point's staff see it. It never carries the pickup code or its digest, nor the buyer's
 * identity: the code is checked by the handover call, never shown.
 */
export function staffCollectionView(c: CollectionRow & ParcelTally, maxAttempts: number) {
  const waiting = c.status === 'waiting';
  return {
    id: c.id,
    orderId: c.order_id,
    pointId: c.point_id,
    status: shownStatus(c),
    paymentMethod: c.payment_method,
    parcels: { total: c.parcels, expected: c.expected, onShelf: c.received },
    /** What the buyer pays at the counter: the goods that arrived, for pay-at-pickup orders. */
    amountDueFen: waiting && c.payment_method === 'pay_at_pickup' ? c.received_fen : 0,
    attemptsLeft: waiting ? Math.max(0, maxAttempts - c.wrong_attempts) : null,
    readyAt: iso(c.ready_at),
    deadline: iso(c.deadline),
    handedOverAt: iso(c.handed_over_at),
    settlement: c.settlement,
    paidAtPickupFen: c.paid_at_pickup_fen,
    goodsFen: c.goods_fen,
    commissionFen: c.commission_fen,
    returnedAt: iso(c.returned_at),
  };
}
