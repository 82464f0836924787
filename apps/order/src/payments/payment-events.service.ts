import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@app/database';
import { OutboxService, outboxInsertFrom } from '@app/queue';
import { fulfilPayloadSql, lockOrder, moveOrder, orderColumns, orderToFulfil, publishOrder } from '../orders/order-store';
import { assertOrderTransition } from '../orders/order-status';
import { PaymentEvent } from './online-payments';
import { RefundsService } from './refunds.service';

export type WebhookOutcome = 'duplicate' | 'unknown-payment' | 'paid' | 'refund-late-payment' | 'refund-settled' | 'recorded' | 'ignored';

/**
 * Applies verified payment events. Each event id is stored once, so a replay changes nothing; the
 * current state is checked before any move, so events out of order never move an order backwards.
 */
@Injectable()
export class PaymentEventsService {
  private readonly logger = new Logger('PaymentEvents');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly refunds: RefundsService,
  ) {}

  async apply(event: PaymentEvent): Promise<WebhookOutcome> {
    if (event.type === 'payment_succeeded') {
      const outcome = await this.payWaitingOrder(event);
      if (outcome) return outcome;
    }
    return this.applyInTransaction(event);
  }

  /**
   * The common case, a success for an order that is waiting for it, in one statement and no open
   * transaction: it locks the order if it is still waiting, and then writes the event id, the payment, the
   * move, its history and its messages, or writes nothing. Null when it wrote nothing (a replay, an order
   * that moved on, an unknown intent): the general path below then decides.
   */
  private async payWaitingOrder(event: PaymentEvent): Promise<WebhookOutcome | null> {
    assertOrderTransition('pending_payment', 'paid');
    const [done] = await this.uow.statement<{ waiting: boolean; fresh: boolean; moved: boolean }>(
      `WITH waiting AS (
         SELECT id FROM ordering.orders
          WHERE id = (SELECT order_id FROM ordering.payments WHERE provider = 'stripe' AND provider_ref = $1) AND status = 'pending_payment'
            FOR UPDATE),
       fresh AS (
         INSERT INTO ordering.stripe_events (id, type, payment_intent) SELECT $2, $3, $1 FROM waiting
         ON CONFLICT (id) DO NOTHING RETURNING id),
       payment AS (
         UPDATE ordering.payments SET status = 'succeeded', last_error = NULL, updated_at = now()
          WHERE provider = 'stripe' AND provider_ref = $1 AND status <> 'succeeded' AND EXISTS (SELECT 1 FROM fresh) RETURNING id),
       moved AS (
         UPDATE ordering.orders o SET status = 'paid', updated_at = now()
           FROM waiting WHERE o.id = waiting.id AND EXISTS (SELECT 1 FROM payment) RETURNING ${orderColumns('o')}),
       history AS (
         INSERT INTO ordering.order_events (order_id, from_status, to_status, reason)
         SELECT id, 'pending_payment', 'paid', $4 FROM moved),
       outbox AS (${outboxInsertFrom('ordering', 'moved', [
         { name: 'ordering.order.paid', payload: fulfilPayloadSql('moved') },
         { name: 'ordering.stock.commit', payload: `jsonb_strip_nulls(jsonb_build_object('orderId', moved.id, 'reservationId', moved.reservation_id))` },
       ])})
       SELECT EXISTS (SELECT 1 FROM waiting) AS waiting, EXISTS (SELECT 1 FROM fresh) AS fresh, EXISTS (SELECT 1 FROM moved) AS moved`,
      [event.providerRef, event.id, event.rawType, `payment ${event.providerRef} succeeded`],
    );
    if (!done.waiting) return null;
    if (!done.fresh) return 'duplicate';
    if (!done.moved) return 'ignored'; // the payment had succeeded already
    this.outbox.wake('ordering');
    return 'paid';
  }

  private async applyInTransaction(event: PaymentEvent): Promise<WebhookOutcome> {
    return this.uow.run(async (tx) => {
      const fresh: unknown[] = await tx.query(
        `INSERT INTO ordering.stripe_events (id, type, payment_intent) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.rawType, event.providerRef],
      );
      if (!fresh.length) return 'duplicate';
      if (event.type === 'refund_updated' && event.refund) {
        const outcome = await this.refunds.settle(tx, { refundId: event.refund.refundId, providerRef: event.providerRef }, event.refund.status);
        if (outcome === 'unknown') this.logger.warn({ msg: 'refund event for a refund this platform did not ask for', event: event.id });
        return outcome === 'done' ? 'refund-settled' : outcome === 'awaiting' ? 'recorded' : 'ignored';
      }
      if (event.type !== 'payment_succeeded' && event.type !== 'payment_failed') return 'ignored';
      const payments: Array<{ id: string; order_id: string; status: string; amount_fen: number }> = await tx.query(
        `SELECT id, order_id, status, amount_fen FROM ordering.payments WHERE provider = 'stripe' AND provider_ref = $1 FOR UPDATE`,
        [event.providerRef],
      );
      const payment = payments[0];
      if (!payment) {
        this.logger.warn({ msg: 'payment event for an unknown payment intent', event: event.id });
        return 'unknown-payment';
      }
      if (event.type === 'payment_failed') {
        if (payment.status === 'succeeded') return 'ignored'; // an older failure arriving after the success
        await tx.query(`UPDATE ordering.payments SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`, [payment.id, event.failureMessage]);
        return 'recorded';
      }
      if (payment.status === 'succeeded') return 'ignored';
      await tx.query(`UPDATE ordering.payments SET status = 'succeeded', last_error = NULL, updated_at = now() WHERE id = $1`, [payment.id]);
      const order = await lockOrder(tx, payment.order_id);
      if (order.status === 'pending_payment') {
        const paid = await moveOrder(tx, order, 'paid', `payment ${event.providerRef} succeeded`);
        await publishOrder(this.outbox, tx, 'ordering.order.paid', await orderToFulfil(tx, paid));
        await publishOrder(this.outbox, tx, 'ordering.stock.commit', { orderId: order.id, reservationId: order.reservation_id ?? undefined });
        return 'paid';
      }
      if (order.status === 'expired' || order.status === 'cancelled') {
        // The money arrived for an order that no longer holds stock: give it back, never keep it.
        await this.refunds.request(tx, order.id, { kind: 'late_payment', note: `payment arrived after the order was ${order.status}` });
        return 'refund-late-payment';
      }
      return 'ignored';
    });
  }
}
