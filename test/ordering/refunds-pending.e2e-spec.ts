import { randomUUID } from 'node:crypto';
import { eventually, Factory, ProducerAccount, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { QueueClients } from '@app/queue';
import { firstPickupDay, sendWebhook, stripeEnv } from './helpers';

/** Some refunds (cards, WeChat Pay) stay pending at Stripe for days: the money is not back until Stripe says so. */
describe('ordering: refunds the provider leaves pending', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let pointId: string;
  let day: string;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
    f = new Factory(t);
    farmer = await f.producer();
    pointId = (await f.pickupPoint()).id;
    day = firstPickupDay(t);
    stripe.refundStatus = 'pending';
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  /** A paid online order, cancelled by its buyer: its refund goes to the stand-in, which answers `pending`. */
  async function cancelledAfterPaying() {
    const p = await f.product(farmer, { titleZh: '鲁甸 花椒' }, { stock: 20 });
    const buyer = await f.buyer();
    const placed = await t.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: pointId, pickupDay: day, paymentMethod: 'online', items: [{ productId: p.id, quantity: 2 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    const intent = placed.body.payment.clientSecret.split('_secret_')[0];
    expect((await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)))).body.outcome).toBe('paid');
    expect((await t.api.post(`/api/orders/${placed.body.id}/cancel`, {}, buyer.token)).status).toBe(200);
    const refund = await eventually(async () => {
      const [row] = await t.db.query(`SELECT id, status, provider_ref FROM ordering.refunds WHERE order_id = $1`, [placed.body.id]);
      return row?.provider_ref ? row : null;
    }, 'the refund to reach the provider');
    return { orderId: placed.body.id as string, totalFen: placed.body.totalFen as number, buyer, refund: refund as { id: string; status: string; provider_ref: string } };
  }

  /** Runs the order service's periodic sweep now, through the outbox and its queue, and answers what it did. */
  async function sweep() {
    const [{ id }] = await t.db.query(`INSERT INTO ordering.outbox (type, payload) VALUES ('ordering.order.sweep', '{}') RETURNING id`);
    const queue = t.app.get(QueueClients).get('ordering');
    const jobId = `ordering-${id}`;
    await eventually(async () => (await queue.getJobState(jobId)) === 'completed', 'the sweep job');
    return (await queue.getJob(jobId))!.returnvalue as { refunds: number };
  }

  const orderOf = async (orderId: string, token: string) => (await t.api.get(`/api/orders/${orderId}`, token)).body;
  const refundedEvents = async (orderId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ordering.outbox WHERE type = 'ordering.order.refunded' AND payload->>'orderId' = $1`, [orderId]))[0].n as number;

  it('keeps a pending refund pending, and counts it once its webhook says the money went back', async () => {
    const { orderId, totalFen, buyer, refund } = await cancelledAfterPaying();
    expect(refund.status).toBe('pending');
    let order = await orderOf(orderId, buyer.token);
    expect(order).toMatchObject({ status: 'cancelled', refundedFen: 0, refunds: [{ kind: 'cancelled', status: 'pending', amountFen: totalFen }] });
    expect(await refundedEvents(orderId)).toBe(0);

    const settled = stripe.signedEvent('refund.updated', stripe.refundNow(refund.provider_ref, 'succeeded'));
    expect((await sendWebhook(t, settled)).body.outcome).toBe('refund-settled');
    order = await orderOf(orderId, buyer.token);
    expect(order).toMatchObject({ status: 'refunded', refundedFen: totalFen, refunds: [{ status: 'succeeded' }] });
    expect(await refundedEvents(orderId)).toBe(1);
    // The same event again, and a later event about the same refund, change nothing.
    expect((await sendWebhook(t, settled)).body.outcome).toBe('duplicate');
    expect((await sendWebhook(t, stripe.signedEvent('refund.updated', stripe.refundNow(refund.provider_ref, 'succeeded')))).body.outcome).toBe('ignored');
    expect((await orderOf(orderId, buyer.token)).refundedFen).toBe(totalFen);
    expect(await refundedEvents(orderId)).toBe(1);
  });

  it('marks a refund failed when the provider says so, and never counts it as paid back', async () => {
    const { orderId, buyer, refund } = await cancelledAfterPaying();
    const failed = stripe.signedEvent('refund.updated', stripe.refundNow(refund.provider_ref, 'failed'));
    expect((await sendWebhook(t, failed)).body.outcome).toBe('refund-settled');
    expect(await orderOf(orderId, buyer.token)).toMatchObject({ status: 'cancelled', refundedFen: 0, refunds: [{ status: 'failed' }] });
    expect(await refundedEvents(orderId)).toBe(0);
    const admin = await f.admin();
    const listed = (await t.api.get('/api/refunds?status=failed&limit=50', admin.token)).body.items;
    expect(listed.find((r: { orderId: string }) => r.orderId === orderId)).toMatchObject({ kind: 'cancelled', status: 'failed' });
  });

  it('lets an admin try a failed refund again, once, with a new idempotency key', async () => {
    const { orderId, totalFen, buyer, refund } = await cancelledAfterPaying();
    const admin = await f.admin();
    const retry = (id: string, token = admin.token) => t.api.post(`/api/refunds/${id}/retry`, {}, token);
    expect((await retry(refund.id)).status).toBe(409); // still pending: it may yet go through
    await sendWebhook(t, stripe.signedEvent('refund.updated', stripe.refundNow(refund.provider_ref, 'failed')));

    expect((await retry(refund.id, buyer.token)).status).toBe(403);
    expect((await retry(randomUUID())).status).toBe(404);
    expect((await retry('not-an-id')).status).toBe(404); // a malformed id names nothing, as everywhere
    // Five admins at once: one new refund.
    const tries = await Promise.all(Array.from({ length: 5 }, () => retry(refund.id)));
    expect(tries.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const again = tries.find((r) => r.status === 201)!.body;
    expect(again).toMatchObject({ retryOf: refund.id, status: 'pending', amountFen: totalFen, kind: 'cancelled', requestedBy: admin.id });
    const sent = await eventually(async () => {
      const [row] = await t.db.query(`SELECT provider_ref FROM ordering.refunds WHERE id = $1`, [again.id]);
      return row?.provider_ref ?? null;
    }, 'the second refund to reach the provider');
    const keys = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.body.payment_intent === stripe.refunds.find((x) => x.id === refund.provider_ref)!.payment_intent);
    expect(new Set(keys.map((r) => r.idempotencyKey)).size).toBe(2);

    await sendWebhook(t, stripe.signedEvent('refund.updated', stripe.refundNow(sent, 'succeeded')));
    expect(await orderOf(orderId, buyer.token)).toMatchObject({ status: 'refunded', refundedFen: totalFen, refunds: [{ status: 'failed' }, { status: 'succeeded' }] });
    const listed = (await t.api.get('/api/refunds?limit=200', admin.token)).body.items as Array<{ id: string; retriedBy: string | null }>;
    expect(listed.find((r) => r.id === refund.id)).toMatchObject({ retriedBy: again.id });
    expect((await retry(refund.id)).status).toBe(409); // tried again already
    expect((await retry(again.id)).status).toBe(409); // went through
  });

  it('never tries a failed refund again for more than is left of the payment', async () => {
    const { orderId, totalFen, buyer, refund } = await cancelledAfterPaying();
    await sendWebhook(t, stripe.signedEvent('refund.updated', stripe.refundNow(refund.provider_ref, 'failed')));
    const admin = await f.admin();
    // The admin gives part of it back by hand first; trying the failed refund again asks only for the rest.
    expect((await t.api.post(`/api/orders/${orderId}/refunds`, { amountFen: totalFen - 100, reason: '先退一部分' }, admin.token)).status).toBe(200);
    const again = await t.api.post(`/api/refunds/${refund.id}/retry`, {}, admin.token);
    expect(again.status).toBe(201);
    expect(again.body.amountFen).toBe(100);
    const pending = await t.db.query(`SELECT sum(amount_fen)::int AS fen FROM ordering.refunds WHERE order_id = $1 AND status <> 'failed'`, [orderId]);
    expect(pending[0].fen).toBe(totalFen);
    expect((await orderOf(orderId, buyer.token)).refunds).toHaveLength(3);
  });

  it('asks the provider about a pending refund whose webhook never came', async () => {
    const { orderId, totalFen, buyer, refund } = await cancelledAfterPaying();
    stripe.refundNow(refund.provider_ref, 'succeeded'); // the money went back; the webhook is lost
    // Left alone by a sweep while young (its webhook may still come)...
    expect(await sweep()).toMatchObject({ refunds: 0 });
    expect((await orderOf(orderId, buyer.token)).refundedFen).toBe(0);
    // ...and asked about by one once it has waited ten minutes.
    await t.db.query(`UPDATE ordering.refunds SET updated_at = now() - interval '11 minutes' WHERE id = $1`, [refund.id]);
    expect(await sweep()).toMatchObject({ refunds: 1 });
    await eventually(async () => (await orderOf(orderId, buyer.token)).status === 'refunded', 'the sweep to settle the refund');
    expect(await orderOf(orderId, buyer.token)).toMatchObject({ refundedFen: totalFen, refunds: [{ status: 'succeeded' }] });
    expect(stripe.requests.filter((r) => r.method === 'GET' && r.path === `/v1/refunds/${refund.provider_ref}`)).not.toHaveLength(0);
  });
});
