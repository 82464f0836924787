import { ParcelStatus } from './parcel-status';

export interface ParcelRow {
  id: string;
  code: string;
  point_id: string;
  collection_id: string;
  shipment_id: string;
  pickup_day: string;
  order_id: string;
  producer_id: string;
  producer_name: string;
  perishable: boolean;
  payment_method: 'online' | 'pay_at_pickup';
  goods_fen: number;
  items: unknown[];
  status: ParcelStatus;
  problem_note: string | null;
  received_at: Date | null;
  problem_at: Date | null;
  handed_over_at: Date | null;
  returned_at: Date | null;
}

export const PARCEL_COLUMNS = `p.id, p.code, p.point_id, p.collection_id, p.shipment_id, p.pickup_day::text AS pickup_day, p.order_id, p.producer_id,
  p.producer_name, p.perishable, p.payment_method, p.goods_fen, p.items, p.status, p.problem_note, p.received_at, p.problem_at,
  p.handed_over_at, p.returned_at`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A parcel as the point's staff see it: what to shelve and hand over. No buyer details, no pickup code. */
export function parcelView(p: ParcelRow) {
  return {
    id: p.id,
    code: p.code,
    status: p.status,
    collectionId: p.collection_id,
    shipmentId: p.shipment_id,
    pickupDay: p.pickup_day,
    orderId: p.order_id,
    producerId: p.producer_id,
    producerName: p.producer_name,
    perishable: p.perishable,
    paymentMethod: p.payment_method,
    goodsFen: p.goods_fen,
    items: p.items,
    problemNote: p.problem_note,
    receivedAt: iso(p.received_at),
    problemAt: iso(p.problem_at),
    handedOverAt: iso(p.handed_over_at),
    returnedAt: iso(p.returned_at),
  };
}
