import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '@app/database';
import { conflict, notFound } from '@app/errors';
import { OutboxService } from '@app/queue';
import { findOrder, lockOrder, moveOrder, orderEvent, publishOrder } from '../orders/order-store';
import { canMoveOrder } from '../orders/order-status';
import { OnlinePayments, RefundState } from './online-payments';

/** Why money goes back: buyers' screens say the kind in their language; the note is for operators. */
export type RefundKind = 'cancelled' | 'late_payment' | 'short' | 'lighter' | 'missing' | 'damaged' | 'uncollected' | 'admin';
/** A refund as we know it (our id) or as the provider does (its id); either may be null. */
export interface RefundRef {
  refundId: string | null;
  providerRef: string | null;
}

export interface RefundWhy {
  kind: RefundKind;
  note: string;
  /** The admin who asked, for refunds made by hand. */
  by?: string;
}

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

  /**
   * Requests a refund of what the order's succeeded online payment has not yet had back, at most `amountFen`.
   * Returns the refund's id, or null when nothing paid online is left to give back.
   */
  async request(tx: EntityManager, orderId: string, why: RefundWhy, amountFen?: number, retryOf?: string): Promise<string | null> {
    const { paymentId, paidFen, refundedFen } = await this.refundable(tx, orderId);
    if (!paymentId) return null; // nothing was paid online: nothing to give back
    const amount = Math.min(amountFen ?? paidFen, paidFen - refundedFen);
    if (amount <= 0) return null;
    const [refund] = await tx.query(
      `INSERT INTO ordering.refunds (order_id, payment_id, amount_fen, reason, kind, requested_by, status, retry_of)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id`,
      [orderId, paymentId, amount, why.note, why.kind, why.by ?? null, retryOf ?? null],
    );
    await publishOrder(this.outbox, tx, 'ordering.refund.execute', { refundId: refund.id });
    return refund.id;
  }

  /**
   * An admin asks again for a refund the provider failed: a new refund of the same kind and note, naming the
   * failed one, with its own idempotency key (the provider would answer the old key with the old failure).
   * Each failed refund is tried again at most once; a later failure of the new one can be tried again in turn.
   * Never more than what is left of the payment goes back. Returns the new refund's id.
   */
  async retry(tx: EntityManager, failedId: string, by: string): Promise<string> {
    const [failed]: Array<{ id: string; order_id: string; amount_fen: number; kind: RefundKind; reason: string; status: string }> = await tx.query(
      `SELECT id, order_id, amount_fen, kind, reason, status FROM ordering.refunds WHERE id = $1 FOR UPDATE`,
      [failedId],
    );
    if (!failed) throw notFound('Refund');
    if (failed.status !== 'failed') throw conflict(`Only a failed refund can be tried again; this one is ${failed.status}`);
    // Read after the lock, so an admin who waited on it sees the retry the first one made.
    const [earlier] = await tx.query(`SELECT id FROM ordering.refunds WHERE retry_of = $1`, [failedId]);
    if (earlier) throw conflict('This refund has already been tried again', { refundId: earlier.id });
    await findOrder(tx, failed.order_id, true); // refunds of one order are decided one at a time
    const again = await this.request(tx, failed.order_id, { kind: failed.kind, note: failed.reason, by }, failed.amount_fen, failedId);
    if (!again) throw conflict('Nothing paid online is left to refund on this order');
    return again;
  }

  async execute(refundId: string): Promise<'done' | 'awaiting' | 'skipped'> {
    const rows: Array<{ id: string; order_id: string; amount_fen: number; status: string; provider_ref: string }> = await this.uow.dataSource.query(
      `SELECT r.id, r.order_id, r.amount_fen, r.status, p.provider_ref FROM ordering.refunds r JOIN ordering.payments p ON p.id = r.payment_id WHERE r.id = $1`,
      [refundId],
    );
    const refund = rows[0];
    if (!refund || refund.status !== 'pending') return 'skipped';
    // Safe to repeat: the provider sees the same idempotency key and answers with the same refund.
    const result = await this.payments.refund(refund.id, refund.provider_ref, refund.amount_fen);
    const outcome = await this.uow.run((tx) => this.settle(tx, { refundId, providerRef: result.providerRef }, result.status));
    return outcome === 'unknown' ? 'skipped' : outcome;
  }

  /**
   * Applies what the provider says of a refund we asked for. Pending, it only records the provider's id and
   * waits: the money is not back yet, so neither the order nor the buyer is told it is (the refund's webhook or
   * recheckPending() settles it later). Failed, it is marked so and logged for someone to act on. Succeeded,
   * the order counts it and, when everything is back, becomes refunded. Only a pending refund moves.
   */
  async settle(tx: EntityManager, which: RefundRef, state: RefundState): Promise<'done' | 'awaiting' | 'skipped' | 'unknown'> {
    // Ours by the id we gave it, or by the provider's: a refund event may come before execute() stored it.
    const [current]: Array<{ id: string; status: string; order_id: string; amount_fen: number }> = await tx.query(
      `SELECT id, status, order_id, amount_fen FROM ordering.refunds
        WHERE ($1::text IS NOT NULL AND id::text = $1) OR ($2::text IS NOT NULL AND provider_ref = $2) LIMIT 1 FOR UPDATE`,
      [which.refundId, which.providerRef],
    );
    if (!current) return 'unknown';
    if (current.status !== 'pending') return 'skipped';
    await tx.query(`UPDATE ordering.refunds SET status = $2, provider_ref = coalesce($3, provider_ref), updated_at = now() WHERE id = $1`, [
      current.id,
      state,
      which.providerRef,
    ]);
    if (state === 'pending') return 'awaiting';
    if (state === 'failed') {
      this.logger.error({ msg: 'refund failed at the provider', refundId: current.id, orderId: current.order_id });
      return 'done';
    }
    let order = await lockOrder(tx, current.order_id);
    await tx.query(`UPDATE ordering.orders SET refunded_fen = refunded_fen + $2 WHERE id = $1`, [order.id, current.amount_fen]);
    order = { ...order, refunded_fen: order.refunded_fen + current.amount_fen };
    // Line refunds during fulfilment leave the status alone; only a refund of everything ends the order.
    // An admin's refund of a paid order that is still being fulfilled gives the money back without
    // stopping the goods; cancelling the order is a separate decision.
    if (order.refunded_fen >= order.total_fen && order.status !== 'refunded' && canMoveOrder(order.status, 'refunded')) {
      order = await moveOrder(tx, order, 'refunded', `refund of ${current.amount_fen} fen`);
    }
    await publishOrder(this.outbox, tx, 'ordering.order.refunded', { ...orderEvent(order), refundedFen: order.refunded_fen });
    return 'done';
  }

  /**
   * Asks the provider about refunds still pending there after `olderThanSeconds` (a webhook may never come),
   * for the periodic sweep. Returns how many it settled.
   */
  async recheckPending(olderThanSeconds = 600, limit = 50): Promise<number> {
    if (!this.payments.enabled) return 0;
    const rows: Array<{ id: string; provider_ref: string }> = await this.uow.dataSource.query(
      `SELECT id, provider_ref FROM ordering.refunds
        WHERE status = 'pending' AND provider_ref IS NOT NULL AND updated_at < now() - make_interval(secs => $1)
        ORDER BY updated_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
    let settled = 0;
    for (const r of rows) {
      const state = await this.payments.refundState(r.provider_ref);
      const outcome = await this.uow.run((tx) => this.settle(tx, { refundId: r.id, providerRef: r.provider_ref }, state));
      if (outcome === 'done') settled++;
    }
    return settled;
  }
}
