import { EntityManager } from 'typeorm';
import { AppError } from '@app/errors';
import { JobName, JobPayloads, OrderEvent, OrderLineSnapshot, OrderToFulfil, OutboxService } from '@app/queue';
import { assertOrderTransition, OrderStatus } from './order-status';

export interface OrderRow {
  id: string;
  buyer_id: string;
  idempotency_key: string;
  request_hash: string;
  status: OrderStatus;
  payment_method: 'online' | 'pay_at_pickup';
  pickup_point_id: string;
  pickup_day: string;
  reservation_id: string | null;
  items_fen: number;
  total_fen: number;
  refunded_fen: number;
  expires_at: Date | null;
  placed_at: Date | null;
  created_at: Date;
}

/** The columns of an OrderRow, qualified by `alias` when the statement joins other tables. */
export function orderColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}id, ${a}buyer_id, ${a}idempotency_key, ${a}request_hash, ${a}status, ${a}payment_method, ${a}pickup_point_id,
  ${a}pickup_day::text AS pickup_day, ${a}reservation_id, ${a}items_fen, ${a}total_fen, ${a}refunded_fen, ${a}expires_at, ${a}placed_at, ${a}created_at`;
}
export const ORDER_COLUMNS = orderColumns();

export async function findOrder(tx: EntityManager, id: string, lock = false): Promise<OrderRow | null> {
  const rows: OrderRow[] = await tx.query(`SELECT ${ORDER_COLUMNS} FROM ordering.orders WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function lockOrder(tx: EntityManager, id: string): Promise<OrderRow> {
  const order = await findOrder(tx, id, true);
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  return order;
}

/** Moves the locked order to `to`, refusing a move its state machine does not allow, and records it. */
export async function moveOrder(tx: EntityManager, order: OrderRow, to: OrderStatus, reason: string): Promise<OrderRow> {
  assertOrderTransition(order.status, to);
  await tx.query(`UPDATE ordering.orders SET status = $2, updated_at = now() WHERE id = $1`, [order.id, to]);
  await tx.query(`INSERT INTO ordering.order_events (order_id, from_status, to_status, reason) VALUES ($1, $2, $3, $4)`, [order.id, order.status, to, reason]);
  return { ...order, status: to };
}

export function orderEvent(order: OrderRow): OrderEvent {
  return {
    orderId: order.id,
    buyerId: order.buyer_id,
    pickupPointId: order.pickup_point_id,
    pickupDay: order.pickup_day,
    totalFen: order.total_fen,
    paymentMethod: order.payment_method,
  };
}

/** An order's lines as events carry them, in the order pack lists use. */
const LINE_SNAPSHOT_COLUMNS = `product_id AS "productId", producer_id AS "producerId", title_zh AS "titleZh", unit,
       unit_price_fen AS "unitPriceFen", quantity, line_total_fen AS "lineTotalFen", perishable`;
const LINE_SNAPSHOT_SQL = `SELECT ${LINE_SNAPSHOT_COLUMNS} FROM ordering.order_lines WHERE order_id = $1 ORDER BY producer_id, product_id`;

/** The same lines as one JSON array, for a statement that reads an order and its lines at once. */
function linesJsonSql(orderId: string): string {
  return `(SELECT coalesce(json_agg(s ORDER BY s."producerId", s."productId"), '[]') FROM
            (SELECT ${LINE_SNAPSHOT_COLUMNS} FROM ordering.order_lines WHERE order_id = ${orderId}) s)`;
}

/**
 * orderToFulfil() built by SQL, for a statement that moves an order and writes the message at once: the
 * keys of orderEvent() from the order row named `alias`, and its lines as LINE_SNAPSHOT_SQL reads them.
 * Change the two together (test/ordering/payments.e2e-spec.ts compares them).
 */
export function fulfilPayloadSql(alias: string): string {
  return `jsonb_build_object('orderId', ${alias}.id, 'buyerId', ${alias}.buyer_id, 'pickupPointId', ${alias}.pickup_point_id,
    'pickupDay', ${alias}.pickup_day::text, 'totalFen', ${alias}.total_fen, 'paymentMethod', ${alias}.payment_method,
    'lines', ${linesJsonSql(`${alias}.id`)})`;
}

/** The order of LINE_SNAPSHOT_SQL, for lines snapshotted in memory (ids are lower-case uuids on both sides). */
export function byProducerThenProduct(a: OrderLineSnapshot, b: OrderLineSnapshot): number {
  if (a.producerId !== b.producerId) return a.producerId < b.producerId ? -1 : 1;
  return a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}

/** The event that hands an order to fulfilment carries its lines, so logistics never calls back for them. */
export async function orderToFulfil(tx: EntityManager, order: OrderRow): Promise<OrderToFulfil> {
  return { ...orderEvent(order), lines: await tx.query(LINE_SNAPSHOT_SQL, [order.id]) };
}

export function publishOrder<K extends JobName>(outbox: OutboxService, tx: EntityManager, name: K, payload: JobPayloads[K], deliverAt?: Date) {
  return outbox.publish(tx, 'ordering', name, payload, deliverAt ? { deliverAt } : {});
}
