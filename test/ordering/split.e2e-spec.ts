import { randomUUID } from 'node:crypto';
import { TokenService } from '@app/auth';
import { eventually, Factory, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { pointBody } from '../pickup/helpers';
import { firstPickupDay, sendWebhook, stripeEnv } from './helpers';

describe('ordering: catalog, pickup points and orders as separate services talking over HTTP', () => {
  let stripe: StripeStandIn;
  let catalog: TestApp;
  let pickup: TestApp;
  let order: TestApp;
  let identity: TestApp;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    catalog = await startTestApp({ SERVICES: 'catalog' });
    const shared = { DATABASE_URL: catalog.env.DATABASE_URL, QUEUE_PREFIX: catalog.env.QUEUE_PREFIX };
    identity = await startTestApp({ ...shared, SERVICES: 'identity' });
    pickup = await startTestApp({ ...shared, SERVICES: 'pickup-point', IDENTITY_URL: identity.baseUrl });
    order = await startTestApp({ ...shared, ...stripeEnv(stripe), SERVICES: 'order', CATALOG_URL: catalog.baseUrl, PICKUP_URL: pickup.baseUrl });
  });
  afterAll(async () => {
    for (const t of [order, pickup, identity]) await t.app.close();
    await catalog.close();
    await stripe.close();
  });

  it('places, pays and cancels an order with every cross-service call made over HTTP', async () => {
    // Each factory talks to the service that owns the path; accounts are made by the identity service.
    const f = new Factory({ ...catalog, api: identity.api } as TestApp);
    const farmerAccount = await f.register('farmer');
    const applied = await catalog.api.post(
      '/api/catalog/producers',
      { kind: 'farmer', name: '大关县翠华镇筇竹笋基地', contactName: '张', contactPhone: farmerAccount.phone, county: 'daguan', township: '翠华镇' },
      farmerAccount.token,
    );
    const admin = catalog.app.get(TokenService).issue(randomUUID(), 'admin').accessToken;
    await catalog.api.post(`/api/catalog/producers/${applied.body.id}/review`, { decision: 'approve' }, admin);
    const product = await catalog.api.post('/api/catalog/products', { category: 'bamboo_shoot', titleZh: '筇竹笋 鲜笋', unit: 'jin', priceFen: 1500, stock: 40 }, farmerAccount.token);
    await catalog.api.post(`/api/catalog/products/${product.body.id}/status`, { status: 'active' }, farmerAccount.token);
    const created = await pickup.api.post('/api/pickup-points', pointBody({ county: 'daguan', township: '翠华镇', name: '翠华镇供销社便民店' }), admin);
    const point = { id: created.body.id as string };
    expect((await pickup.api.post(`/api/pickup-points/${point.id}/status`, { status: 'active' }, admin)).status).toBe(200);

    const buyer = await f.buyer();
    expect((await order.api.put(`/api/cart/lines/${product.body.id}`, { quantity: 4 }, buyer.token)).status).toBe(200);
    const day = firstPickupDay(order);
    const placed = await order.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: point.id, pickupDay: day, paymentMethod: 'online' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pending_payment', totalFen: 6000 });
    const stock = async () => (await catalog.db.query(`SELECT stock_available, stock_reserved, stock_sold FROM catalog.products WHERE id = $1`, [product.body.id]))[0];
    expect(await stock()).toEqual({ stock_available: 36, stock_reserved: 4, stock_sold: 0 });
    expect((await pickup.api.get(`/api/pickup-points/${point.id}/availability?from=${day}&to=${day}`)).body[0].held).toBe(1);

    const intent = placed.body.payment.clientSecret.split('_secret_')[0];
    expect((await sendWebhook(order, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)))).body.outcome).toBe('paid');
    await eventually(async () => (await stock()).stock_sold === 4, 'the order service to commit stock over HTTP');

    expect((await order.api.post(`/api/orders/${placed.body.id}/cancel`, {}, buyer.token)).body.status).toBe('cancelled');
    await eventually(async () => (await stock()).stock_available === 40, 'stock to go back over HTTP');
    await eventually(async () => (await pickup.api.get(`/api/pickup-points/${point.id}/availability?from=${day}&to=${day}`)).body[0].held === 0, 'the slot to be released over HTTP');
    await eventually(async () => (await order.api.get(`/api/orders/${placed.body.id}`, buyer.token)).body.status === 'refunded', 'the refund');
    // The catalog process answers no order paths, and the order process no catalog paths.
    expect((await catalog.api.get('/api/orders', buyer.token)).status).toBe(404);
    expect((await order.api.get('/api/catalog/products')).status).toBe(404);
  });
});
