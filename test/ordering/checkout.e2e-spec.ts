import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Api, eventually, Factory, freePort, ProducerAccount, startTestApp, StripeStandIn, TEST_JWT_SECRET, TestApp } from '@app/testing';
import { firstPickupDay, heldOn, stockOf, stripeEnv } from './helpers';

describe('ordering: checkout under load, idempotency, authorisation and bad input', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let day: string;
  let second: { proc: ChildProcess; api: Api };

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
    f = new Factory(t);
    farmer = await f.producer();
    day = firstPickupDay(t);
    // A second process of the platform on the same database and Redis: correctness must not live in memory.
    const port = await freePort();
    const proc = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'apps', 'platform', 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        DATABASE_URL: t.env.DATABASE_URL,
        REDIS_URL: t.env.REDIS_URL,
        QUEUE_PREFIX: t.env.QUEUE_PREFIX,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'warn',
        UPLOAD_DIR: t.env.UPLOAD_DIR,
        ...stripeEnv(stripe),
      },
      stdio: 'ignore',
    });
    second = { proc, api: new Api(`http://127.0.0.1:${port}`) };
    await eventually(async () => (await second.api.get('/ready').catch(() => null))?.status === 200, 'the second process');
  });
  afterAll(async () => {
    second.proc.kill('SIGTERM');
    await new Promise((r) => second.proc.once('exit', r));
    await t.close();
    await stripe.close();
  });

  const checkout = (api: Api, token: string, body: Record<string, unknown>, key: string = randomUUID()) =>
    api.request('POST', '/api/orders', { token, body, headers: { 'idempotency-key': key } });

  it('sells exactly 100 of 100 to 500 buyers checking out at once across two processes', async () => {
    const p = await f.product(farmer, { titleZh: '昭通苹果 秒杀' }, { stock: 100 });
    const point = await f.pickupPoint({ capacityPerDay: 1000 });
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'online', items: [{ productId: p.id, quantity: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => checkout(i % 2 ? second.api : t.api, f.tokenBuyer().token, body)),
    );
    const count = (s: number) => results.filter((r) => r.status === s).length;
    expect({ created: count(201), refused: count(409), other: results.length - count(201) - count(409) }).toEqual({ created: 100, refused: 400, other: 0 });
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['INSUFFICIENT_STOCK']));
    expect(await stockOf(t, p.id)).toEqual({ available: 0, reserved: 100, sold: 0 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ordering.orders WHERE status = 'pending_payment' AND reservation_id IS NOT NULL`);
    expect(n).toBeGreaterThanOrEqual(100);
    expect(await heldOn(t, point.id, day)).toBe(100);
    const [{ left }] = await t.db.query(`SELECT count(*)::int AS left FROM ordering.orders WHERE status = 'creating'`);
    expect(left).toBe(0);
  });

  it('never exceeds the pickup day’s capacity: 200 buyers, stock 100, room for 40', async () => {
    const p = await f.product(farmer, { titleZh: '马铃薯 团购' }, { stock: 100 });
    const point = await f.pickupPoint({ capacityPerDay: 40, name: '洒渔镇光明村村级服务站' });
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup', items: [{ productId: p.id, quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => checkout(i % 2 ? second.api : t.api, f.tokenBuyer().token, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(40);
    // Refusals say the day is full, or (while refused checkouts still hold stock for a moment) that stock is.
    const codes = new Set(results.filter((r) => r.status === 409).map((r) => r.body.code));
    expect(codes.has('PICKUP_DAY_FULL')).toBe(true);
    expect([...codes].every((c) => c === 'PICKUP_DAY_FULL' || c === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(await heldOn(t, point.id, day)).toBe(40);
    // Every refused checkout gave its stock back.
    await eventually(async () => (await stockOf(t, p.id)).available === 60, 'the refused reservations to be released');
  });

  it('makes one order from 20 parallel requests with one Idempotency-Key, and refuses the key for another body', async () => {
    const p = await f.product(farmer, { titleZh: '竹荪 礼盒' }, { stock: 50 });
    const point = await f.pickupPoint();
    const buyer = f.tokenBuyer();
    const key = `double-tap-${randomUUID()}`;
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'online', items: [{ productId: p.id, quantity: 2 }] };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => checkout(i % 2 ? second.api : t.api, buyer.token, body, key)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await stockOf(t, p.id)).toEqual({ available: 48, reserved: 2, sold: 0 });
    expect(stripe.requests.filter((r) => r.body['metadata[orderId]'] === results[0].body.id).length).toBeGreaterThanOrEqual(1);
    const other = await checkout(t.api, buyer.token, { ...body, items: [{ productId: p.id, quantity: 3 }] }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_MISMATCH');
    // Another buyer may use the same key string: keys belong to their buyer.
    expect((await checkout(t.api, f.tokenBuyer().token, body, key)).status).toBe(201);
  });

  it('keeps buyers to their own orders and carts, and refuses other roles', async () => {
    const p = await f.product(farmer, { titleZh: '彝良天麻' }, { stock: 10 });
    const point = await f.pickupPoint();
    const a = await f.buyer();
    const b = await f.buyer();
    await t.api.put(`/api/cart/lines/${p.id}`, { quantity: 2 }, a.token);
    const placed = await checkout(t.api, a.token, { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup' });
    expect(placed.status).toBe(201);
    expect((await t.api.get(`/api/orders/${placed.body.id}`, b.token)).status).toBe(404);
    expect((await t.api.get('/api/orders', b.token)).body.items).toEqual([]);
    expect((await t.api.get('/api/cart', b.token)).body.lines).toEqual([]);
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup', items: [{ productId: p.id, quantity: 1 }] };
    expect((await checkout(t.api, farmer.token, body)).status).toBe(403);
    expect((await t.api.put(`/api/cart/lines/${p.id}`, { quantity: 1 }, farmer.token)).status).toBe(403);
    expect((await checkout(t.api, '', body)).status).toBe(401);
    const admin = await f.admin();
    expect((await t.api.get(`/api/orders/${placed.body.id}`, admin.token)).status).toBe(200);
  });

  it('refuses bad and mass-assigned input with field errors, writing nothing', async () => {
    const p = await f.product(farmer, { titleZh: '核桃 新货' }, { stock: 10 });
    const point = await f.pickupPoint();
    const buyer = f.tokenBuyer();
    const good = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup', items: [{ productId: p.id, quantity: 1 }] };
    const cases: Array<[string, unknown, string | null, string]> = [
      ['status', { ...good, status: 'paid' }, randomUUID(), 'status'],
      ['totals', { ...good, totalFen: 1 }, randomUUID(), 'totalFen'],
      ['line price', { ...good, items: [{ productId: p.id, quantity: 1, unitPriceFen: 1 }] }, randomUUID(), 'items.0.unitPriceFen'],
      ['quantity type', { ...good, items: [{ productId: p.id, quantity: '1' }] }, randomUUID(), 'items.0.quantity'],
      ['zero quantity', { ...good, items: [{ productId: p.id, quantity: 0 }] }, randomUUID(), 'items.0.quantity'],
      ['bad day', { ...good, pickupDay: '2026-02-30' }, randomUUID(), 'pickupDay'],
      ['past day', { ...good, pickupDay: '2020-01-01' }, randomUUID(), 'pickupDay'],
      ['bad method', { ...good, paymentMethod: 'cash' }, randomUUID(), 'paymentMethod'],
      ['no key', good, null, 'Idempotency-Key'],
      ['short key', good, 'abc', 'Idempotency-Key'],
    ];
    for (const [, body, key, field] of cases) {
      const res = await t.api.request('POST', '/api/orders', { token: buyer.token, body, headers: key ? { 'idempotency-key': key } : {} });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await t.api.request('POST', '/api/orders', { token: buyer.token, raw: '{"items": [', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() } });
    expect(malformed.status).toBe(400);
    expect((await t.api.put(`/api/cart/lines/${p.id}`, { quantity: -1 }, buyer.token)).status).toBe(400);
    expect((await t.api.put(`/api/cart/lines/not-a-uuid`, { quantity: 1 }, buyer.token)).status).toBe(404);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ordering.orders WHERE buyer_id = $1`, [buyer.id]);
    expect(n).toBe(0);
    expect(await stockOf(t, p.id)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('flags cart lines that can no longer be bought instead of dropping them', async () => {
    const p = await f.product(farmer, { titleZh: '冰糖心苹果' }, { stock: 10 });
    const buyer = await f.buyer();
    await t.api.put(`/api/cart/lines/${p.id}`, { quantity: 3 }, buyer.token);
    await t.api.post(`/api/catalog/products/${p.id}/status`, { status: 'paused' }, farmer.token);
    const cart = await t.api.get('/api/cart', buyer.token);
    expect(cart.body).toMatchObject({ hasProblems: true, itemsFen: 0, lines: [{ productId: p.id, quantity: 3, available: false, problem: 'not_on_sale' }] });
    const point = await f.pickupPoint();
    const res = await checkout(t.api, buyer.token, { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PRODUCT_UNAVAILABLE');
  });

  it('answers a retried cart checkout with the order it placed, though that order emptied the cart', async () => {
    const p = await f.product(farmer, { titleZh: '昭通苹果 礼盒' }, { stock: 10 });
    const other = await f.product(farmer, { titleZh: '巧家 小碗红糖' }, { stock: 10 });
    const point = await f.pickupPoint();
    const buyer = await f.buyer();
    const key = `cart-retry-${randomUUID()}`;
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup' };
    await t.api.put(`/api/cart/lines/${p.id}`, { quantity: 2 }, buyer.token);
    const first = await checkout(t.api, buyer.token, body, key);
    expect(first.status).toBe(201);
    expect((await t.api.get('/api/cart', buyer.token)).body.lines).toEqual([]);
    // The response was lost and the app sends the same request again, from either process.
    const again = await checkout(second.api, buyer.token, body, key);
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    // The cart has changed since, but the key still stands for that request: its order, not a new one.
    await t.api.put(`/api/cart/lines/${other.id}`, { quantity: 1 }, buyer.token);
    const later = await checkout(t.api, buyer.token, body, key);
    expect([later.status, later.body.id]).toEqual([200, first.body.id]);
    expect((await t.api.get('/api/cart', buyer.token)).body.lines).toMatchObject([{ productId: other.id, quantity: 1 }]);
    // One order's worth taken (reserved, or already sold once its commit job has run), nothing of the other.
    expect((await stockOf(t, p.id)).available).toBe(8);
    expect(await stockOf(t, other.id)).toEqual({ available: 10, reserved: 0, sold: 0 });
    // Another body under the key is still refused.
    const changed = await checkout(t.api, buyer.token, { ...body, paymentMethod: 'online' }, key);
    expect([changed.status, changed.body.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
  });

  it('answers a retry with its order after the product sold out, and refuses everyone else', async () => {
    const p = await f.product(farmer, { titleZh: '大关 筇竹笋' }, { stock: 1 });
    const point = await f.pickupPoint();
    const buyer = f.tokenBuyer();
    const key = `sold-out-retry-${randomUUID()}`;
    const body = { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup', items: [{ productId: p.id, quantity: 1 }] };
    const first = await checkout(t.api, buyer.token, body, key);
    expect(first.status).toBe(201);
    // This process now knows the stock is gone and refuses before claiming anything...
    const others = await Promise.all(Array.from({ length: 30 }, () => checkout(t.api, f.tokenBuyer().token, body)));
    expect(others.map((r) => r.body.code)).toEqual(Array(30).fill('INSUFFICIENT_STOCK'));
    // ...except for the buyer whose key already has the order.
    const retries = await Promise.all([checkout(t.api, buyer.token, body, key), checkout(t.api, buyer.token, body, key)]);
    expect(retries.map((r) => [r.status, r.body.id])).toEqual([[200, first.body.id], [200, first.body.id]]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ordering.orders o JOIN ordering.order_lines l ON l.order_id = o.id WHERE l.product_id = $1`, [p.id]);
    expect(n).toBe(1);
  });

  it('shows a new price in the cart and charges it at checkout at once', async () => {
    const p = await f.product(farmer, { titleZh: '永善 脐橙', priceFen: 1200 }, { stock: 10 });
    const point = await f.pickupPoint();
    const buyer = await f.buyer();
    expect((await t.api.put(`/api/cart/lines/${p.id}`, { quantity: 2 }, buyer.token)).body.itemsFen).toBe(2400);
    expect((await t.api.patch(`/api/catalog/products/${p.id}`, { priceFen: 1500 }, farmer.token)).status).toBe(200);
    expect((await t.api.get('/api/cart', buyer.token)).body.itemsFen).toBe(3000);
    const placed = await checkout(t.api, buyer.token, { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup' });
    expect([placed.status, placed.body.totalFen]).toEqual([201, 3000]);
  });
});
