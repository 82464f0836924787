import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { queryRows, UnitOfWork } from '@app/database';
import { firstDelivery, JobPayloads, OnJob, OrderLineSnapshot, OrderToFulfil } from '@app/queue';
import { VOIDABLE } from '../parcels/parcel-status';
import { CONSUMER, SCHEMA } from '../tracking';

/**
 * The order service hands paid and confirmed orders over (one pack task per producer in the order) and
 * takes cancelled ones back. Each handler records its job id in the inbox in the same transaction as its
 * effect, so a redelivered job changes nothing twice.
 */
@Injectable()
export class OrderEventsConsumer {
  private readonly logger = new Logger('LogisticsOrders');

  constructor(private readonly uow: UnitOfWork) {}

  @OnJob('ordering.order.paid', 'logistics')
  paid(data: JobPayloads['ordering.order.paid'], job: Job) {
    return this.createTasks(data, job);
  }

  @OnJob('ordering.order.confirmed', 'logistics')
  confirmed(data: JobPayloads['ordering.order.confirmed'], job: Job) {
    return this.createTasks(data, job);
  }

  /**
   * One statement: the job id goes into the inbox, and unless it was there already or the order was
   * cancelled first, one task per producer is inserted. The order's row in orders_seen is upserted before the
   * tasks: an upsert waits for a cancel that holds the row and then reads the row as that cancel left it, which
   * a plain read of this statement's snapshot would not (see cancelled()).
   */
  async createTasks(order: OrderToFulfil, job: Job): Promise<'duplicate' | 'cancelled' | number> {
    const byProducer = new Map<string, OrderLineSnapshot[]>();
    for (const line of order.lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line]);
    const shares = [...byProducer];
    const [done] = await this.uow.statement<{ first: boolean; live: boolean; created: number }>(
      `WITH first AS (
         INSERT INTO ${SCHEMA}.inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1),
       seen AS (
         INSERT INTO logistics.orders_seen (order_id) SELECT $3 FROM first
         ON CONFLICT (order_id) DO UPDATE SET seen_at = now() RETURNING cancelled_at),
       live AS (SELECT 1 FROM seen WHERE cancelled_at IS NULL),
       tasks AS (
         INSERT INTO logistics.pack_tasks (order_id, producer_id, buyer_id, pickup_point_id, pickup_day, payment_method, lines, ordered_fen, perishable)
         SELECT $3, t.producer_id, $4, $5, $6::date, $7, t.lines, t.ordered_fen, t.perishable
           FROM live, unnest($8::uuid[], $9::jsonb[], $10::int[], $11::boolean[]) AS t(producer_id, lines, ordered_fen, perishable)
         ON CONFLICT ON CONSTRAINT pack_tasks_one_per_producer DO NOTHING RETURNING id)
       SELECT EXISTS (SELECT 1 FROM first) AS first, EXISTS (SELECT 1 FROM live) AS live, (SELECT count(*) FROM tasks)::int AS created`,
      [
        CONSUMER,
        String(job.id),
        order.orderId,
        order.buyerId,
        order.pickupPointId,
        order.pickupDay,
        order.paymentMethod,
        shares.map(([producerId]) => producerId),
        shares.map(([, lines]) => JSON.stringify(lines)),
        shares.map(([, lines]) => lines.reduce((s, l) => s + l.lineTotalFen, 0)),
        shares.map(([, lines]) => lines.some((l) => l.perishable)),
      ],
    );
    if (!done.first) return 'duplicate';
    if (!done.live) return 'cancelled';
    this.logger.log({ msg: 'pack tasks created', orderId: order.orderId, tasks: done.created });
    return done.created;
  }

  /** Open tasks are cancelled; parcels not yet on their way to the points are voided (the farmer sees it). */
  @OnJob('ordering.order.cancelled', 'logistics')
  cancelled(data: JobPayloads['ordering.order.cancelled'], job: Job) {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, SCHEMA, CONSUMER, String(job.id)))) return 'duplicate';
      // First, so that tasks being made for this order now are committed before the update below reads them,
      // and tasks made later see the cancel (createTasks upserts the same row).
      await tx.query(
        `INSERT INTO logistics.orders_seen (order_id, cancelled_at) VALUES ($1, now())
         ON CONFLICT (order_id) DO UPDATE SET cancelled_at = coalesce(orders_seen.cancelled_at, now())`,
        [data.orderId],
      );
      const tasks = await queryRows<{ id: string }>(
        tx,
        `UPDATE logistics.pack_tasks SET status = 'cancelled', cancelled_at = now(), updated_at = now()
          WHERE order_id = $1 AND status = 'open' RETURNING id`,
        [data.orderId],
      );
      const voided = await queryRows<{ id: string }>(
        tx,
        `UPDATE logistics.parcels SET status = 'voided', voided_at = now(), updated_at = now()
          WHERE order_id = $1 AND status = ANY($2::text[]) RETURNING id`,
        [data.orderId, VOIDABLE],
      );
      const late = await queryRows<{ id: string; status: string }>(
        tx,
        `SELECT id, status FROM logistics.parcels WHERE order_id = $1 AND status <> 'voided'`,
        [data.orderId],
      );
      if (late.length) this.logger.warn({ msg: 'order cancelled with parcels already on their way', orderId: data.orderId, parcels: late });
      return { cancelledTasks: tasks.length, voidedParcels: voided.length };
    });
  }
}
