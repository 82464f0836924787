import { randomUUID } from 'node:crypto';
import { HttpStockClient, STOCK_CLIENT, StockClient } from '@app/contracts';
import { AppError } from '@app/errors';
import { Factory, ProducerAccount, startTestApp, TestApp, eventually } from '@app/testing';

describe('catalog: stock reservations for the order service', () => {
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let service: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    farmer = await f.producer();
    service = f.serviceToken();
  });
  afterAll(() => t.close());

  const stockOf = async (id: string) => {
    const [row] = await t.db.query(`SELECT stock_available, stock_reserved, stock_sold FROM catalog.products WHERE id = $1`, [id]);
    return { available: row.stock_available, reserved: row.stock_reserved, sold: row.stock_sold };
  };
  const reserve = (items: Array<{ productId: string; quantity: number }>, key: string = randomUUID(), ttlSeconds?: number) =>
    t.api.post('/api/catalog/reservations', { idempotencyKey: key, items, ttlSeconds }, service);

  it('sells exactly the stock under 200 parallel reservations of 1 against 50', async () => {
    const p = await f.product(farmer, { titleZh: '昭通苹果 抢购' }, { stock: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, () => reserve([{ productId: p.id, quantity: 1 }])));
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: 50, 409: 150 });
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(await stockOf(p.id)).toEqual({ available: 0, reserved: 50, sold: 0 });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM catalog.reservations`);
    expect(count).toBe(50);
  });

  it('makes one reservation from the same key sent 10 times at once', async () => {
    const p = await f.product(farmer, { titleZh: '天麻 幂等' }, { stock: 100 });
    const key = `order-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => reserve([{ productId: p.id, quantity: 3 }], key)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await stockOf(p.id)).toEqual({ available: 97, reserved: 3, sold: 0 });
    const other = await reserve([{ productId: p.id, quantity: 4 }], key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await stockOf(p.id)).toEqual({ available: 97, reserved: 3, sold: 0 });
  });

  it('sums several lines of one product before checking, and holds all lines or none', async () => {
    const a = await f.product(farmer, { titleZh: '马铃薯' }, { stock: 5 });
    const b = await f.product(farmer, { titleZh: '核桃' }, { stock: 10 });
    const tooMuch = await reserve([{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 2 }, { productId: a.id, quantity: 3 }]);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.details).toMatchObject({ productId: a.id, available: 5, requested: 6 });
    expect(await stockOf(a.id)).toEqual({ available: 5, reserved: 0, sold: 0 });
    expect(await stockOf(b.id)).toEqual({ available: 10, reserved: 0, sold: 0 });

    const ok = await reserve([{ productId: a.id, quantity: 2 }, { productId: b.id, quantity: 2 }, { productId: a.id, quantity: 3 }]);
    expect(ok.status).toBe(201);
    expect(ok.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: a.id, quantity: 5, unitPriceFen: 680, titleZh: '马铃薯' }),
        expect.objectContaining({ productId: b.id, quantity: 2 }),
      ]),
    );
    expect(await stockOf(a.id)).toEqual({ available: 0, reserved: 5, sold: 0 });
  });

  it('commits reserved stock as sold, releases it back, and refuses moves out of a final state', async () => {
    const p = await f.product(farmer, { titleZh: '竹荪' }, { stock: 20 });
    const r1 = (await reserve([{ productId: p.id, quantity: 4 }])).body;
    const r2 = (await reserve([{ productId: p.id, quantity: 6 }])).body;
    expect(await stockOf(p.id)).toEqual({ available: 10, reserved: 10, sold: 0 });

    expect((await t.api.post(`/api/catalog/reservations/${r1.id}/commit`, {}, service)).body.status).toBe('committed');
    expect((await t.api.post(`/api/catalog/reservations/${r1.id}/commit`, {}, service)).status).toBe(200); // harmless twice
    expect((await t.api.post(`/api/catalog/reservations/${r2.id}/release`, {}, service)).body.status).toBe('released');
    expect((await t.api.post(`/api/catalog/reservations/${r2.id}/release`, {}, service)).status).toBe(200);
    expect(await stockOf(p.id)).toEqual({ available: 16, reserved: 0, sold: 4 });

    const late = await t.api.post(`/api/catalog/reservations/${r2.id}/commit`, {}, service);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
    const undo = await t.api.post(`/api/catalog/reservations/${r1.id}/release`, {}, service);
    expect(undo.status).toBe(409);
    expect(await stockOf(p.id)).toEqual({ available: 16, reserved: 0, sold: 4 });
  });

  it('refuses products that are not on sale and quantities under the minimum order', async () => {
    const draft = await f.product(farmer, { titleZh: '草稿' }, { activate: false });
    const min = await f.product(farmer, { titleZh: '苦荞茶 整箱', minOrderQty: 5 }, { stock: 50 });
    const r1 = await reserve([{ productId: draft.id, quantity: 1 }]);
    expect(r1.status).toBe(409);
    expect(r1.body.code).toBe('PRODUCT_UNAVAILABLE');
    const r2 = await reserve([{ productId: min.id, quantity: 4 }]);
    expect(r2.status).toBe(409);
    expect(r2.body.details.minOrderQty).toBe(5);
    expect((await reserve([{ productId: randomUUID(), quantity: 1 }])).body.code).toBe('PRODUCT_UNAVAILABLE');
  });

  it('gives the stock back by itself when a reservation expires, once', async () => {
    const p = await f.product(farmer, { titleZh: '樱桃 限时' }, { stock: 10 });
    const r = (await reserve([{ productId: p.id, quantity: 7 }], randomUUID(), 1)).body;
    expect(await stockOf(p.id)).toEqual({ available: 3, reserved: 7, sold: 0 });
    await eventually(async () => (await t.api.get(`/api/catalog/reservations/${r.id}`, service)).body.status === 'expired', 'the expiry job');
    expect(await stockOf(p.id)).toEqual({ available: 10, reserved: 0, sold: 0 });
    // A late commit finds it expired; a late release is harmless.
    expect((await t.api.post(`/api/catalog/reservations/${r.id}/commit`, {}, service)).status).toBe(409);
    expect((await t.api.post(`/api/catalog/reservations/${r.id}/release`, {}, service)).body.status).toBe('expired');
    expect(await stockOf(p.id)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('is for services and admins only', async () => {
    const p = await f.product(farmer, { titleZh: '花椒' }, { stock: 10 });
    const buyer = await f.buyer();
    const res = await t.api.post('/api/catalog/reservations', { idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] }, buyer.token);
    expect(res.status).toBe(403);
    expect((await t.api.post('/api/catalog/reservations', { idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] }, farmer.token)).status).toBe(403);
    expect(await stockOf(p.id)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it.each(['http', 'in-process'])('serves the order service through the %s StockClient with the same errors', async (kind) => {
    const client: StockClient = kind === 'http' ? new HttpStockClient(t.baseUrl, () => f.serviceToken()) : t.app.get(STOCK_CLIENT);
    const p = await f.product(farmer, { titleZh: `彝良天麻 ${kind}` }, { stock: 5 });
    const r = await client.reserve({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 2 }] });
    expect(r).toMatchObject({ status: 'held', lines: [{ productId: p.id, quantity: 2, unitPriceFen: 680 }] });
    expect((await client.commit(r.id)).status).toBe('committed');
    const err = await client.reserve({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 4 }] }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('INSUFFICIENT_STOCK');
    expect(err.details).toMatchObject({ available: 3 });
    const r2 = await client.reserve({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 3 }] });
    expect((await client.release(r2.id)).status).toBe('released');
    expect(await stockOf(p.id)).toEqual({ available: 3, reserved: 0, sold: 2 });
  });
});
