import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthUser, requireRole } from '@app/auth';
import { Env } from '@app/config';
import {
  addDays,
  earliestPickupDay,
  PICKUP_CLIENT,
  PickupClient,
  PRODUCT_LOOKUP_CLIENT,
  ProductLookupClient,
  ReservationView,
  STOCK_CLIENT,
  StockClient,
  todayInChina,
} from '@app/contracts';
import { commitWaitCte, commitWaitSetting, UnitOfWork } from '@app/database';
import { AppError, invalid } from '@app/errors';
import { lineTotal, sumFen } from '@app/money';
import { message, OrderEvent, OrderLineSnapshot, OutboxService, outboxInsert } from '@app/queue';
import { OnlinePayments } from '../payments/online-payments';
import { PlaceOrderDto } from './dto/place-order.dto';
import { byProducerThenProduct, ORDER_COLUMNS } from './order-store';
import { assertOrderTransition, OrderStatus } from './order-status';
import { loadOrderView, orderView, OrderViewRow, viewAggregates } from './order.view';
import { Gate } from './gate';
import { Twin, TwinReads } from './twin-reads';
import { dayProblem } from './pickup-days';

interface Checked {
  now: Date;
}

const KEY = /^[A-Za-z0-9:_-]{8,100}$/;
const WAIT_FOR_TWIN_MS = 15_000;

type Item = { productId: string; quantity: number };

/** check() refused an order before its key was claimed. */
class Refused {
  constructor(readonly reason: unknown) {}
}

function normalize(items: Item[]): Item[] {
  const sums = new Map<string, number>();
  for (const i of items) sums.set(i.productId.toLowerCase(), (sums.get(i.productId.toLowerCase()) ?? 0) + i.quantity);
  return [...sums].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

/**
 * Placing an order. The Idempotency-Key is claimed first (a unique row), so a double tap makes one
 * order; then stock is reserved in the catalog and a slot held at the pickup point; if either fails,
 * the other is given back and the claim is removed, so nothing is kept.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger('Checkout');
  private readonly gate: Gate;
  private readonly twins: TwinReads;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly env: Env,
    private readonly payments: OnlinePayments,
    @Inject(STOCK_CLIENT) private readonly stock: StockClient,
    @Inject(PRODUCT_LOOKUP_CLIENT) private readonly catalog: ProductLookupClient,
    @Inject(PICKUP_CLIENT) private readonly pickup: PickupClient,
  ) {
    this.gate = new Gate(env.CHECKOUT_CONCURRENCY);
    this.twins = new TwinReads(uow);
  }

  async place(caller: AuthUser, key: string | undefined, dto: PlaceOrderDto) {
    requireRole(caller, 'buyer');
    if (!key || !KEY.test(key)) throw invalid('Idempotency-Key', 'send an Idempotency-Key header of 8-100 letters, digits, ":", "_" or "-"');
    if (dto.paymentMethod === 'online' && !this.payments.enabled) {
      throw new AppError('PAYMENT_FAILED', 'Online payment is not available here; choose pay at pickup (到店付款)');
    }
    const items = dto.items ? normalize(dto.items) : null;
    if (items && !items.length) throw invalid('items', 'the cart is empty');
    // The key stands for the request as sent. An order from the cart is "the cart", whatever the cart holds
    // when a retry arrives: the first attempt emptied it, and the retry must still answer that order.
    const hash = createHash('sha256')
      .update(JSON.stringify({ items: items ?? 'cart', point: dto.pickupPointId.toLowerCase(), day: dto.pickupDay, pay: dto.paymentMethod }))
      .digest('hex');

    try {
      return await this.gate.run(() => this.claimAndBuild(caller, key, dto, items, hash));
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      // Refused before claiming: unless this key already has its order (a retry), the refusal stands. Asked
      // after leaving the gate, so a sale's refusals are answered together (twin-reads.ts), not sixteen at a time.
      const twin = await this.awaitTwin(caller.id, key);
      if (!twin) throw err.reason;
      return this.answerTwin(twin, hash);
    }
  }

  private async claimAndBuild(caller: AuthUser, key: string, dto: PlaceOrderDto, given: Item[] | null, hash: string) {
    // Checked once admitted through the gate and before the key is claimed, so a sold-out flash sale refuses
    // from what the catalog last said (often this process's memory) instead of a claim, a failed reservation
    // and an undo. Checked outside the gate, every buyer of a sale would pass together, while the stock is
    // still there. An order from the cart is checked once the claim has read the cart.
    const checked = given ? await this.check(given, dto).catch((err: unknown) => Promise.reject(new Refused(err))) : null;
    for (;;) {
      const claimed = await this.claim(caller.id, key, hash, dto, !given);
      if (claimed) {
        try {
          const items = given ?? normalize(claimed.cart);
          if (!items.length) throw invalid('items', 'the cart is empty');
          const order = await this.build(claimed.id, caller.id, items, dto, !given, checked ?? (await this.check(items, dto)));
          return { created: true, order };
        } catch (err) {
          await this.freeKey(claimed.id);
          throw err;
        }
      }
      const twin = await this.awaitTwin(caller.id, key);
      if (twin) return this.answerTwin(twin, hash);
      // the first attempt failed and gave the key back: try it ourselves
    }
  }

  private async answerTwin(twin: Twin, hash: string) {
    if (twin.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used for a different order', { orderId: twin.id });
    }
    return { created: false, order: await loadOrderView(this.uow.dataSource, twin.id, true) };
  }

  /**
   * Claims the key for a new order (null if it is taken), reading the buyer's cart in the same statement when
   * the order is the cart. The claim does not wait for its flush: the order's write, which does, follows in
   * this database (commit-wait.ts).
   */
  private async claim(buyerId: string, key: string, hash: string, dto: PlaceOrderDto, withCart: boolean): Promise<{ id: string; cart: Item[] } | null> {
    const rows = await this.uow.statement<{ id: string; product_id: string | null; quantity: number | null }>(
      `WITH durability AS (${commitWaitCte('$7')}),
       claimed AS (
         INSERT INTO ordering.orders (buyer_id, idempotency_key, request_hash, status, payment_method, pickup_point_id, pickup_day)
         SELECT $1, $2, $3, 'creating', $4, $5, $6 FROM durability
         ON CONFLICT (buyer_id, idempotency_key) DO NOTHING RETURNING id)
       SELECT c.id, l.product_id, l.quantity FROM claimed c
         LEFT JOIN ordering.cart_lines l ON $8::boolean AND l.buyer_id = $1`,
      [buyerId, key, hash, dto.paymentMethod, dto.pickupPointId, dto.pickupDay, commitWaitSetting('no-wait'), withCart],
    );
    if (!rows.length) return null;
    const cart = rows.filter((r) => r.product_id !== null).map((r) => ({ productId: r.product_id as string, quantity: r.quantity as number }));
    return { id: rows[0].id, cart };
  }

  /** Waits while a concurrent request with the same key is still placing its order. */
  private async awaitTwin(buyerId: string, key: string): Promise<Twin | null> {
    const until = Date.now() + WAIT_FOR_TWIN_MS;
    for (;;) {
      const twin = await this.twins.find(buyerId, key);
      if (!twin || twin.status !== 'creating') return twin;
      if (Date.now() > until) throw new AppError('CONFLICT', 'The same order is still being placed; try again in a moment');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * What can be refused without holding anything: the day and the products (on sale, in stock as far as
   * the catalog can tell now, fit for the day). The reservation that follows is still the authority on stock.
   */
  private async check(items: Array<{ productId: string; quantity: number }>, dto: PlaceOrderDto): Promise<Checked> {
    const now = new Date();
    const today = todayInChina(now);
    const earliest = earliestPickupDay(now, this.env.ORDER_CUTOFF);
    const latest = addDays(today, this.env.PICKUP_HORIZON_DAYS);
    if (dto.pickupDay < earliest) throw invalid('pickupDay', `the earliest pickup day for an order placed now is ${earliest}`);
    if (dto.pickupDay > latest) throw invalid('pickupDay', `choose a pickup day by ${latest}`);

    const products = new Map((await this.catalog.lookup(items.map((i) => i.productId))).map((p) => [p.id, p]));
    for (const item of items) {
      const p = products.get(item.productId);
      if (!p || !p.onSale) throw new AppError('PRODUCT_UNAVAILABLE', 'A product in the order is no longer on sale', { productId: item.productId });
      if (p.stockAvailable < item.quantity) {
        throw new AppError('INSUFFICIENT_STOCK', `${p.titleZh}: only ${p.stockAvailable} left`, { productId: p.id, available: p.stockAvailable, requested: item.quantity });
      }
      const problem = dayProblem({ ...p, productId: p.id }, dto.pickupDay, today);
      if (problem) throw invalid('pickupDay', problem);
    }
    // The point is not looked up here: holding the slot refuses a point that is not taking orders.
    return { now };
  }

  private async build(
    orderId: string,
    buyerId: string,
    items: Array<{ productId: string; quantity: number }>,
    dto: PlaceOrderDto,
    fromCart: boolean,
    { now }: Checked,
  ) {
    const online = dto.paymentMethod === 'online';
    const reservation: ReservationView = await this.stock.reserve({
      idempotencyKey: `order-${orderId}`,
      items,
      // Outlives the order's own expiry, so the order (not the catalog) decides when stock goes back.
      ttlSeconds: online ? this.env.ORDER_PAYMENT_TTL_SECONDS + 600 : 3600,
    });
    try {
      // check() may have judged the day on a product as it was a moment ago; the reservation's lines are as it is.
      const today = todayInChina(now);
      for (const line of reservation.lines) {
        const problem = dayProblem(line, dto.pickupDay, today);
        if (problem) throw invalid('pickupDay', problem);
      }
      await this.pickup.hold({ orderId, pointId: dto.pickupPointId, day: dto.pickupDay });
      return await this.record(orderId, buyerId, items, dto, fromCart, now, reservation);
    } catch (err) {
      // What was held goes back (a failed reservation held nothing, so it never gets here). A crash right here
      // leaves the reservation to expire by itself (its TTL) and the sweep to drop the order and its slot.
      await this.stock.release(reservation.id).catch((e) => this.logger.warn({ msg: 'could not release a reservation yet', orderId, err: (e as Error).message }));
      await this.pickup.release(orderId).catch((e) => this.logger.warn({ msg: 'could not release a slot yet', orderId, err: (e as Error).message }));
      throw err;
    }
  }

  /**
   * Writes the placed order in one statement: its totals and status, its lines, its payment (the intent made
   * just before), its history, its messages and the cart. Each is written only if the claimed order is still
   * there and still being created (the sweep deletes claims left in 'creating' too long).
   */
  private async record(
    orderId: string,
    buyerId: string,
    items: Array<{ productId: string; quantity: number }>,
    dto: PlaceOrderDto,
    fromCart: boolean,
    now: Date,
    reservation: ReservationView,
  ) {
    const online = dto.paymentMethod === 'online';
    const to: OrderStatus = online ? 'pending_payment' : 'confirmed';
    assertOrderTransition('creating', to);
    const lines: OrderLineSnapshot[] = reservation.lines.map((l) => ({
      productId: l.productId,
      producerId: l.producerId,
      titleZh: l.titleZh,
      unit: l.unit,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen: lineTotal(l.unitPriceFen, l.quantity),
      perishable: l.perishable,
    }));
    const itemsFen = sumFen(lines.map((l) => l.lineTotalFen));
    const expiresAt = online ? new Date(now.getTime() + this.env.ORDER_PAYMENT_TTL_SECONDS * 1000) : null;
    // Made before the order is written, so the order and its payment land in one commit. If the write
    // then fails, the intent is left unpaid and unseen (nobody got its secret), which costs nothing.
    const intent = online ? await this.createIntent(orderId, itemsFen) : null;
    const event: OrderEvent = {
      orderId,
      buyerId,
      pickupPointId: dto.pickupPointId.toLowerCase(),
      pickupDay: dto.pickupDay,
      totalFen: itemsFen,
      paymentMethod: dto.paymentMethod,
    };
    const messages = online
      ? [message('ordering.order.placed', event), message('ordering.order.expire', { orderId }, expiresAt!)]
      : [
          message('ordering.order.placed', event),
          message('ordering.order.confirmed', { ...event, lines: [...lines].sort(byProducerThenProduct) }),
          message('ordering.stock.commit', { orderId, reservationId: reservation.id }),
        ];
    const outbox = outboxInsert('ordering', messages, 22, 'EXISTS (SELECT 1 FROM o)');
    const [placed] = await this.uow.statement<OrderViewRow>(
      `WITH o AS (
         UPDATE ordering.orders SET status = $20, items_fen = $2, total_fen = $2, expires_at = $3, placed_at = now(), reservation_id = $4, updated_at = now()
          WHERE id = $1 AND status = 'creating' RETURNING ${ORDER_COLUMNS}),
       lines AS (
         INSERT INTO ordering.order_lines (order_id, product_id, producer_id, title_zh, unit, unit_price_fen, quantity, line_total_fen, perishable)
         SELECT o.id, l.* FROM o, unnest($5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::int[], $10::int[], $11::int[], $12::boolean[]) AS l
         RETURNING *),
       payment AS (
         INSERT INTO ordering.payments (order_id, provider, amount_fen, status, provider_ref, client_secret, last_error)
         SELECT o.id, $13, $2, 'requires_payment', $14, $15, $16 FROM o RETURNING *),
       cart AS (
         DELETE FROM ordering.cart_lines WHERE $17::boolean AND buyer_id = $18 AND product_id = ANY($19::uuid[]) AND EXISTS (SELECT 1 FROM o)),
       history AS (
         INSERT INTO ordering.order_events (order_id, from_status, to_status, reason) SELECT o.id, 'creating', o.status, $21 FROM o RETURNING *),
       outbox AS (${outbox.sql})
       SELECT o.*, ${viewAggregates('lines l', 'history e', 'payment p')} FROM o`,
      [
        orderId,
        itemsFen,
        expiresAt,
        reservation.id,
        lines.map((l) => l.productId),
        lines.map((l) => l.producerId),
        lines.map((l) => l.titleZh),
        lines.map((l) => l.unit),
        lines.map((l) => l.unitPriceFen),
        lines.map((l) => l.quantity),
        lines.map((l) => l.lineTotalFen),
        lines.map((l) => l.perishable),
        online ? 'stripe' : 'pay_at_pickup',
        intent?.providerRef ?? null,
        intent?.clientSecret ?? null,
        online && !intent ? 'payment provider unavailable' : null,
        fromCart,
        buyerId,
        items.map((i) => i.productId),
        to,
        online ? 'placed, awaiting online payment' : 'placed, pay at pickup',
        ...outbox.params,
      ],
    );
    if (!placed) throw new AppError('NOT_FOUND', 'Order not found');
    this.outbox.wake('ordering');
    return orderView(placed, true);
  }

  private async createIntent(orderId: string, amountFen: number) {
    try {
      return await this.payments.createIntent(orderId, amountFen);
    } catch (err) {
      this.logger.warn({ msg: 'could not create the payment intent yet', orderId, err: (err as Error).message });
      return null;
    }
  }

  /** Creates the PaymentIntent for a waiting order; if Stripe is unreachable the buyer can retry. */
  async startPayment(orderId: string, amountFen: number): Promise<void> {
    try {
      const intent = await this.payments.createIntent(orderId, amountFen);
      await this.uow.dataSource.query(
        `UPDATE ordering.payments SET provider_ref = $2, client_secret = $3, updated_at = now() WHERE order_id = $1 AND provider = 'stripe'`,
        [orderId, intent.providerRef, intent.clientSecret],
      );
    } catch (err) {
      this.logger.warn({ msg: 'could not create the payment intent yet', orderId, err: (err as Error).message });
      await this.uow.dataSource.query(`UPDATE ordering.payments SET last_error = $2, updated_at = now() WHERE order_id = $1`, [orderId, 'payment provider unavailable']);
    }
  }

  /** Frees a failed placement's key, so the same key may try again. */
  private async freeKey(orderId: string): Promise<void> {
    await this.uow
      .statement(`DELETE FROM ordering.orders WHERE id = $1 AND status = 'creating'`, [orderId])
      // The sweep finishes the job: stale 'creating' orders are abandoned again after a while.
      .catch((err) => this.logger.warn({ msg: 'could not undo a failed placement yet', orderId, err: (err as Error).message }));
  }

  /** Gives back whatever slot a placement left in 'creating' may hold, and frees its key. */
  private async abandon(orderId: string): Promise<void> {
    try {
      await this.pickup.release(orderId);
    } catch (err) {
      this.logger.warn({ msg: 'could not undo a failed placement yet', orderId, err: (err as Error).message });
      return;
    }
    await this.freeKey(orderId);
  }

  async abandonStale(olderThanSeconds = 120): Promise<number> {
    const rows: Array<{ id: string }> = await this.uow.dataSource.query(
      `SELECT id FROM ordering.orders WHERE status = 'creating' AND created_at < now() - make_interval(secs => $1) LIMIT 200`,
      [olderThanSeconds],
    );
    for (const r of rows) await this.abandon(r.id);
    return rows.length;
  }
}
