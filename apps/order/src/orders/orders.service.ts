import { Injectable } from '@nestjs/common';
import { AuthUser, isAdmin, requireOwnerOrAdmin } from '@app/auth';
import { UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { OutboxService } from '@app/queue';
import { CheckoutService } from './checkout.service';
import { CANCELLABLE } from './order-status';
import { findOrder, lockOrder, moveOrder, orderEvent, publishOrder } from './order-store';
import { loadOrderView } from './order.view';
import { RefundsService } from '../payments/refunds.service';

@Injectable()
export class OrdersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly refunds: RefundsService,
    private readonly checkout: CheckoutService,
  ) {}

  async get(caller: AuthUser, id: string) {
    const order = await findOrder(this.uow.dataSource.manager, id);
    if (!order || order.status === 'creating') throw notFound('Order');
    requireOwnerOrAdmin(caller, order.buyer_id, 'Order');
    return loadOrderView(this.uow.dataSource, id, order.buyer_id === caller.id);
  }

  /** The caller's own orders, newest first. */
  async list(caller: AuthUser, limit = 20) {
    const rows: Array<{ id: string }> = await this.uow.dataSource.query(
      `SELECT id FROM ordering.orders WHERE buyer_id = $1 AND status <> 'creating' ORDER BY created_at DESC LIMIT $2`,
      [caller.id, limit],
    );
    const items = await Promise.all(rows.map((r) => loadOrderView(this.uow.dataSource, r.id, false)));
    return { items };
  }

  /** Before fulfilment starts the buyer may cancel: stock and slot go back, a paid order is refunded. */
  async cancel(caller: AuthUser, id: string) {
    await this.uow.run(async (tx) => {
      const found = await findOrder(tx, id, true);
      if (!found || found.status === 'creating') throw notFound('Order');
      if (!isAdmin(caller)) requireOwnerOrAdmin(caller, found.buyer_id, 'Order');
      if (!CANCELLABLE.includes(found.status)) {
        throw new AppError('INVALID_TRANSITION', `An order that is ${found.status.replace(/_/g, ' ')} can no longer be cancelled`, { status: found.status });
      }
      const wasPaid = found.status === 'paid';
      const order = await moveOrder(tx, found, 'cancelled', isAdmin(caller) ? 'cancelled by an admin' : 'cancelled by the buyer');
      await publishOrder(this.outbox, tx, 'ordering.order.cancelled', orderEvent(order));
      await publishOrder(this.outbox, tx, 'ordering.order.release', { orderId: id });
      if (wasPaid) await this.refunds.request(tx, id, { kind: 'cancelled', note: 'order cancelled before fulfilment' });
    });
    return loadOrderView(this.uow.dataSource, id, true);
  }

  /** Retries creating the online payment when the provider was unreachable at checkout. */
  async retryPayment(caller: AuthUser, id: string) {
    const order = await findOrder(this.uow.dataSource.manager, id);
    if (!order || order.status === 'creating') throw notFound('Order');
    requireOwnerOrAdmin(caller, order.buyer_id, 'Order');
    if (order.status !== 'pending_payment') throw new AppError('INVALID_TRANSITION', 'Only an order awaiting online payment can be paid');
    await this.checkout.startPayment(id, order.total_fen);
    return loadOrderView(this.uow.dataSource, id, true);
  }

  /** Used by the expiry job: expires the order if it is still unpaid and due. */
  async expire(orderId: string): Promise<'expired' | 'not-pending' | 'not-yet'> {
    // Every paid order's delayed expiry still fires, 15 minutes on. No order ever goes back to
    // pending_payment, so a plain read settles those without a transaction or a row lock (which PostgreSQL
    // writes into the row and its WAL).
    const [now] = await this.uow.dataSource.query(`SELECT status FROM ordering.orders WHERE id = $1`, [orderId]);
    if (now?.status !== 'pending_payment') return 'not-pending';
    return this.uow.run(async (tx) => {
      const order = await lockOrder(tx, orderId).catch(() => null);
      if (!order || order.status !== 'pending_payment') return 'not-pending';
      if (order.expires_at && new Date(order.expires_at).getTime() > Date.now()) return 'not-yet';
      const moved = await moveOrder(tx, order, 'expired', 'not paid in time');
      await publishOrder(this.outbox, tx, 'ordering.order.expired', orderEvent(moved));
      await publishOrder(this.outbox, tx, 'ordering.order.release', { orderId });
      return 'expired';
    });
  }

  async overdue(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.uow.dataSource.query(
      `SELECT id FROM ordering.orders WHERE status = 'pending_payment' AND expires_at <= now() ORDER BY expires_at LIMIT 500`,
    );
    return rows.map((r) => r.id);
  }
}
