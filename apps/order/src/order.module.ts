import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { remoteClient } from '@app/auth';
import { HttpPickupClient, HttpStockClient, PICKUP_CLIENT, PRODUCT_LOOKUP_CLIENT, STOCK_CLIENT } from '@app/contracts';
import { CartController } from './cart/cart.controller';
import { CartService } from './cart/cart.service';
import { FulfilmentConsumer } from './fulfilment/fulfilment.consumer';
import { CheckoutService } from './orders/checkout.service';
import { OrderJobs } from './orders/order.jobs';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { OnlinePayments } from './payments/online-payments';
import { PaymentEventsService } from './payments/payment-events.service';
import { RefundsController } from './payments/refunds.controller';
import { RefundsService } from './payments/refunds.service';
import { StripePayments } from './payments/stripe-payments';
import { StripeWebhookController } from './payments/stripe-webhook.controller';

export interface OrderModuleOptions {
  /** The catalog module when it runs in this process; else the catalog is called over HTTP at CATALOG_URL. */
  catalog?: Type;
  /** The pickup-point module when it runs in this process; else it is called over HTTP at PICKUP_URL. */
  pickup?: Type | DynamicModule;
}

/** Carts, orders, payments (Stripe or pay at pickup) and refunds. Schema: ordering. */
@Module({})
export class OrderModule {
  static register(opts: OrderModuleOptions): DynamicModule {
    const remote: Provider[] = [];
    if (!opts.catalog) {
      remote.push(
        remoteClient(HttpStockClient, 'CATALOG_URL', 'order', (url, token) => new HttpStockClient(url, token)),
        { provide: STOCK_CLIENT, useExisting: HttpStockClient },
        { provide: PRODUCT_LOOKUP_CLIENT, useExisting: HttpStockClient },
      );
    }
    if (!opts.pickup) {
      remote.push(remoteClient(PICKUP_CLIENT, 'PICKUP_URL', 'order', (url, token) => new HttpPickupClient(url, token)));
    }
    return {
      module: OrderModule,
      imports: [opts.catalog, opts.pickup].filter((m): m is Type | DynamicModule => Boolean(m)),
      controllers: [CartController, OrdersController, StripeWebhookController, RefundsController],
      providers: [
        ...remote,
        CartService,
        CheckoutService,
        OrdersService,
        OrderJobs,
        FulfilmentConsumer,
        RefundsService,
        PaymentEventsService,
        { provide: OnlinePayments, useClass: StripePayments },
      ],
    };
  }
}
