import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { Env } from '@app/config';
import { queryRows, UnitOfWork } from '@app/database';
import { firstDelivery, JobPayloads, OnJob, OutboxService, TrackingKind } from '@app/queue';
import { RefundsService, RefundWhy } from '../payments/refunds.service';
import { findOrder, lockOrder, moveOrder, OrderRow, orderEvent, publishOrder } from '../orders/order-store';
import { GONE, OrderStatus } from '../orders/order-status';

const STAGES: readonly OrderStatus[] = ['confirmed', 'paid', 'in_fulfilment', 'ready_for_pickup', 'picked_up'];

/**
 * Moves the order forward along the fulfilment stages up to `to`, through any it skipped: jobs of one
 * order may run out of order after retries, and a later stage implies the earlier ones happened.
 */
async function advance(tx: EntityManager, order: OrderRow, to: OrderStatus, reason: string): Promise<OrderRow> {
  const from = STAGES.indexOf(order.status);
  const target = STAGES.indexOf(to);
  if (from < 0 || from >= target) return order;
  for (const stage of STAGES.slice(Math.max(from + 1, STAGES.indexOf('in_fulfilment')), target + 1)) {
    order = await moveOrder(tx, order, stage, stage === to ? reason : `${reason} (${stage.replace(/_/g, ' ')} was implied)`);
  }
  return order;
}
const CONSUMER = 'order-fulfilment';

type Outcome = 'duplicate' | 'order-gone' | 'applied';

/**
 * The order's side of fulfilment: what logistics and the pickup point report moves the order along,
 * and what could not be delivered is refunded (online) or not charged (pay at pickup). Every handler
 * runs in one transaction with its inbox record, so a redelivered job changes nothing twice.
 */
@Injectable()
export class FulfilmentConsumer {
  private readonly logger = new Logger('OrderFulfilment');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly refunds: RefundsService,
    private readonly env: Env,
  ) {}

  @OnJob('logistics.task.packed', 'ordering')
  packed(data: JobPayloads['logistics.task.packed'], job: Job) {
    return this.once(job, data.orderId, async (tx, order) => {
      await this.track(tx, order.id, data.parcelId, data.producerId, data.parcelId ? 'packed' : 'short', data.at);
      const allShort = data.lines.every((l) => l.short);
      // The point may have reported the parcel before this news arrived: keep the later status.
      await tx.query(
        `INSERT INTO ordering.order_parcels (order_id, producer_id, parcel_id, parcel_code, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (order_id, producer_id) DO UPDATE SET parcel_id = coalesce(order_parcels.parcel_id, EXCLUDED.parcel_id),
           parcel_code = coalesce(order_parcels.parcel_code, EXCLUDED.parcel_code)`,
        [order.id, data.producerId, data.parcelId, data.parcelCode, allShort ? 'short' : 'packed'],
      );
      let lessFen = 0;
      for (const l of data.lines) {
        const rows = await queryRows<{ line_total_fen: number }>(
          tx,
          `UPDATE ordering.order_lines SET final_fen = LEAST($4::int, line_total_fen), packed_grams = $5, outcome = $6
           WHERE order_id = $1 AND producer_id = $2 AND product_id = $3 AND outcome = 'ordered' RETURNING line_total_fen`,
          [order.id, data.producerId, l.productId, l.finalFen, l.packedGrams, l.short ? 'short' : 'packed'],
        );
        if (rows[0]) lessFen += rows[0].line_total_fen - Math.min(l.finalFen, rows[0].line_total_fen);
      }
      order = await advance(tx, order, 'in_fulfilment', 'the first producer packed');
      const why: RefundWhy = allShort
        ? { kind: 'short', note: 'the producer could not supply the goods' }
        : { kind: 'lighter', note: 'packed lighter than ordered or short' };
      await this.giveBack(tx, order, lessFen, why);
    });
  }

  /** A step of a run for many parcels at once: tracking lines only, so no order is locked. */
  @OnJob('logistics.parcels.tracked', 'ordering')
  tracked(data: JobPayloads['logistics.parcels.tracked'], job: Job): Promise<Outcome> {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'ordering', CONSUMER, String(job.id)))) return 'duplicate';
      await tx.query(
        `INSERT INTO ordering.order_tracking (order_id, parcel_id, producer_id, kind, note, at)
         SELECT o.id, p.parcel_id, p.producer_id, $2, $3, $4
         FROM jsonb_to_recordset($1::jsonb) AS p ("orderId" uuid, parcel_id uuid, producer_id uuid)
         JOIN ordering.orders o ON o.id = p."orderId"
         ON CONFLICT ON CONSTRAINT order_tracking_once DO NOTHING`,
        [JSON.stringify(data.parcels.map((p) => ({ orderId: p.orderId, parcel_id: p.parcelId, producer_id: p.producerId }))), data.kind, data.note ?? null, data.at],
      );
      return 'applied';
    });
  }

  /** One scan or check-in: its parcels' orders, each locked in id order, move and get a tracking line. */
  @OnJob('pickup.parcels.received', 'ordering')
  received(data: JobPayloads['pickup.parcels.received'], job: Job): Promise<Outcome> {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'ordering', CONSUMER, String(job.id)))) return 'duplicate';
      const byOrder = new Map<string, typeof data.parcels>();
      for (const p of data.parcels) byOrder.set(p.orderId, [...(byOrder.get(p.orderId) ?? []), p]);
      for (const orderId of [...byOrder.keys()].sort()) {
        // Read without a lock: the ready news for these orders is usually being handled at the same moment,
        // and a receipt only needs the row lock in the rare case that it must move the order itself.
        let order = await findOrder(tx, orderId);
        if (!order || GONE.includes(order.status)) continue;
        for (const p of byOrder.get(orderId)!) {
          await this.parcelIs(tx, orderId, p.producerId, p.parcelId, 'received');
          await this.track(tx, orderId, p.parcelId, p.producerId, 'received', data.at);
        }
        if (order.status === 'paid' || order.status === 'confirmed') {
          order = await lockOrder(tx, orderId);
          if (!GONE.includes(order.status)) await advance(tx, order, 'in_fulfilment', 'a parcel reached the pickup point');
        }
      }
      return 'applied';
    });
  }

  /** A parcel that did not arrive whole: its lines are given back. */
  @OnJob('pickup.parcel.problem', 'ordering')
  problem(data: JobPayloads['pickup.parcel.problem'], job: Job) {
    return this.once(job, data.orderId, async (tx, order) => {
      await this.parcelIs(tx, order.id, data.producerId, data.parcelId, data.kind);
      await this.track(tx, order.id, data.parcelId, data.producerId, data.kind, data.at, data.note ?? undefined);
      order = await advance(tx, order, 'in_fulfilment', 'a parcel was reported at the pickup point');
      const lessFen = await this.writeOff(tx, order.id, [data.producerId], data.kind);
      await this.giveBack(tx, order, lessFen, { kind: data.kind, note: `parcel ${data.kind} at the pickup point` });
    });
  }

  /** Collections made ready together (one check-in): each order, locked in id order, becomes ready for pickup. */
  @OnJob('pickup.collections.ready', 'ordering')
  ready(data: JobPayloads['pickup.collections.ready'], job: Job): Promise<Outcome> {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'ordering', CONSUMER, String(job.id)))) return 'duplicate';
      for (const c of [...data.collections].sort((a, b) => a.orderId.localeCompare(b.orderId))) {
        const order = await lockOrder(tx, c.orderId);
        if (GONE.includes(order.status)) continue;
        await this.track(tx, order.id, null, null, 'ready', data.at, `collect by ${c.deadline}`);
        await advance(tx, order, 'ready_for_pickup', 'waiting at the pickup point');
      }
      return 'applied';
    });
  }

  @OnJob('pickup.collection.handed_over', 'ordering')
  handedOver(data: JobPayloads['pickup.collection.handed_over'], job: Job) {
    return this.once(job, data.orderId, async (tx, order) => {
      await tx.query(`UPDATE ordering.order_parcels SET status = 'handed_over', updated_at = now() WHERE order_id = $1 AND status = 'received'`, [order.id]);
      await this.track(tx, order.id, null, null, 'handed_over', data.at);
      if (order.payment_method === 'pay_at_pickup') {
        await tx.query(
          `UPDATE ordering.payments SET status = 'succeeded', amount_fen = $2, settlement = $3, settled_at = $4, updated_at = now()
           WHERE order_id = $1 AND provider = 'pay_at_pickup'`,
          [order.id, data.paidAtPickupFen, data.settlement === 'online' ? null : data.settlement, data.at],
        );
      }
      await advance(tx, order, 'picked_up', 'handed over at the pickup point');
    });
  }

  /** Not collected by the deadline: the parcels went back; the buyer gets RETURN_REFUND_PCT of their value. */
  @OnJob('pickup.collection.returned', 'ordering')
  returned(data: JobPayloads['pickup.collection.returned'], job: Job) {
    return this.once(job, data.orderId, async (tx, order) => {
      await tx.query(`UPDATE ordering.order_parcels SET status = 'returned', updated_at = now() WHERE order_id = $1 AND producer_id = ANY($2::uuid[])`, [
        order.id,
        data.producerIds,
      ]);
      await this.track(tx, order.id, null, null, 'returned', data.at);
      const valueFen = await this.writeOff(tx, order.id, data.producerIds, 'returned');
      if (order.payment_method === 'pay_at_pickup') {
        if (order.status !== 'cancelled') await moveOrder(tx, order, 'cancelled', 'not collected by the deadline; returned');
        return;
      }
      const refundFen = Math.round((valueFen * this.env.RETURN_REFUND_PCT) / 100);
      const { paidFen, refundedFen } = await this.refunds.refundable(tx, order.id);
      const remaining = paidFen - refundedFen;
      if (refundFen < remaining) {
        await moveOrder(tx, order, 'partially_refunded', `not collected by the deadline; ${this.env.RETURN_REFUND_PCT}% of the returned goods refunded`);
      }
      if (refundFen > 0) await this.refunds.request(tx, order.id, { kind: 'uncollected', note: 'not collected by the deadline' }, refundFen);
    });
  }

  private async once(job: Job, orderId: string, apply: (tx: EntityManager, order: OrderRow) => Promise<unknown>): Promise<Outcome> {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'ordering', CONSUMER, String(job.id)))) return 'duplicate';
      const order = await lockOrder(tx, orderId);
      if (GONE.includes(order.status)) {
        this.logger.warn({ msg: 'fulfilment news for an order that is no longer active', job: job.name, orderId, status: order.status });
        return 'order-gone';
      }
      await apply(tx, order);
      return 'applied';
    });
  }

  /** Marks the producers' still-live lines with what happened and returns what they were worth. */
  private async writeOff(tx: EntityManager, orderId: string, producerIds: string[], outcome: 'missing' | 'damaged' | 'returned'): Promise<number> {
    const rows: Array<{ fen: number }> = await tx.query(
      `WITH live AS (
         SELECT product_id, coalesce(final_fen, line_total_fen) AS fen FROM ordering.order_lines
         WHERE order_id = $1 AND producer_id = ANY($2::uuid[]) AND outcome IN ('ordered', 'packed') FOR UPDATE
       ), marked AS (
         UPDATE ordering.order_lines l SET outcome = $3, final_fen = 0 FROM live WHERE l.order_id = $1 AND l.product_id = live.product_id RETURNING 1
       )
       SELECT coalesce(sum(fen), 0)::int AS fen FROM live`,
      [orderId, producerIds, outcome],
    );
    return rows[0].fen;
  }

  /**
   * Online: refund the difference. At pickup: nothing was paid, the buyer simply pays less. Nothing left: the
   * order ends (at pickup) and its place at the pickup point goes back, since no parcel will take it.
   */
  private async giveBack(tx: EntityManager, order: OrderRow, lessFen: number, why: RefundWhy) {
    if (lessFen <= 0) return;
    const [{ live }] = await tx.query(
      `SELECT count(*) FILTER (WHERE outcome IN ('ordered', 'packed') AND coalesce(final_fen, line_total_fen) > 0)::int AS live FROM ordering.order_lines WHERE order_id = $1`,
      [order.id],
    );
    if (order.payment_method === 'online') {
      await this.refunds.request(tx, order.id, why, lessFen);
    } else if (live === 0) {
      const cancelled = await moveOrder(tx, order, 'cancelled', 'none of the goods could be delivered');
      await publishOrder(this.outbox, tx, 'ordering.order.cancelled', orderEvent(cancelled));
    }
    if (live === 0) await publishOrder(this.outbox, tx, 'ordering.slot.release', { orderId: order.id });
  }

  private async parcelIs(tx: EntityManager, orderId: string, producerId: string, parcelId: string, status: 'received' | 'missing' | 'damaged') {
    await tx.query(
      `INSERT INTO ordering.order_parcels (order_id, producer_id, parcel_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id, producer_id) DO UPDATE SET status = EXCLUDED.status, parcel_id = EXCLUDED.parcel_id, updated_at = now()`,
      [orderId, producerId, parcelId, status],
    );
  }

  private async track(tx: EntityManager, orderId: string, parcelId: string | null, producerId: string | null, kind: TrackingKind | 'short', at: string, note?: string) {
    await tx.query(
      `INSERT INTO ordering.order_tracking (order_id, parcel_id, producer_id, kind, note, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT order_tracking_once DO NOTHING`,
      [orderId, parcelId, producerId, kind, note ?? null, at],
    );
  }
}
