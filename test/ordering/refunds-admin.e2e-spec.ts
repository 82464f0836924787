import { randomUUID } from 'node:crypto';
import { eventually, Factory, ProducerAccount, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { firstPickupDay, sendWebhook, stripeEnv } from './helpers';

describe('ordering: admins see refunds and settle disputes with one', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let pointId: string;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
    f = new Factory(t);
    farmer = await f.producer({ county: 'zhaoyang', township: '洒渔镇' });
    pointId = (await f.pickupPoint()).id;
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  async function paidOrder(buyerToken: string, paymentMethod: 'online' | 'pay_at_pickup' = 'online') {
    const apples = await f.product(farmer, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680 }, { stock: 100 });
    const placed = await t.api.request('POST', '/api/orders', {
      token: buyerToken,
      body: { pickupPointId: pointId, pickupDay: firstPickupDay(t), paymentMethod, items: [{ productId: apples.id, quantity: 10 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (paymentMethod === 'online') {
      const intent = placed.body.payment.clientSecret.split('_secret_')[0];
      await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
    }
    return placed.body.id as string;
  }

  it('refunds part of a paid order once, lists it, and refuses more than is left', async () => {
    const admin = await f.admin();
    const buyer = await f.buyer();
    const id = await paidOrder(buyer.token);
    const res = await t.api.post(`/api/orders/${id}/refunds`, { amountFen: 680, reason: '  买家反映苹果有碰伤 ' }, admin.token);
    expect(res.status).toBe(200);
    await eventually(async () => (await t.api.get(`/api/orders/${id}`, buyer.token)).body.refundedFen === 680, 'the refund');
    const order = (await t.api.get(`/api/orders/${id}`, buyer.token)).body;
    expect(order.status).toBe('paid');
    // The buyer reads the admin's words, and not which admin wrote them.
    expect(order.refunds).toEqual([expect.objectContaining({ amountFen: 680, status: 'succeeded', kind: 'admin', reason: '买家反映苹果有碰伤' })]);
    expect(JSON.stringify(order)).not.toContain(admin.id);
    const list = await t.api.get('/api/refunds?status=succeeded&limit=10', admin.token);
    expect(list.status).toBe(200);
    expect(list.body.items.find((r: { orderId: string }) => r.orderId === id)).toMatchObject({ amountFen: 680, status: 'succeeded', kind: 'admin', requestedBy: admin.id });

    const tooMuch = await t.api.post(`/api/orders/${id}/refunds`, { amountFen: 6121, reason: '全部退款' }, admin.token);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ field: 'amountFen', message: 'at most 6120 fen is left to refund' }]);
    const rest = await t.api.post(`/api/orders/${id}/refunds`, { amountFen: 6120, reason: '全部退款' }, admin.token);
    expect(rest.status).toBe(200);
    await eventually(async () => (await t.api.get(`/api/orders/${id}`, buyer.token)).body.refundedFen === 6800, 'fully refunded');
    // The money is back; the goods still go unless an admin also cancels the order.
    expect((await t.api.get(`/api/orders/${id}`, buyer.token)).body.status).toBe('paid');
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(2);
  });

  it('refuses buyers and farmers, unknown orders, pay-at-pickup orders and bad input, writing nothing', async () => {
    const admin = await f.admin();
    const buyer = await f.buyer();
    const id = await paidOrder(buyer.token);
    expect((await t.api.post(`/api/orders/${id}/refunds`, { amountFen: 1, reason: '我自己退' }, buyer.token)).status).toBe(403);
    expect((await t.api.get('/api/refunds', buyer.token)).status).toBe(403);
    expect((await t.api.get('/api/refunds', farmer.token)).status).toBe(403);
    expect((await t.api.get('/api/refunds')).status).toBe(401);
    expect((await t.api.post(`/api/orders/${randomUUID()}/refunds`, { amountFen: 1, reason: '不存在' }, admin.token)).status).toBe(404);
    const cash = await paidOrder(buyer.token, 'pay_at_pickup');
    expect((await t.api.post(`/api/orders/${cash}/refunds`, { amountFen: 100, reason: '到付订单' }, admin.token)).status).toBe(409);
    for (const body of [{ amountFen: 0, reason: '零' }, { amountFen: 1.5, reason: '小数' }, { amountFen: 10 }, { amountFen: 10, reason: ' ' }, { amountFen: 10, reason: 'ok', status: 'refunded' }]) {
      const res = await t.api.post(`/api/orders/${id}/refunds`, body, admin.token);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await t.api.get('/api/refunds?status=done', admin.token)).status).toBe(400);
    expect((await t.api.get('/api/refunds?limit=0', admin.token)).status).toBe(400);
    expect(await t.db.query(`SELECT 1 FROM ordering.refunds WHERE order_id = ANY($1::uuid[])`, [[id, cash]])).toEqual([]);
  });
});
