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
   * cancelled first, one task per producer is inserted.
   */
  async createTasks(order: OrderToFulfil, job: Job): Promise<'duplicate' | 'cancelled' | number> {
    const byProducer = new Map<string, OrderLineSnapshot[]>();
    for (const line of order.lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line]);
    const shares = [...byProducer];
    const [done] = await this.uow.statement<{ first: boolean; live: boolean; created: number }>(
      `WITH first AS (
         INSERT INTO ${SCHEMA}.inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1),
       live AS (SELECT 1 FROM first WHERE NOT EXISTS (SELECT 1 FROM logistics.cancelled_orders WHERE order_id = $3)),
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
      await tx.query(`INSERT INTO logistics.cancelled_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING`, [data.orderId]);
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
