import { randomUUID } from 'node:crypto';
import { HttpPickupClient, PICKUP_CLIENT, PickupClient, todayInChina } from '@app/contracts';
import { AppError } from '@app/errors';
import { Factory, startTestApp, TestApp } from '@app/testing';
import { addDays, MON_TO_FRI, nextWeekday, PickupFactory, uniqueTownship } from './helpers';

describe('pickup slot holds for the order service', () => {
  let t: TestApp;
  let f: Factory;
  let p: PickupFactory;
  let service: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    p = new PickupFactory(t, f);
    service = f.serviceToken();
  });
  afterAll(() => t.close());

  const tomorrow = () => addDays(todayInChina(), 1);
  const hold = (pointId: string, day: string, orderId: string = randomUUID(), token = service) =>
    t.api.post('/api/pickup-points/holds', { orderId, pointId, day }, token);
  const release = (orderId: string, token = service) => t.api.post(`/api/pickup-points/holds/${orderId}/release`, {}, token);
  const counter = async (pointId: string, day: string) => {
    const rows = await t.db.query(`SELECT capacity, held FROM pickup.day_counters WHERE point_id = $1 AND day = $2`, [pointId, day]);
    return rows[0] ?? null;
  };
  const holdRows = async (pointId: string) =>
    (await t.db.query(`SELECT status, count(*)::int AS n FROM pickup.holds WHERE point_id = $1 GROUP BY status ORDER BY status`, [pointId])) as Array<{
      status: string;
      n: number;
    }>;
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  it('never holds more than the capacity: 300 parallel holds against 50 make exactly 50', async () => {
    const point = await p.point({ name: '龙头山镇供销社便民店', township: uniqueTownship(), capacityPerDay: 50 });
    const day = tomorrow();
    const results = await Promise.all(Array.from({ length: 300 }, () => hold(point.id, day)));
    expect(tally(results.map((r) => r.status))).toEqual({ 201: 50, 409: 250 });
    const refused = results.filter((r) => r.status === 409);
    expect(refused.every((r) => r.body.code === 'PICKUP_DAY_FULL')).toBe(true);
    expect(refused[0].body.details).toEqual({ pointId: point.id, day, capacity: 50, held: 50 });
    expect(results.filter((r) => r.status === 201).every((r) => r.body.status === 'held' && r.body.day === day)).toBe(true);
    expect(await counter(point.id, day)).toEqual({ capacity: 50, held: 50 });
    expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 50 }]);
    const [avail] = (await t.api.get(`/api/pickup-points/${point.id}/availability?from=${day}&to=${day}`)).body;
    expect(avail).toMatchObject({ open: true, capacity: 50, held: 50, remaining: 0 });

    // A place given back is a place someone else can take, once.
    const first = results.find((r) => r.status === 201)!.body.orderId;
    expect((await release(first)).status).toBe(200);
    const retry = await Promise.all(Array.from({ length: 10 }, () => hold(point.id, day)));
    expect(tally(retry.map((r) => r.status))).toEqual({ 201: 1, 409: 9 });
    expect(await counter(point.id, day)).toEqual({ capacity: 50, held: 50 });
  });

  it('holds the line across two app instances with their own connection pools on one database', async () => {
    const second = await startTestApp({ DATABASE_URL: t.env.DATABASE_URL });
    try {
      const point = await p.point({ township: uniqueTownship(), capacityPerDay: 50 });
      const day = addDays(todayInChina(), 3);
      const orderIds = Array.from({ length: 150 }, () => randomUUID());
      // Each order is sent to both instances at once: 300 requests, 150 orders, 50 places.
      const results = await Promise.all(
        orderIds.flatMap((orderId) => [t.api, second.api].map((api) => api.post('/api/pickup-points/holds', { orderId, pointId: point.id, day }, service))),
      );
      const ok = results.filter((r) => r.status === 201);
      expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'PICKUP_DAY_FULL')).toBe(true);
      expect(new Set(ok.map((r) => r.body.orderId)).size).toBe(50);
      expect(await counter(point.id, day)).toEqual({ capacity: 50, held: 50 });
      expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 50 }]);
    } finally {
      await second.close();
    }
  });

  it('makes one hold from the same order id sent 20 times at once, and refuses it for another day', async () => {
    const point = await p.point({ township: uniqueTownship(), capacityPerDay: 5 });
    const day = tomorrow();
    const orderId = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => hold(point.id, day, orderId)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of results) expect(r.body).toEqual({ orderId, pointId: point.id, day, status: 'held' });
    expect(await counter(point.id, day)).toEqual({ capacity: 5, held: 1 });
    expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 1 }]);

    const otherDay = await hold(point.id, addDays(day, 1), orderId);
    expect([otherDay.status, otherDay.body.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect(otherDay.body.details).toEqual({ orderId, pointId: point.id, day });
    const other = await p.point({ township: uniqueTownship() });
    expect((await hold(other.id, day, orderId)).body.code).toBe('IDEMPOTENCY_MISMATCH');
    expect((await hold(point.id, day, orderId.toUpperCase())).body).toEqual({ orderId, pointId: point.id, day, status: 'held' });
    expect(await counter(point.id, day)).toEqual({ capacity: 5, held: 1 });
    expect(await counter(point.id, addDays(day, 1))).toBeNull();
    expect(await counter(other.id, day)).toBeNull();
  });

  it('releases once: the place comes back a single time, and a released hold is final', async () => {
    const point = await p.point({ township: uniqueTownship(), capacityPerDay: 3 });
    const day = addDays(todayInChina(), 2);
    const orders = [randomUUID(), randomUUID(), randomUUID()];
    for (const o of orders) expect((await hold(point.id, day, o)).status).toBe(201);
    expect(await counter(point.id, day)).toEqual({ capacity: 3, held: 3 });

    const releases = await Promise.all(Array.from({ length: 20 }, () => release(orders[0])));
    expect(releases.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of releases) expect(r.body).toEqual({ orderId: orders[0], pointId: point.id, day, status: 'released' });
    expect(await counter(point.id, day)).toEqual({ capacity: 3, held: 2 });
    expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 2 }, { status: 'released', n: 1 }]);

    const unknown = await release(randomUUID());
    expect([unknown.status, unknown.body ?? null]).toEqual([200, null]);
    expect((await release('not-an-order')).status).toBe(200);
    const again = await hold(point.id, day, orders[0]);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await counter(point.id, day)).toEqual({ capacity: 3, held: 2 });
    expect((await t.api.get(`/api/pickup-points/holds/${orders[0]}`, service)).body.status).toBe('released');
    expect((await t.api.get(`/api/pickup-points/holds/${randomUUID()}`, service)).status).toBe(404);
  });

  it('keeps orders already held when the capacity is lowered, and takes no more until a day is under it', async () => {
    const point = await p.point({ township: uniqueTownship(), capacityPerDay: 3 });
    const staff = await p.staff(point.id);
    const day = tomorrow();
    const later = addDays(day, 1);
    const orders = [randomUUID(), randomUUID(), randomUUID()];
    for (const o of orders) expect((await hold(point.id, day, o)).status).toBe(201);
    expect((await hold(point.id, later)).status).toBe(201);

    expect((await t.api.patch(`/api/pickup-points/${point.id}`, { capacityPerDay: 1 }, staff.token)).status).toBe(200);
    expect(await counter(point.id, day)).toEqual({ capacity: 3, held: 3 });
    expect(await counter(point.id, later)).toEqual({ capacity: 1, held: 1 });
    const avail = (await t.api.get(`/api/pickup-points/${point.id}/availability?from=${day}&to=${addDays(day, 2)}`)).body;
    expect(avail.map((d: { held: number; remaining: number; capacity: number }) => [d.capacity, d.held, d.remaining])).toEqual([
      [3, 3, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
    await release(orders[0]);
    expect(await counter(point.id, day)).toEqual({ capacity: 2, held: 2 });
    expect((await hold(point.id, day)).body.code).toBe('PICKUP_DAY_FULL');
    await release(orders[1]);
    await release(orders[2]);
    expect(await counter(point.id, day)).toEqual({ capacity: 1, held: 0 });
    expect((await hold(point.id, day)).status).toBe(201);
    expect((await hold(point.id, day)).body.code).toBe('PICKUP_DAY_FULL');

    // Raising it again opens room on every upcoming day.
    expect((await t.api.patch(`/api/pickup-points/${point.id}`, { capacityPerDay: 4 }, staff.token)).status).toBe(200);
    expect(await counter(point.id, day)).toEqual({ capacity: 4, held: 1 });
    expect((await hold(point.id, later)).status).toBe(201);
  });

  it('refuses closed days, days outside the booking window and points that are not active, writing nothing', async () => {
    const point = await p.point({ township: uniqueTownship(), openingHours: MON_TO_FRI });
    const admin = await f.admin();
    const saturday = nextWeekday('6');
    const monday = nextWeekday('1');
    const tuesday = nextWeekday('2');
    await t.api.put(`/api/pickup-points/${point.id}/closed-days/${tuesday}`, { reason: '春节休息' }, admin.token);

    const weekend = await hold(point.id, saturday);
    expect([weekend.status, weekend.body.code]).toEqual([409, 'PICKUP_DAY_CLOSED']);
    expect(weekend.body.details).toEqual({ pointId: point.id, day: saturday, reason: 'weekly_hours' });
    const closed = await hold(point.id, tuesday);
    expect(closed.body).toMatchObject({ code: 'PICKUP_DAY_CLOSED', details: { reason: 'closed_day' } });
    expect(closed.body.message).toMatch(/春节休息/);
    expect((await hold(point.id, addDays(todayInChina(), -1))).body.details.reason).toBe('beyond_horizon');
    expect((await hold(point.id, addDays(todayInChina(), 61))).body.code).toBe('PICKUP_DAY_CLOSED');

    const proposed = await p.point({ township: uniqueTownship() }, { activate: false });
    const notYet = await hold(proposed.id, monday);
    expect([notYet.status, notYet.body.code, notYet.body.details]).toEqual([409, 'PICKUP_POINT_UNAVAILABLE', { pointId: proposed.id }]);
    expect((await hold(randomUUID(), monday)).body.code).toBe('PICKUP_POINT_UNAVAILABLE');

    expect((await hold(point.id, monday)).status).toBe(201);
    await t.api.post(`/api/pickup-points/${point.id}/status`, { status: 'suspended' }, admin.token);
    expect((await hold(point.id, monday)).body.code).toBe('PICKUP_POINT_UNAVAILABLE');
    await t.api.post(`/api/pickup-points/${point.id}/status`, { status: 'active' }, admin.token);

    expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 1 }]);
    expect(await holdRows(proposed.id)).toEqual([]);
    expect(await counter(point.id, saturday)).toBeNull();
    expect(await counter(point.id, tuesday)).toBeNull();
  });

  it('is for services and admins only, and refuses bad input with field errors', async () => {
    const point = await p.point({ township: uniqueTownship() });
    const day = tomorrow();
    const buyer = await f.buyer();
    const farmer = await f.register('farmer');
    const staff = await p.staff(point.id);
    expect((await hold(point.id, day, randomUUID(), buyer.token)).status).toBe(403);
    expect((await hold(point.id, day, randomUUID(), farmer.token)).status).toBe(403);
    expect((await hold(point.id, day, randomUUID(), staff.token)).status).toBe(403);
    expect((await t.api.post('/api/pickup-points/holds', { orderId: randomUUID(), pointId: point.id, day })).status).toBe(401);
    const admin = await f.admin();
    const byAdmin = await hold(point.id, day, randomUUID(), admin.token);
    expect(byAdmin.status).toBe(201);
    expect((await release(byAdmin.body.orderId, buyer.token)).status).toBe(403);
    expect((await t.api.get(`/api/pickup-points/holds/${byAdmin.body.orderId}`, buyer.token)).status).toBe(403);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ orderId: 'order-1', pointId: point.id, day }, 'orderId'],
      [{ orderId: randomUUID(), pointId: 'point-1', day }, 'pointId'],
      [{ orderId: randomUUID(), pointId: point.id, day: '2026-02-30' }, 'day'],
      [{ orderId: randomUUID(), pointId: point.id, day: '明天' }, 'day'],
      [{ orderId: randomUUID(), pointId: point.id }, 'day'],
      [{ orderId: randomUUID(), pointId: point.id, day, quantity: 2 }, 'quantity'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api.post('/api/pickup-points/holds', body, service);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await holdRows(point.id)).toEqual([{ status: 'held', n: 1 }]);
    expect(await counter(point.id, day)).toEqual({ capacity: 50, held: 1 });
  });

  describe('through the PickupClient', () => {
    it.each(['http', 'in-process'])('serves the order service through the %s adapter', async (kind) => {
      const client: PickupClient = kind === 'http' ? new HttpPickupClient(t.baseUrl, () => f.serviceToken()) : t.app.get(PICKUP_CLIENT);
      const point = await p.point({ name: `彝良县小草坝镇服务站 ${kind}`, county: 'yiliang', township: uniqueTownship(), capacityPerDay: 1, coldStorage: true, commissionBps: 250 });
      const proposed = await p.point({ township: uniqueTownship() }, { activate: false });
      expect(await client.point(point.id)).toEqual({
        id: point.id, name: `彝良县小草坝镇服务站 ${kind}`, county: 'yiliang', township: point.township, address: point.address,
        coldStorage: true, commissionBps: 250, status: 'active',
      });
      expect((await client.point(proposed.id))?.status).toBe('proposed');
      expect(await client.point(randomUUID())).toBeNull();
      expect(await client.point('no-such-point')).toBeNull();

      const day = tomorrow();
      const orderId = randomUUID();
      const held = await client.hold({ orderId, pointId: point.id, day });
      expect(held).toEqual({ orderId, pointId: point.id, day, status: 'held' });
      expect(await client.hold({ orderId, pointId: point.id, day })).toEqual(held);

      const full = await client.hold({ orderId: randomUUID(), pointId: point.id, day }).catch((e) => e);
      expect(full).toBeInstanceOf(AppError);
      expect([full.code, full.details]).toEqual(['PICKUP_DAY_FULL', { pointId: point.id, day, capacity: 1, held: 1 }]);
      const mismatch = await client.hold({ orderId, pointId: point.id, day: addDays(day, 1) }).catch((e) => e);
      expect(mismatch.code).toBe('IDEMPOTENCY_MISMATCH');
      const closed = await client.hold({ orderId: randomUUID(), pointId: point.id, day: addDays(todayInChina(), -1) }).catch((e) => e);
      expect([closed.code, closed.details.reason]).toEqual(['PICKUP_DAY_CLOSED', 'beyond_horizon']);
      const unavailable = await client.hold({ orderId: randomUUID(), pointId: proposed.id, day }).catch((e) => e);
      expect([unavailable.code, unavailable.message]).toEqual(['PICKUP_POINT_UNAVAILABLE', 'This pickup point is not taking orders']);
      const badInput = await client.hold({ orderId: 'x', pointId: point.id, day }).catch((e) => e);
      expect([badInput.code, badInput.message]).toEqual(['VALIDATION_FAILED', 'orderId: orderId must be a UUID']);

      expect(await client.release(orderId)).toEqual({ ...held, status: 'released' });
      expect(await client.release(orderId)).toEqual({ ...held, status: 'released' });
      expect(await client.release(randomUUID())).toBeNull();
      expect(await client.release('x')).toBeNull();
      const reheld = await client.hold({ orderId, pointId: point.id, day }).catch((e) => e);
      expect(reheld.code).toBe('INVALID_TRANSITION');
      expect(await counter(point.id, day)).toEqual({ capacity: 1, held: 0 });
    });

    it('answers the same over HTTP as in process', async () => {
      const http = new HttpPickupClient(t.baseUrl, () => f.serviceToken());
      const local: PickupClient = t.app.get(PICKUP_CLIENT);
      const point = await p.point({ township: uniqueTownship(), capacityPerDay: 2 });
      const day = tomorrow();
      const orderId = randomUUID();
      expect(await http.point(point.id)).toEqual(await local.point(point.id));
      expect(await http.hold({ orderId, pointId: point.id, day })).toEqual(await local.hold({ orderId, pointId: point.id, day }));
      const errors = await Promise.all(
        [http, local].map((c) => c.hold({ orderId, pointId: point.id, day: addDays(day, 3) }).catch((e: AppError) => ({ code: e.code, message: e.message, details: e.details }))),
      );
      expect(errors[0]).toEqual(errors[1]);
      expect(await http.release(orderId)).toEqual(await local.release(orderId));
      const unreachable = await new HttpPickupClient('http://127.0.0.1:9', () => 'token').hold({ orderId, pointId: point.id, day }).catch((e) => e);
      expect(unreachable.code).toBe('SERVICE_UNAVAILABLE');
    });
  });
});
