import { ServiceName } from '@app/config';

/**
 * The one registry of queues and job names. An event or command is written to a service's outbox under
 * a job name; the relay delivers it to every queue listed in JOB_ROUTES for that name.
 */
export const QUEUE_OF_SERVICE: Record<ServiceName, string> = {
  identity: 'identity',
  catalog: 'catalog',
  order: 'ordering',
  logistics: 'logistics',
  'pickup-point': 'pickup',
};
export const DEAD_LETTER_QUEUE = 'dead-letter';

export interface OrderEvent {
  orderId: string;
  buyerId: string;
  pickupPointId: string;
  pickupDay: string;
  totalFen: number;
  paymentMethod: 'online' | 'pay_at_pickup';
}

/** An order line as the order service snapshotted it; units 'jin' and 'kg' are sold by weight. */
export interface OrderLineSnapshot {
  productId: string;
  producerId: string;
  titleZh: string;
  unit: string;
  unitPriceFen: number;
  quantity: number;
  lineTotalFen: number;
  perishable: boolean;
}

/** paid / confirmed carry the lines, so logistics can build pack tasks without calling back. */
export interface OrderToFulfil extends OrderEvent {
  lines: OrderLineSnapshot[];
}

/** How one packed line came out: the price follows the packed weight within tolerance (see docs/fulfilment.md). */
export interface PackedLine {
  productId: string;
  quantity: number;
  /** Grams actually packed, for lines sold by weight; null for count units and short lines. */
  packedGrams: number | null;
  short: boolean;
  /** What the buyer pays for the line after packing: 0 when short. */
  finalFen: number;
}

/** A parcel as it travels to a pickup point: one producer's share of one order. */
export interface ParcelManifest {
  parcelId: string;
  parcelCode: string;
  orderId: string;
  buyerId: string;
  producerId: string;
  producerName: string;
  perishable: boolean;
  paymentMethod: 'online' | 'pay_at_pickup';
  /** Value of the parcel's goods after packing (sum of finalFen). */
  goodsFen: number;
  items: { titleZh: string; unit: string; quantity: number; packedGrams: number | null }[];
}

export type TrackingKind = 'packed' | 'collected' | 'at_hub' | 'out_for_delivery' | 'delivered_to_point' | 'received' | 'missing' | 'damaged' | 'ready' | 'handed_over' | 'returned';

export interface JobPayloads {
  /** Command: give a reservation's stock back if it is still held when it expires. */
  'catalog.reservation.expire': { reservationId: string };
  /** Command: periodic sweep for expired reservations the delayed jobs missed. */
  'catalog.reservation.sweep': Record<string, never>;
  /** Event: a product became visible to buyers, or stopped being visible, or its price changed. */
  'catalog.product.changed': { productId: string; producerId: string; status: string; priceFen: number };
  /** Event: a producer profile was approved, rejected or suspended. */
  'catalog.producer.reviewed': { producerId: string; userId: string; status: string };
  /** Events for the services that follow an order (logistics, pickup points). */
  'ordering.order.placed': OrderEvent;
  'ordering.order.confirmed': OrderToFulfil;
  'ordering.order.paid': OrderToFulfil;
  'ordering.order.cancelled': OrderEvent;
  'ordering.order.expired': OrderEvent;
  'ordering.order.refunded': OrderEvent & { refundedFen: number };
  /** Commands the order service gives itself, so follow-ups survive a crash or Redis outage. */
  'ordering.order.expire': { orderId: string };
  'ordering.order.sweep': Record<string, never>;
  'ordering.stock.commit': { orderId: string; /** Absent in rows written before it was added. */ reservationId?: string };
  'ordering.order.release': { orderId: string };
  /** Command: none of an order's goods will come (every line short, missing or damaged): its pickup slot goes back; its stock stays as it is. */
  'ordering.slot.release': { orderId: string };
  'ordering.refund.execute': { refundId: string };
  /** Events from logistics (docs/fulfilment.md). */
  'logistics.task.packed': { taskId: string; orderId: string; producerId: string; parcelId: string | null; parcelCode: string | null; lines: PackedLine[]; at: string };
  /** One message per step of a run (or pack), for all the parcels it moved: a run of 500 parcels is one job, not 500. */
  'logistics.parcels.tracked': { kind: TrackingKind; at: string; note?: string; parcels: Array<{ orderId: string; parcelId: string; producerId: string }> };
  'logistics.shipment.dispatched': { shipmentId: string; runId: string; pickupPointId: string; pickupDay: string; parcels: ParcelManifest[] };
  'logistics.runs.plan': { day?: string };
  /** Events from pickup-point operations. */
  /** One scan or one shipment check-in: every parcel it received, in one message. */
  'pickup.parcels.received': { pointId: string; at: string; parcels: Array<{ parcelId: string; orderId: string; producerId: string; shipmentId: string }> };
  'pickup.parcel.problem': { parcelId: string; orderId: string; producerId: string; pointId: string; kind: 'missing' | 'damaged'; note: string | null; at: string };
  /** The collections one scan, check-in or report made ready, in one message. */
  'pickup.collections.ready': { pointId: string; at: string; collections: Array<{ collectionId: string; orderId: string; deadline: string }> };
  'pickup.collection.handed_over': { collectionId: string; orderId: string; pointId: string; paidAtPickupFen: number; settlement: 'online' | 'cash' | 'wechat' | 'alipay'; at: string };
  'pickup.collection.returned': { collectionId: string; orderId: string; pointId: string; producerIds: string[]; at: string };
  'pickup.collection.remind': { collectionId: string };
  'pickup.collection.expire': { collectionId: string };
  'pickup.collections.sweep': Record<string, never>;
  /** Event: a new account. */
  'identity.user.registered': { userId: string; role: string };
  /** Event: a pickup point was created, approved, suspended or changed what buyers and orders rely on. */
  'pickup.point.changed': { pointId: string; status: string; change: 'created' | 'status' | 'details' | 'closed_days' | 'staff' };
}
export type JobName = keyof JobPayloads;

export const JOB_ROUTES: { [K in JobName]: readonly string[] } = {
  'catalog.reservation.expire': ['catalog'],
  'catalog.reservation.sweep': ['catalog'],
  // Events with no consumer yet are recorded in the outbox and marked relayed; later services subscribe here.
  'catalog.product.changed': [],
  'catalog.producer.reviewed': [],
  'identity.user.registered': [],
  'pickup.point.changed': [],
  'ordering.order.placed': [],
  'ordering.order.confirmed': ['logistics'],
  'ordering.order.paid': ['logistics'],
  'ordering.order.cancelled': ['logistics'],
  'ordering.order.expired': [],
  'ordering.order.refunded': [],
  'ordering.order.expire': ['ordering'],
  'ordering.order.sweep': ['ordering'],
  'ordering.stock.commit': ['ordering'],
  'ordering.order.release': ['ordering'],
  'ordering.slot.release': ['ordering'],
  'ordering.refund.execute': ['ordering'],
  // Fulfilment routes (docs/fulfilment.md) are switched on as each consumer lands.
  'logistics.task.packed': ['ordering'],
  'logistics.parcels.tracked': ['ordering'],
  'logistics.shipment.dispatched': ['pickup'],
  'logistics.runs.plan': ['logistics'],
  'pickup.parcels.received': ['ordering', 'logistics'],
  'pickup.parcel.problem': ['ordering', 'logistics'],
  'pickup.collections.ready': ['ordering'],
  'pickup.collection.handed_over': ['ordering', 'logistics'],
  'pickup.collection.returned': ['ordering', 'logistics'],
  'pickup.collection.remind': ['pickup'],
  'pickup.collection.expire': ['pickup'],
  'pickup.collections.sweep': ['pickup'],
};

/** Retries, backoff and retention decided in one place. Completed jobs are kept so their ids de-duplicate redeliveries. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function jobsForQueue(queue: string): JobName[] {
  return (Object.keys(JOB_ROUTES) as JobName[]).filter((name) => JOB_ROUTES[name].includes(queue));
}
