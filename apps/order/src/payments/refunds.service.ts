import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '@app/database';
import { OutboxService } from '@app/queue';
import { lockOrder, moveOrder, orderEvent, publishOrder } from '../orders/order-store';
import { canMoveOrder } from '../orders/order-status';
import { OnlinePayments } from './online-payments';

/**
 * Refunds are requested inside the transaction that decides them (a refund row and a command in the
 * outbox), and executed by a job with the provider's idempotency key, so none is lost or paid twice.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger('Refunds');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly payments: OnlinePayments,
  ) {}

  /** The order's succeeded online payment (none: paymentId null, paid 0) and what of it is refunded or on its way back. */
  async refundable(tx: EntityManager, orderId: string): Promise<{ paymentId: string | null; paidFen: number; refundedFen: number }> {
    const [row] = await tx.query(
      `SELECT p.id AS "paymentId", coalesce(p.amount_fen, 0)::int AS "paidFen",
              (SELECT coalesce(sum(amount_fen), 0)::int FROM ordering.refunds WHERE order_id = $1 AND status <> 'failed') AS "refundedFen"
         FROM (SELECT 1) one
         LEFT JOIN ordering.payments p ON p.order_id = $1 AND p.provider = 'stripe' AND p.status = 'succeeded'`,
      [orderId],
    );
    return row;
  }

  /** Requests a refund of what the order's succeeded online payment has not yet had back. */
  async request(tx: EntityManager, orderId: string, reason: string, amountFen?: number): Promise<void> {
    const { paymentId, paidFen, refundedFen } = await this.refundable(tx, orderId);
    if (!paymentId) return; // nothing was paid online: nothing to give back
    const amount = Math.min(amountFen ?? paidFen, paidFen - refundedFen);
    if (amount <= 0) return;
    const [refund] = await tx.query(
      `INSERT INTO ordering.refunds (order_id, payment_id, amount_fen, reason, status) VALUES ($1, $2, $3, $4, 'pending') RETURNING id`,
      [orderId, paymentId, amount, reason],
    );
    await publishOrder(this.outbox, tx, 'ordering.refund.execute', { refundId: refund.id });
  }

  async execute(refundId: string): Promise<'done' | 'skipped'> {
    const rows: Array<{ id: string; order_id: string; amount_fen: number; status: string; provider_ref: string }> = await this.uow.dataSource.query(
      `SELECT r.id, r.order_id, r.amount_fen, r.status, p.provider_ref FROM ordering.refunds r JOIN ordering.payments p ON p.id = r.payment_id WHERE r.id = $1`,
      [refundId],
    );
    const refund = rows[0];
    if (!refund || refund.status !== 'pending') return 'skipped';
    // Safe to repeat: the provider sees the same idempotency key and answers with the same refund.
    const result = await this.payments.refund(refund.id, refund.provider_ref, refund.amount_fen);
    await this.uow.run(async (tx) => {
      const [current] = await tx.query(`SELECT status FROM ordering.refunds WHERE id = $1 FOR UPDATE`, [refundId]);
      if (current.status !== 'pending') return;
      const status = result.status === 'failed' ? 'failed' : 'succeeded';
      await tx.query(`UPDATE ordering.refunds SET status = $2, provider_ref = $3, updated_at = now() WHERE id = $1`, [refundId, status, result.providerRef]);
      if (status === 'failed') {
        this.logger.error({ msg: 'refund failed at the provider', refundId, orderId: refund.order_id });
        return;
      }
      let order = await lockOrder(tx, refund.order_id);
      await tx.query(`UPDATE ordering.orders SET refunded_fen = refunded_fen + $2 WHERE id = $1`, [order.id, refund.amount_fen]);
      order = { ...order, refunded_fen: order.refunded_fen + refund.amount_fen };
      // Line refunds during fulfilment leave the status alone; only a refund of everything ends the order.
      // An admin's refund of a paid order that is still being fulfilled gives the money back without
      // stopping the goods; cancelling the order is a separate decision.
      if (order.refunded_fen >= order.total_fen && order.status !== 'refunded' && canMoveOrder(order.status, 'refunded')) {
        order = await moveOrder(tx, order, 'refunded', `refund of ${refund.amount_fen} fen`);
      }
      await publishOrder(this.outbox, tx, 'ordering.order.refunded', { ...orderEvent(order), refundedFen: order.refunded_fen });
    });
    return 'done';
  }
}
