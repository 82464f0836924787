import { randomUUID } from 'node:crypto';
import { HttpPickupClient, PICKUP_CLIENT, PickupClient } from '@app/contracts';
import { Account, eventually, Factory, ProducerAccount, startTestApp, TestApp } from '@app/testing';
import { firstPickupDay } from '../ordering/helpers';
import { PickupFactory } from '../pickup/helpers';
import { placeOrder } from './helpers';

/**
 * The logistics service alone (SERVICES=logistics): it asks the catalog who a farmer's producer is and the
 * pickup-point service where points are over HTTP (CATALOG_URL, PICKUP_URL), here the all-in-one app.
 */
describe('logistics: the service alone, over HTTP to the catalog and the pickup points', () => {
  let t: TestApp;
  let alone: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let buyer: Account;

  beforeAll(async () => {
    t = await startTestApp();
    alone = await startTestApp({
      SERVICES: 'logistics',
      DATABASE_URL: t.env.DATABASE_URL,
      QUEUE_PREFIX: t.env.QUEUE_PREFIX,
      CATALOG_URL: t.baseUrl,
      PICKUP_URL: t.baseUrl,
    });
    f = new Factory(t);
    farmer = await f.producer({ name: '彝良天麻基地', county: 'yiliang', township: '小草坝镇' });
    buyer = await f.buyer();
  });
  afterAll(async () => {
    // The standalone app shares the suite's database and queue prefix: close it alone, then the suite.
    await alone.app.close();
    await t.close();
  });

  it('serves pack tasks, packing, labels and planning with the same answers', async () => {
    const point = await new PickupFactory(t, f).point({ name: '小草坝镇服务站', county: 'yiliang', township: '小草坝镇', lat: 27.7, lng: 104.1 });
    const day = firstPickupDay(t);
    const product = await f.product(farmer, { titleZh: '小草坝天麻', unit: 'kg', priceFen: 16000 });
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: product.id, quantity: 1 }]);
    const task = await eventually(async () => {
      const res = await alone.api.get('/api/logistics/pack-tasks', farmer.token);
      return res.body.items?.find((i: { orderId: string }) => i.orderId === orderId);
    }, 'the pack task on the standalone service');
    expect(task.pickupPointName).toBe('小草坝镇服务站');

    const packed = await alone.api.post(`/api/logistics/pack-tasks/${task.id}/pack`, { lines: [{ productId: product.id, packedGrams: 980 }] }, farmer.token);
    expect(packed.status).toBe(200);
    expect(packed.body).toMatchObject({ status: 'packed', packedFen: 15680 });
    const label = await alone.api.get(packed.body.parcel.labelUrl, farmer.token);
    expect(label.status).toBe(200);
    expect(label.body).toContain('小草坝镇服务站');
    expect(label.body).toContain('彝良天麻基地');

    const admin = await f.admin();
    const planned = await alone.api.post('/api/logistics/runs/plan', { day }, admin.token);
    expect(planned.status).toBe(200);
    expect(planned.body.runs).toEqual([expect.objectContaining({ county: 'yiliang', stopCount: 1, parcelCount: 1 })]);

    // Someone who is not a producer is told so by the remote catalog, as in one process.
    const stranger = await f.register('farmer');
    expect((await alone.api.get('/api/logistics/pack-tasks', stranger.token)).status).toBe(404);
    // The standalone process serves logistics paths only.
    expect((await alone.api.get(`/api/pickup-points/${point.id}`)).status).toBe(404);
  });

  it('reads the places of many points in one request per 500, as the in-process adapter answers them', async () => {
    const p = new PickupFactory(t, f);
    const points = [
      await p.point({ name: '盐津县豆沙镇服务站', county: 'yanjin', township: '豆沙镇', lat: 28.1, lng: 104.2 }),
      await p.point({ name: '镇雄县芒部镇合作社', county: 'zhenxiong', township: '芒部镇', lat: 27.5, lng: 104.8 }, { activate: false }),
    ];
    const ids = [...points.map((x) => x.id), randomUUID(), 'not-an-id', points[0].id.toUpperCase()];
    const local = await t.app.get<PickupClient>(PICKUP_CLIENT).places(ids);
    expect(local.map((x) => x.id).sort()).toEqual(points.map((x) => x.id).sort());
    // 1,001 ids, of which two name points: split into requests of 500, the same answer as in one process.
    const client = new HttpPickupClient(t.baseUrl, () => f.serviceToken('logistics'));
    const remote = await client.places([...ids, ...Array.from({ length: 996 }, () => randomUUID())]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(remote.sort(byId)).toEqual(local.sort(byId));

    const admin = await f.admin();
    const direct = await t.api.post('/api/pickup-points/places', { ids: [points[1].id] }, admin.token);
    expect([direct.status, direct.body.items.map((x: { id: string; lat: number }) => [x.id, x.lat])]).toEqual([200, [[points[1].id, 27.5]]]);
    expect((await t.api.post('/api/pickup-points/places', { ids: [points[0].id] }, (await f.buyer()).token)).status).toBe(403);
    for (const ids of [[], ['x'], Array.from({ length: 501 }, () => randomUUID()), 'abc']) {
      const bad = await t.api.post('/api/pickup-points/places', { ids }, admin.token);
      expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'ids']);
    }
  });
});
