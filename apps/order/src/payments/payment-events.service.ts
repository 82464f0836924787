import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@app/database';
import { OutboxService } from '@app/queue';
import { lockOrder, moveOrder, orderToFulfil, publishOrder } from '../orders/order-store';
import { PaymentEvent } from './online-payments';
import { RefundsService } from './refunds.service';

export type WebhookOutcome = 'duplicate' | 'unknown-payment' | 'paid' | 'refund-late-payment' | 'recorded' | 'ignored';

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
    return this.uow.run(async (tx) => {
      const fresh: unknown[] = await tx.query(
        `INSERT INTO ordering.stripe_events (id, type, payment_intent) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.rawType, event.providerRef],
      );
      if (!fresh.length) return 'duplicate';
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
        await publishOrder(this.outbox, tx, 'ordering.stock.commit', { orderId: order.id });
        return 'paid';
      }
      if (order.status === 'expired' || order.status === 'cancelled') {
        // The money arrived for an order that no longer holds stock: give it back, never keep it.
        await this.refunds.request(tx, order.id, `payment arrived after the order was ${order.status}`);
        return 'refund-late-payment';
      }
      return 'ignored';
    });
  }
}
