import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { isParcelCode, todayInChina } from '@app/contracts';
import { OrderToFulfil } from '@app/queue';
import { Account, eventually, Factory, ProducerAccount, startTestApp, TestApp } from '@app/testing';
import { OrderEventsConsumer } from '../../apps/logistics/src/events/order-events.consumer';
import { firstPickupDay } from '../ordering/helpers';
import { PickupFactory } from '../pickup/helpers';
import { count, emit, outboxRows, placeOrder, taskFor } from './helpers';

/** Pack tasks from confirmed orders, packing with catch weight, labels, the trace page and earnings. */
describe('logistics: pack tasks, packing, labels and the trace page', () => {
  let t: TestApp;
  let f: Factory;
  let farmerA: ProducerAccount;
  let farmerB: ProducerAccount;
  let buyer: Account;
  let point: { id: string; name: string };
  let day: string;
  let apples: { id: string };
  let walnuts: { id: string };
  let gastrodia: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    farmerA = await f.producer({ name: '鲁甸苹果园', county: 'ludian', township: '龙头山镇' });
    farmerB = await f.producer({ name: '小草坝天麻合作社', county: 'yiliang', township: '小草坝镇', kind: 'cooperative' });
    buyer = await f.buyer();
    const p = await new PickupFactory(t, f).point({ name: '龙头山镇供销社便民店', county: 'ludian', township: '龙头山镇', lat: 27.12, lng: 103.45 });
    point = { id: p.id, name: p.name };
    day = firstPickupDay(t);
    apples = await f.product(farmerA, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680, harvestFrom: '2026-09-20', harvestTo: '2026-10-30' });
    walnuts = await f.product(farmerA, { titleZh: '核桃', unit: 'piece', priceFen: 1500 });
    gastrodia = await f.product(farmerB, { titleZh: '小草坝天麻', unit: 'box', priceFen: 12000 });
  });
  afterAll(async () => {
    await t.close();
  });

  const pack = (token: string, taskId: string, lines: unknown) => t.api.post(`/api/logistics/pack-tasks/${taskId}/pack`, { lines }, token);

  it('makes one pack task per producer of a confirmed order, each seen by its own farmer only', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [
      { productId: apples.id, quantity: 10 },
      { productId: walnuts.id, quantity: 2 },
      { productId: gastrodia.id, quantity: 1 },
    ]);
    const a = await taskFor(t, farmerA, orderId);
    const b = await taskFor(t, farmerB, orderId);
    expect(a).toMatchObject({ status: 'open', pickupDay: day, pickupPointId: point.id, pickupPointName: point.name, orderedFen: 6800 + 3000, parcel: null });
    expect(a.lines.map((l: { titleZh: string }) => l.titleZh).sort()).toEqual(['昭通苹果', '核桃'].sort());
    expect(a.lines.find((l: { productId: string }) => l.productId === apples.id)).toMatchObject({ soldByWeight: true, orderedGrams: 5000 });
    expect(a).not.toHaveProperty('buyerId');
    expect(b.lines).toHaveLength(1);
    expect(await count(t, `SELECT count(*) AS n FROM logistics.pack_tasks WHERE order_id = $1`, [orderId])).toBe(2);

    // Another farmer's task is "not found", for reading and for packing; nothing is written.
    expect((await t.api.get(`/api/logistics/pack-tasks/${a.id}`, farmerB.token)).status).toBe(404);
    expect((await pack(farmerB.token, a.id, [{ productId: walnuts.id }])).status).toBe(404);
    expect((await t.api.get('/api/logistics/pack-tasks', farmerB.token)).body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const noProfile = await f.register('farmer');
    expect((await t.api.get('/api/logistics/pack-tasks', noProfile.token)).status).toBe(404);

    // The day's pack list, by pickup point, with totals.
    const list = await t.api.get(`/api/logistics/pack-list?day=${day}`, farmerA.token);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ day, taskCount: 1, openCount: 1, orderedFen: 9800 });
    expect(list.body.points).toEqual([
      expect.objectContaining({ pickupPointId: point.id, pickupPointName: point.name, taskCount: 1, openCount: 1, orderedFen: 9800 }),
    ]);
    expect(list.body.points[0].items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: apples.id, quantity: 10, orderedGrams: 5000, openQuantity: 10 }),
        expect.objectContaining({ productId: walnuts.id, quantity: 2, orderedGrams: null }),
      ]),
    );
    const filtered = await t.api.get(`/api/logistics/pack-tasks?day=${day}&status=packed`, farmerA.token);
    expect(filtered.body.items).toEqual([]);
  });

  it('packs with catch weight: outside the tolerance is a 400 naming the line and writes nothing; within it prices by weight', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: apples.id, quantity: 10 }, { productId: walnuts.id, quantity: 2 }]);
    const task = await taskFor(t, farmerA, orderId);
    const packedBefore = await count(t, `SELECT count(*) AS n FROM logistics.outbox WHERE type = 'logistics.task.packed'`);

    const tooLight = await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 4749 }, { productId: walnuts.id }]);
    expect(tooLight.status).toBe(400);
    expect(tooLight.body.code).toBe('VALIDATION_FAILED');
    expect(tooLight.body.errors).toEqual([{ field: 'lines.0.packedGrams', message: expect.stringContaining('昭通苹果: 4749 g is outside ±5%') }]);
    const weighedCount = await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 5000 }, { productId: walnuts.id, packedGrams: 300 }]);
    expect(weighedCount.status).toBe(400);
    expect(weighedCount.body.errors[0].field).toBe('lines.1.packedGrams');
    const missingLine = await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 5000 }]);
    expect(missingLine.status).toBe(400);
    expect(missingLine.body.errors[0].message).toContain('核桃');
    for (const bad of [[], [{ productId: apples.id, packedGrams: '4800' }], [{ productId: 'apples' }], [{ productId: apples.id, packedGrams: 4800, colour: 'red' }]]) {
      const res = await pack(farmerA.token, task.id, bad);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await t.api.get(`/api/logistics/pack-tasks/${task.id}`, farmerA.token)).body).toMatchObject({ status: 'open', parcel: null });
    expect(await count(t, `SELECT count(*) AS n FROM logistics.parcels WHERE order_id = $1`, [orderId])).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM logistics.outbox WHERE type = 'logistics.task.packed'`)).toBe(packedBefore);

    // 10 斤 ordered = 5,000 g; 4,800 g packed: 680 × 4800 / 500 = 6,528 fen. The walnuts are short.
    const body = [{ productId: apples.id, packedGrams: 4800 }, { productId: walnuts.id, short: true }];
    const ok = await pack(farmerA.token, task.id, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'packed', packedFen: 6528 });
    expect(ok.body.lines.find((l: { productId: string }) => l.productId === apples.id)).toMatchObject({ packedGrams: 4800, short: false, finalFen: 6528 });
    expect(ok.body.lines.find((l: { productId: string }) => l.productId === walnuts.id)).toMatchObject({ packedGrams: null, short: true, finalFen: 0 });
    expect(isParcelCode(ok.body.parcel.code)).toBe(true);
    // The order service hears of it: the order is in fulfilment.
    await eventually(async () => (await t.api.get(`/api/orders/${orderId}`, buyer.token)).body.status === 'in_fulfilment', 'the order in fulfilment');
    expect(ok.body.parcel.status).toBe('packed');

    const [event] = await outboxRows(t, 'logistics.task.packed', `payload->>'taskId' = $2`, [task.id]);
    expect(event).toMatchObject({ orderId, producerId: farmerA.producerId, parcelId: ok.body.parcel.id, parcelCode: ok.body.parcel.code });
    expect(event.lines).toEqual(
      expect.arrayContaining([
        { productId: apples.id, quantity: 10, packedGrams: 4800, short: false, finalFen: 6528 },
        { productId: walnuts.id, quantity: 2, packedGrams: null, short: true, finalFen: 0 },
      ]),
    );
    // The order service tracks 'packed' from task.packed itself: no separate tracking message.
    expect(await outboxRows(t, 'logistics.parcels.tracked', `payload->>'kind' = 'packed' AND $2::text IS NOT NULL`, [ok.body.parcel.id])).toEqual([]);

    // The same pack again (a double tap) answers the same task; a different one is refused.
    const again = await pack(farmerA.token, task.id, body);
    expect(again.status).toBe(200);
    expect(again.body.parcel.id).toBe(ok.body.parcel.id);
    const changed = await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 5000 }, { productId: walnuts.id }]);
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('INVALID_TRANSITION');
    expect(await count(t, `SELECT count(*) AS n FROM logistics.parcels WHERE task_id = $1`, [task.id])).toBe(1);
    expect(await outboxRows(t, 'logistics.task.packed', `payload->>'taskId' = $2`, [task.id])).toHaveLength(1);
  });

  it('a task packed all short makes no parcel', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: gastrodia.id, quantity: 2 }]);
    const task = await taskFor(t, farmerB, orderId);
    const res = await pack(farmerB.token, task.id, [{ productId: gastrodia.id, short: true }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'short', packedFen: 0, parcel: null });
    const [event] = await outboxRows(t, 'logistics.task.packed', `payload->>'taskId' = $2`, [task.id]);
    expect(event).toMatchObject({ parcelId: null, parcelCode: null, lines: [{ productId: gastrodia.id, quantity: 2, packedGrams: null, short: true, finalFen: 0 }] });
  });

  it('prints a label for the packing farmer or an admin, without anything about the buyer', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: apples.id, quantity: 4 }]);
    const task = await taskFor(t, farmerA, orderId);
    const packed = await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 2010 }]);
    expect(packed.status).toBe(200);
    const parcel = packed.body.parcel;
    const res = await t.api.get(parcel.labelUrl, farmerA.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg: string = res.body;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(parcel.code);
    expect(svg).toContain(point.name);
    expect(svg).toContain(day);
    expect(svg).toContain('鲁甸苹果园');
    expect(svg).toContain('昭通苹果 × 4斤');
    expect(svg).toContain('<path'); // the QR code
    for (const secret of [buyer.id, buyer.phone, orderId, '买家']) expect(svg).not.toContain(secret);

    const admin = await f.admin();
    expect((await t.api.get(parcel.labelUrl, admin.token)).status).toBe(200);
    expect((await t.api.get(parcel.labelUrl, farmerB.token)).status).toBe(404);
    expect((await t.api.get(parcel.labelUrl, buyer.token)).status).toBe(403);
    expect((await t.api.get(parcel.labelUrl)).status).toBe(401);
    expect((await t.api.get(`/api/logistics/parcels/${randomUUID()}/label`, farmerA.token)).status).toBe(404);
  });

  it('opens the public trace page: the farm, the goods and their harvest, never the buyer', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: apples.id, quantity: 2 }]);
    const task = await taskFor(t, farmerA, orderId);
    expect((await pack(farmerA.token, task.id, [{ productId: apples.id, packedGrams: 1000 }])).status).toBe(200);
    const [{ trace_code: traceCode, code }] = await t.db.query(`SELECT trace_code, code FROM logistics.parcels WHERE order_id = $1`, [orderId]);
    const res = await t.api.get(`/api/logistics/trace/${traceCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      producer: { name: '鲁甸苹果园', county: 'ludian', countyName: '鲁甸县', township: '龙头山镇' },
      items: [{ titleZh: '昭通苹果', originCounty: expect.any(String), originCountyName: expect.any(String), harvestFrom: '2026-09-20', harvestTo: '2026-10-30' }],
      packedOn: todayInChina(),
    });
    const text = JSON.stringify(res.body);
    for (const secret of [buyer.id, buyer.phone, orderId, code, point.id]) expect(text).not.toContain(secret);
    expect((await t.api.get(`/api/logistics/trace/${traceCode.toLowerCase()}`)).status).toBe(200);
    expect((await t.api.get('/api/logistics/trace/0000000000000000')).status).toBe(404);
    expect((await t.api.get('/api/logistics/trace/not-a-code')).status).toBe(404);
  });

  it('sums the farmer’s packed goods per day, voided parcels left out', async () => {
    const res = await t.api.get('/api/logistics/earnings', farmerA.token);
    expect(res.status).toBe(200);
    const [{ total }] = await t.db.query(
      `SELECT sum(packed_fen)::int AS total FROM logistics.pack_tasks WHERE producer_id = $1 AND status = 'packed'`,
      [farmerA.producerId],
    );
    expect(total).toBeGreaterThan(6528);
    expect(res.body.days).toEqual([{ day: todayInChina(), tasks: expect.any(Number), goodsFen: total }]);
    expect(res.body.totalFen).toBe(total);
    // Another farmer's earnings are their own (B packed only short: nothing).
    expect((await t.api.get('/api/logistics/earnings', farmerB.token)).body.totalFen).toBe(0);
    expect((await t.api.get(`/api/logistics/earnings?from=${todayInChina()}&to=2020-01-01`, farmerA.token)).status).toBe(400);
    expect((await t.api.get('/api/logistics/earnings?from=yesterday', farmerA.token)).status).toBe(400);
  });

  it('cancels open tasks and voids packed parcels when the order is cancelled, even if the cancel comes first', async () => {
    const orderId = await placeOrder(t, buyer, point.id, day, [{ productId: apples.id, quantity: 2 }, { productId: gastrodia.id, quantity: 1 }]);
    const a = await taskFor(t, farmerA, orderId);
    const b = await taskFor(t, farmerB, orderId);
    const packed = await pack(farmerA.token, a.id, [{ productId: apples.id, packedGrams: 1000 }]);
    const before = (await t.api.get('/api/logistics/earnings', farmerA.token)).body.totalFen;
    const event = { orderId, buyerId: buyer.id, pickupPointId: point.id, pickupDay: day, totalFen: 0, paymentMethod: 'pay_at_pickup' as const };
    await emit(t, 'ordering', 'ordering.order.cancelled', event);
    await eventually(async () => (await t.api.get(`/api/logistics/pack-tasks/${b.id}`, farmerB.token)).body.status === 'cancelled', 'the open task cancelled');
    expect((await t.api.get(`/api/logistics/pack-tasks/${a.id}`, farmerA.token)).body.parcel).toMatchObject({ id: packed.body.parcel.id, status: 'voided' });
    expect((await pack(farmerB.token, b.id, [{ productId: gastrodia.id }])).status).toBe(409);
    expect((await t.api.get('/api/logistics/earnings', farmerA.token)).body.totalFen).toBe(before - 1360);

    // A confirmed event that arrives after the cancel makes no tasks.
    const late = randomUUID();
    await emit(t, 'ordering', 'ordering.order.cancelled', { ...event, orderId: late });
    await eventually(async () => (await t.db.query(`SELECT 1 FROM logistics.orders_seen WHERE order_id = $1 AND cancelled_at IS NOT NULL`, [late])).length > 0, 'the cancel recorded');
    const consumer = t.app.get(OrderEventsConsumer);
    const confirmed: OrderToFulfil = { ...event, orderId: late, lines: [{ productId: apples.id, producerId: farmerA.producerId, titleZh: '昭通苹果', unit: 'jin', unitPriceFen: 680, quantity: 1, lineTotalFen: 680, perishable: true }] };
    expect(await consumer.confirmed(confirmed, { id: `test-${randomUUID()}` } as Job)).toBe('cancelled');
  });

  it('never leaves tasks open for an order cancelled while they were being made, whichever commits first', async () => {
    const consumer = t.app.get(OrderEventsConsumer);
    const line = { productId: apples.id, producerId: farmerA.producerId, titleZh: '昭通苹果', unit: 'jin' as const, unitPriceFen: 680, quantity: 1, lineTotalFen: 680, perishable: true };
    const base = { buyerId: buyer.id, pickupPointId: point.id, pickupDay: day, totalFen: 680, paymentMethod: 'online' as const, lines: [line] };
    const settledWithin = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
    const openTasks = async (orderId: string) => count(t, `SELECT count(*)::int AS n FROM logistics.pack_tasks WHERE order_id = $1 AND status = 'open'`, [orderId]);

    // A cancel has begun (it upserts the order's row first, as cancelled() does) and already found no tasks.
    const first = randomUUID();
    const cancel = t.db.createQueryRunner();
    await cancel.connect();
    await cancel.startTransaction();
    await cancel.query(`INSERT INTO logistics.orders_seen (order_id, cancelled_at) VALUES ($1, now()) ON CONFLICT (order_id) DO UPDATE SET cancelled_at = now()`, [first]);
    const making = consumer.paid({ ...base, orderId: first }, { id: `test-${randomUUID()}` } as Job);
    // The tasks wait for the cancel to end instead of reading past it...
    expect(await settledWithin(making, 300)).toBe(false);
    await cancel.commitTransaction();
    await cancel.release();
    // ...and then see it.
    expect(await making).toBe('cancelled');
    expect(await openTasks(first)).toBe(0);

    // Tasks are being made (their statement holds the order's row) when the cancel arrives.
    const second = randomUUID();
    const tasks = t.db.createQueryRunner();
    await tasks.connect();
    await tasks.startTransaction();
    await tasks.query(`INSERT INTO logistics.orders_seen (order_id) VALUES ($1)`, [second]);
    await tasks.query(
      `INSERT INTO logistics.pack_tasks (order_id, producer_id, buyer_id, pickup_point_id, pickup_day, payment_method, lines, ordered_fen, perishable)
       VALUES ($1, $2, $3, $4, $5, 'online', $6, 680, true)`,
      [second, farmerA.producerId, buyer.id, point.id, day, JSON.stringify([line])],
    );
    const cancelling = consumer.cancelled({ ...base, orderId: second }, { id: `test-${randomUUID()}` } as Job);
    expect(await settledWithin(cancelling, 300)).toBe(false);
    await tasks.commitTransaction();
    await tasks.release();
    expect(await cancelling).toMatchObject({ cancelledTasks: 1 });
    expect(await openTasks(second)).toBe(0);
  });

  it('a redelivered order event changes nothing twice', async () => {
    const consumer = t.app.get(OrderEventsConsumer);
    const orderId = randomUUID();
    const data: OrderToFulfil = {
      orderId, buyerId: buyer.id, pickupPointId: point.id, pickupDay: day, totalFen: 1500, paymentMethod: 'online',
      lines: [
        { productId: walnuts.id, producerId: farmerA.producerId, titleZh: '核桃', unit: 'piece', unitPriceFen: 1500, quantity: 1, lineTotalFen: 1500, perishable: false },
        { productId: gastrodia.id, producerId: farmerB.producerId, titleZh: '小草坝天麻', unit: 'box', unitPriceFen: 12000, quantity: 1, lineTotalFen: 12000, perishable: false },
      ],
    };
    const job = { id: `ordering-redelivered-${randomUUID()}` } as Job;
    expect(await consumer.paid(data, job)).toBe(2);
    expect(await consumer.paid(data, job)).toBe('duplicate');
    // The same order under another job id (paid and confirmed both sent, say) still makes one task per producer.
    expect(await consumer.confirmed(data, { id: `ordering-other-${randomUUID()}` } as Job)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM logistics.pack_tasks WHERE order_id = $1`, [orderId])).toBe(2);
    const cancelJob = { id: `ordering-cancel-${randomUUID()}` } as Job;
    expect(await consumer.cancelled(data, cancelJob)).toEqual({ cancelledTasks: 2, voidedParcels: 0 });
    expect(await consumer.cancelled(data, cancelJob)).toBe('duplicate');
  });

  it('keeps farmer paths to farmers and refuses bad queries with 400', async () => {
    const staff = await new PickupFactory(t, f).staff(point.id);
    const admin = await f.admin();
    for (const path of ['/api/logistics/pack-tasks', `/api/logistics/pack-list?day=${day}`, '/api/logistics/earnings']) {
      expect((await t.api.get(path, buyer.token)).status).toBe(403);
      expect((await t.api.get(path, staff.token)).status).toBe(403);
      expect((await t.api.get(path, admin.token)).status).toBe(403);
      expect((await t.api.get(path)).status).toBe(401);
    }
    expect((await t.api.get('/api/logistics/pack-list', farmerA.token)).status).toBe(400);
    expect((await t.api.get('/api/logistics/pack-list?day=2026-02-30', farmerA.token)).status).toBe(400);
    const bogus = await t.api.get('/api/logistics/pack-tasks?status=lost', farmerA.token);
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].field).toBe('status');
    expect((await t.api.get('/api/logistics/pack-tasks/not-an-id', farmerA.token)).status).toBe(404);
  });
});
