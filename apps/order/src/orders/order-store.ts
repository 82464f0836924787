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

export const ORDER_COLUMNS = `id, buyer_id, idempotency_key, request_hash, status, payment_method, pickup_point_id,
  pickup_day::text AS pickup_day, reservation_id, items_fen, total_fen, refunded_fen, expires_at, placed_at, created_at`;

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

/** The event that hands an order to fulfilment carries its lines, so logistics never calls back for them. */
export async function orderToFulfil(tx: EntityManager, order: OrderRow, lines?: OrderLineSnapshot[]): Promise<OrderToFulfil> {
  const snapshot: OrderLineSnapshot[] =
    lines ??
    (await tx.query(
      `SELECT product_id AS "productId", producer_id AS "producerId", title_zh AS "titleZh", unit, unit_price_fen AS "unitPriceFen",
              quantity, line_total_fen AS "lineTotalFen", perishable
       FROM ordering.order_lines WHERE order_id = $1 ORDER BY producer_id, product_id`,
      [order.id],
    ));
  return { ...orderEvent(order), lines: snapshot };
}

export function publishOrder<K extends JobName>(outbox: OutboxService, tx: EntityManager, name: K, payload: JobPayloads[K], deliverAt?: Date) {
  return outbox.publish(tx, 'ordering', name, payload, deliverAt ? { deliverAt } : {});
}
