import { Inject, Injectable, Logger } from '@nestjs/common';
import { PICKUP_CLIENT, PickupClient, STOCK_CLIENT, StockClient } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { AppError } from '@app/errors';
import { JobPayloads, OnJob } from '@app/queue';
import { RefundsService } from '../payments/refunds.service';
import { CheckoutService } from './checkout.service';
import { findOrder } from './order-store';
import { GONE } from './order-status';
import { OrdersService } from './orders.service';

class NotDueYet extends Error {}

/** The order service's own follow-up jobs. Each is safe to run twice. */
@Injectable()
export class OrderJobs {
  private readonly logger = new Logger('OrderJobs');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: OrdersService,
    private readonly checkout: CheckoutService,
    private readonly refunds: RefundsService,
    @Inject(STOCK_CLIENT) private readonly stock: StockClient,
    @Inject(PICKUP_CLIENT) private readonly pickup: PickupClient,
  ) {}

  @OnJob('ordering.order.expire')
  async expire(data: JobPayloads['ordering.order.expire']) {
    const outcome = await this.orders.expire(data.orderId);
    if (outcome === 'not-yet') throw new NotDueYet(`order ${data.orderId} is not due yet`);
    return outcome;
  }

  @OnJob('ordering.order.sweep')
  async sweep() {
    let expired = 0;
    for (const id of await this.orders.overdue()) if ((await this.orders.expire(id)) === 'expired') expired++;
    const abandoned = await this.checkout.abandonStale();
    // A refund the provider left pending, whose webhook has not come (or never will): ask.
    const refunds = await this.refunds.recheckPending();
    if (expired || abandoned || refunds) this.logger.log({ msg: 'order sweep', expired, abandoned, refunds });
    return { expired, abandoned, refunds };
  }

  /**
   * Paid or confirmed: the reserved stock becomes sold. The reservation is committed without reading the
   * order first; if it was given back meanwhile (the order was cancelled or expired while this job waited),
   * the order says whether that is the end of it.
   */
  @OnJob('ordering.stock.commit')
  async commitStock(data: JobPayloads['ordering.stock.commit']) {
    const reservationId = data.reservationId ?? (await findOrder(this.uow.dataSource.manager, data.orderId))?.reservation_id;
    if (!reservationId) return 'no-reservation';
    try {
      await this.stock.commit(reservationId);
      return 'committed';
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'INVALID_TRANSITION')) throw err;
      const order = await findOrder(this.uow.dataSource.manager, data.orderId);
      if (order && GONE.includes(order.status)) return 'order-gone';
      throw err;
    }
  }

  /** Cancelled or expired: stock (held or already sold) and the pickup slot go back. */
  @OnJob('ordering.order.release')
  async release(data: JobPayloads['ordering.order.release']) {
    const order = await findOrder(this.uow.dataSource.manager, data.orderId);
    if (!order) return 'no-order';
    if (order.reservation_id) {
      try {
        await this.stock.release(order.reservation_id);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'INVALID_TRANSITION')) throw err;
        await this.stock.restock(order.reservation_id); // it had been committed: put the sold stock back
      }
    }
    await this.pickup.release(order.id);
    return 'released';
  }

  /** None of the goods will come: the slot goes back; the stock does not (what was short was never there). */
  @OnJob('ordering.slot.release')
  async releaseSlot(data: JobPayloads['ordering.slot.release']) {
    return (await this.pickup.release(data.orderId)) ? 'released' : 'no-hold';
  }

  @OnJob('ordering.refund.execute')
  async refund(data: JobPayloads['ordering.refund.execute']) {
    return this.refunds.execute(data.refundId);
  }
}
