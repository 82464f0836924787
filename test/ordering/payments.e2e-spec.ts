import { randomUUID } from 'node:crypto';
import { eventually, Factory, ProducerAccount, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { ReservationsService } from '../../apps/catalog/src/stock/reservations.service';
import { findOrder, orderToFulfil } from '../../apps/order/src/orders/order-store';
import { OrdersService } from '../../apps/order/src/orders/orders.service';
import { firstPickupDay, heldOn, sendWebhook, stockOf, stripeEnv } from './helpers';

describe('ordering: order, pay online through Stripe, expire, cancel and refund', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let pointId: string;
  let day: string;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe, { ORDER_PAYMENT_TTL_SECONDS: '4' }));
    f = new Factory(t);
    farmer = await f.producer({ county: 'zhaoyang', township: '洒渔镇' });
    pointId = (await f.pickupPoint()).id;
    day = firstPickupDay(t);
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const order = (token: string, productId: string, quantity: number, key: string = randomUUID(), paymentMethod = 'online', point = pointId) =>
    t.api.request('POST', '/api/orders', { token, body: { pickupPointId: point, pickupDay: day, paymentMethod, items: [{ productId, quantity }] }, headers: { 'idempotency-key': key } });
  const intentOf = async (orderId: string) => (await t.db.query(`SELECT provider_ref FROM ordering.payments WHERE order_id = $1`, [orderId]))[0].provider_ref as string;
  const statusOf = async (orderId: string, token: string) => (await t.api.get(`/api/orders/${orderId}`, token)).body.status as string;

  it('orders 10 斤 of 昭通苹果 from the cart, pays by the signed webhook and becomes paid', async () => {
    const apples = await f.product(farmer, { titleZh: '昭通苹果' }, { stock: 500 });
    const buyer = await f.buyer();
    await t.api.put(`/api/cart/lines/${apples.id}`, { quantity: 10 }, buyer.token);
    const cart = await t.api.get('/api/cart', buyer.token);
    expect(cart.body).toMatchObject({ itemsFen: 6800, hasProblems: false, lines: [{ productId: apples.id, quantity: 10, unitPriceFen: 680, lineTotalFen: 6800 }] });

    const placed = await t.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: pointId, pickupDay: day, paymentMethod: 'online' },
      headers: { 'idempotency-key': `tap-${randomUUID()}` },
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pending_payment', totalFen: 6800, pickupDay: day, producers: [{ producerId: farmer.producerId, subtotalFen: 6800 }] });
    expect(placed.body.payment.clientSecret).toMatch(/^pi_.+_secret_/);
    const create = stripe.requests.find((r) => r.path === '/v1/payment_intents')!;
    expect(create.body).toMatchObject({ amount: '6800', currency: 'cny', 'metadata[orderId]': placed.body.id, 'allowed_payment_method_types[0]': 'wechat_pay', 'allowed_payment_method_types[1]': 'alipay', 'allowed_payment_method_types[2]': 'card' });
    expect(create.idempotencyKey).toBe(`order-${placed.body.id}-intent`);
    expect(await stockOf(t, apples.id)).toEqual({ available: 490, reserved: 10, sold: 0 });
    expect((await t.api.get('/api/cart', buyer.token)).body.lines).toEqual([]);

    const intent = await intentOf(placed.body.id);
    const res = await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
    expect(res.status).toBe(200);
    expect(await statusOf(placed.body.id, buyer.token)).toBe('paid');
    await eventually(async () => (await stockOf(t, apples.id)).sold === 10, 'the reservation to be committed');
    expect(await stockOf(t, apples.id)).toEqual({ available: 490, reserved: 0, sold: 10 });
    const events = await t.db.query(`SELECT type FROM ordering.outbox WHERE payload->>'orderId' = $1 ORDER BY id`, [placed.body.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['ordering.order.placed', 'ordering.order.expire', 'ordering.order.paid', 'ordering.stock.commit']);
    // The webhook's one statement builds the paid event in SQL: it must be what the TypeScript builder makes.
    const [paid] = await t.db.query(`SELECT payload FROM ordering.outbox WHERE type = 'ordering.order.paid' AND payload->>'orderId' = $1`, [placed.body.id]);
    const order = await findOrder(t.db.manager, placed.body.id);
    expect(paid.payload).toEqual(await orderToFulfil(t.db.manager, order!));
    expect(paid.payload.lines).toEqual([expect.objectContaining({ productId: apples.id, quantity: 10, unit: expect.any(String), perishable: expect.any(Boolean) })]);
  });

  it('lets a paid order’s delayed expiries pass without locking its rows (a row lock is a write)', async () => {
    const apples = await f.product(farmer, { titleZh: '昭通苹果' }, { stock: 50 });
    const buyer = await f.buyer();
    const placed = await order(buyer.token, apples.id, 2);
    await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(await intentOf(placed.body.id))));
    await eventually(async () => (await stockOf(t, apples.id)).sold === 2, 'the reservation to be committed');
    const { reservation_id: reservationId } = (await findOrder(t.db.manager, placed.body.id))!;
    // xmax names the last transaction that locked or deleted a row version: a lock would change it.
    const xmax = async () =>
      (await t.db.query(
        `SELECT (SELECT xmax::text FROM ordering.orders WHERE id = $1) AS o, (SELECT xmax::text FROM catalog.reservations WHERE id = $2) AS r`,
        [placed.body.id, reservationId],
      ))[0];
    const before = await xmax();
    expect(await t.app.get(OrdersService).expire(placed.body.id)).toBe('not-pending');
    expect(await t.app.get(ReservationsService).expire(reservationId!)).toBe('not-held');
    expect(await xmax()).toEqual(before);
    expect(await statusOf(placed.body.id, buyer.token)).toBe('paid');
    expect(await stockOf(t, apples.id)).toEqual({ available: 48, reserved: 0, sold: 2 });
  });

  it('applies the same webhook five times and late events out of order as one change', async () => {
    const p = await f.product(farmer, { titleZh: '核桃' }, { stock: 50 });
    const buyer = await f.buyer();
    const placed = (await order(buyer.token, p.id, 2)).body;
    const intent = await intentOf(placed.id);
    const failedEarlier = stripe.signedEvent('payment_intent.payment_failed', { ...stripe.succeeded(intent), status: 'requires_payment_method', last_payment_error: { message: 'card declined' } });
    const success = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent));
    const results = await Promise.all(Array.from({ length: 5 }, () => sendWebhook(t, success)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.body.outcome).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'paid']);
    expect((await sendWebhook(t, failedEarlier)).body.outcome).toBe('ignored');
    const view = (await t.api.get(`/api/orders/${placed.id}`, buyer.token)).body;
    expect(view.status).toBe('paid');
    expect(view.payment.status).toBe('succeeded');
    expect(view.history.filter((h: { to: string }) => h.to === 'paid')).toHaveLength(1);
  });

  it('records a failed payment and still accepts a later success', async () => {
    const p = await f.product(farmer, { titleZh: '苦荞茶' }, { stock: 50 });
    const buyer = await f.buyer();
    const placed = (await order(buyer.token, p.id, 1)).body;
    const intent = await intentOf(placed.id);
    await sendWebhook(t, stripe.signedEvent('payment_intent.payment_failed', { ...stripe.succeeded(intent), status: 'requires_payment_method', last_payment_error: { message: '余额不足' } }));
    const failed = (await t.api.get(`/api/orders/${placed.id}`, buyer.token)).body;
    expect(failed).toMatchObject({ status: 'pending_payment', payment: { status: 'failed', lastError: '余额不足' } });
    await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
    expect(await statusOf(placed.id, buyer.token)).toBe('paid');
  });

  it('refuses a wrong signature and a stale timestamp with 400, changing nothing', async () => {
    const p = await f.product(farmer, { titleZh: '竹荪' }, { stock: 5 });
    const buyer = await f.buyer();
    const placed = (await order(buyer.token, p.id, 1)).body;
    const intent = await intentOf(placed.id);
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM ordering.stripe_events`);
    const forged = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent), { secret: 'whsec_not_ours_000000000000' });
    const stale = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const tampered = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent));
    for (const signed of [forged, stale, { payload: tampered.payload.replace('"succeeded"', '"succeeded" '), signature: tampered.signature }, { payload: tampered.payload, signature: '' }]) {
      const res = await sendWebhook(t, signed);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM ordering.stripe_events`);
    expect(after).toBe(before);
    expect(await statusOf(placed.id, buyer.token)).toBe('pending_payment');
  });

  it('expires an unpaid order and gives its stock and slot back', async () => {
    const p = await f.product(farmer, { titleZh: '樱桃' }, { stock: 20 });
    const buyer = await f.buyer();
    const own = (await f.pickupPoint({ name: '乌峰镇城南门店', county: 'zhenxiong', township: '乌峰镇' })).id;
    const placed = (await order(buyer.token, p.id, 5, randomUUID(), 'online', own)).body;
    expect(await stockOf(t, p.id)).toEqual({ available: 15, reserved: 5, sold: 0 });
    expect(await heldOn(t, own, day)).toBe(1);
    await eventually(async () => (await statusOf(placed.id, buyer.token)) === 'expired', 'the order to expire');
    await eventually(async () => (await stockOf(t, p.id)).available === 20, 'the stock to come back');
    expect(await stockOf(t, p.id)).toEqual({ available: 20, reserved: 0, sold: 0 });
    await eventually(async () => (await heldOn(t, own, day)) === 0, 'the slot to be released');
  });

  it('refunds a payment that lands after the order expired', async () => {
    const p = await f.product(farmer, { titleZh: '天麻' }, { stock: 20 });
    const buyer = await f.buyer();
    const placed = (await order(buyer.token, p.id, 3)).body;
    const intent = await intentOf(placed.id);
    await eventually(async () => (await statusOf(placed.id, buyer.token)) === 'expired', 'the order to expire');
    const res = await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
    expect(res.body.outcome).toBe('refund-late-payment');
    await eventually(async () => (await statusOf(placed.id, buyer.token)) === 'refunded', 'the refund');
    const refunds = stripe.refunds.filter((r) => r.payment_intent === intent);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount).toBe(placed.totalFen);
    expect((await t.api.get(`/api/orders/${placed.id}`, buyer.token)).body.refundedFen).toBe(placed.totalFen);
  });

  it('cancels a paid order: refunded, stock back on sale, slot freed', async () => {
    const p = await f.product(farmer, { titleZh: '花椒' }, { stock: 30 });
    const buyer = await f.buyer();
    const own = (await f.pickupPoint({ name: '扎西镇供销社', county: 'weixin', township: '扎西镇' })).id;
    const placed = (await order(buyer.token, p.id, 4, randomUUID(), 'online', own)).body;
    await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(await intentOf(placed.id))));
    await eventually(async () => (await stockOf(t, p.id)).sold === 4, 'the reservation to be committed');
    const other = await f.buyer();
    expect((await t.api.post(`/api/orders/${placed.id}/cancel`, {}, other.token)).status).toBe(404);
    const cancelled = await t.api.post(`/api/orders/${placed.id}/cancel`, {}, buyer.token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually(async () => (await statusOf(placed.id, buyer.token)) === 'refunded', 'the refund');
    await eventually(async () => (await stockOf(t, p.id)).available === 30, 'the stock to go back on sale');
    expect(await stockOf(t, p.id)).toEqual({ available: 30, reserved: 0, sold: 0 });
    await eventually(async () => (await heldOn(t, own, day)) === 0, 'the slot to be released');
    expect(stripe.refunds.filter((r) => r.amount === placed.totalFen && r.idempotencyKey?.startsWith('refund-'))).not.toHaveLength(0);
    expect((await t.api.post(`/api/orders/${placed.id}/cancel`, {}, buyer.token)).status).toBe(409);
  });

  it('confirms a pay-at-pickup order at once and sells its stock', async () => {
    const p = await f.product(farmer, { titleZh: '马铃薯' }, { stock: 100 });
    const buyer = await f.buyer();
    const placed = await order(buyer.token, p.id, 20, randomUUID(), 'pay_at_pickup');
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'confirmed', payment: { provider: 'pay_at_pickup', status: 'requires_payment' } });
    await eventually(async () => (await stockOf(t, p.id)).sold === 20, 'the stock to be sold');
    const mine = await t.api.get('/api/orders', buyer.token);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([placed.body.id]);
  });
});
