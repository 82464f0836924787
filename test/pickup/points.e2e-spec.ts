import { randomUUID } from 'node:crypto';
import { todayInChina } from '@app/contracts';
import { ApiResponse, Factory, startTestApp, TestApp } from '@app/testing';
import { addDays, EVERY_DAY, MON_TO_FRI, MON_TO_SAT, nextWeekday, PickupFactory, pointBody, uniqueTownship, weekdayOf } from './helpers';

describe('pickup points: approval, staff, search and availability', () => {
  let t: TestApp;
  let f: Factory;
  let p: PickupFactory;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    p = new PickupFactory(t, f);
    admin = await f.admin();
  });
  afterAll(() => t.close());

  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
  const countPoints = async () => (await t.db.query(`SELECT count(*)::int AS n FROM pickup.points`))[0].n as number;

  it('is proposed by an admin, approved, suspended and reinstated; buyers see it only while active', async () => {
    const buyer = await f.buyer();
    const township = uniqueTownship();
    const body = pointBody({ name: '龙头山镇供销社便民店', kind: 'township_coop', county: 'ludian', township, village: undefined, lat: 27.1, lng: 103.4, coldStorage: true, commissionBps: 200 });
    expect((await t.api.post('/api/pickup-points', body, buyer.token)).status).toBe(403);
    expect((await t.api.post('/api/pickup-points', body)).status).toBe(401);

    const created = await t.api.post('/api/pickup-points', body, admin.token);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '龙头山镇供销社便民店', kind: 'township_coop', kindName: '乡镇供销社门店', county: 'ludian', countyName: '鲁甸县', township,
      village: null, lat: 27.1, lng: 103.4, coldStorage: true, commissionBps: 200, status: 'proposed', capacityPerDay: 50, closedDays: [], staff: [],
    });
    const id = created.body.id;
    expect((await t.api.get(`/api/pickup-points/${id}`)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${id}`, buyer.token)).status).toBe(404);
    expect(ids(await t.api.get(`/api/pickup-points?township=${encodeURIComponent(township)}`))).toEqual([]);
    expect(ids(await t.api.get(`/api/pickup-points?status=proposed&township=${encodeURIComponent(township)}`, admin.token))).toEqual([id]);
    // A buyer asking for proposed points still sees active ones only.
    expect(ids(await t.api.get(`/api/pickup-points?status=proposed&township=${encodeURIComponent(township)}`, buyer.token))).toEqual([]);

    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'suspended' }, admin.token)).body.code).toBe('INVALID_TRANSITION');
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'active' }, buyer.token)).status).toBe(403);
    const approved = await t.api.post(`/api/pickup-points/${id}/status`, { status: 'active', note: '资料齐全' }, admin.token);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', statusNote: '资料齐全' });
    expect(approved.body.statusChangedAt).not.toBeNull();

    const seen = await t.api.get(`/api/pickup-points/${id}`, buyer.token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id, name: '龙头山镇供销社便民店', contactPhone: body.contactPhone, openingHours: EVERY_DAY });
    expect(seen.body.status).toBeUndefined();
    expect(seen.body.commissionBps).toBeUndefined();
    expect(seen.body.staff).toBeUndefined();
    expect(ids(await t.api.get(`/api/pickup-points?township=${encodeURIComponent(township)}`))).toEqual([id]);

    const again = await t.api.post(`/api/pickup-points/${id}/status`, { status: 'active' }, admin.token);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: 'A pickup point that is active cannot become active' });
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'suspended', note: '门店装修' }, admin.token)).body.status).toBe('suspended');
    expect((await t.api.get(`/api/pickup-points/${id}`)).status).toBe(404);
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'proposed' }, admin.token)).body.code).toBe('INVALID_TRANSITION');
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'closed' }, admin.token)).status).toBe(400);
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'active' }, admin.token)).body.status).toBe('active');

    const events = await t.db.query(
      `SELECT payload->>'change' AS change, payload->>'status' AS status FROM pickup.outbox WHERE type = 'pickup.point.changed' AND payload->>'pointId' = $1 ORDER BY id`,
      [id],
    );
    expect(events).toEqual([
      { change: 'created', status: 'proposed' },
      { change: 'status', status: 'active' },
      { change: 'status', status: 'suspended' },
      { change: 'status', status: 'active' },
    ]);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await countPoints();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lat: 39.9 }, 'lat'],
      [{ lng: 'east' }, 'lng'],
      [{ county: 'kunming' }, 'county'],
      [{ kind: 'supermarket' }, 'kind'],
      [{ capacityPerDay: 0 }, 'capacityPerDay'],
      [{ commissionBps: 10001 }, 'commissionBps'],
      [{ commissionBps: 1.5 }, 'commissionBps'],
      [{ contactPhone: '12345' }, 'contactPhone'],
      [{ openingHours: {} }, 'openingHours'],
      [{ openingHours: { '8': { open: '08:00', close: '18:00' } } }, 'openingHours'],
      [{ openingHours: { '1': { open: '18:00', close: '08:00' } } }, 'openingHours'],
      [{ name: undefined }, 'name'],
      [{ status: 'active' }, 'status'],
    ];
    for (const [override, field] of cases) {
      const res = await t.api.post('/api/pickup-points', pointBody(override), admin.token);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const hours = await t.api.post('/api/pickup-points', pointBody({ openingHours: { '2': { open: '18:00', close: '08:00' } } }), admin.token);
    expect(hours.body.errors[0].message).toBe('openingHours.2.close must be later than open');
    expect(await countPoints()).toBe(before);
  });

  it('binds staff, who manage only their own points; another point is 404 to them', async () => {
    const a = await p.point({ name: '洒渔镇光明村村级服务站', township: uniqueTownship() });
    const b = await p.point({ name: '北闸镇供销社便民店', kind: 'township_coop', township: uniqueTownship() });
    const proposed = await p.point({ name: '靖安镇新店村服务站', township: uniqueTownship() }, { activate: false });
    const staffA = await p.staff(a.id, proposed.id);
    const staffB = await p.staff(b.id);

    const mine = await t.api.get('/api/pickup-points/mine', staffA.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, proposed.id].sort());
    expect(mine.body.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({ status: 'active', commissionBps: 150, staff: [{ userId: staffA.id }] });
    expect((await t.api.get('/api/pickup-points/mine', admin.token)).status).toBe(403);
    // Their own point in any state, with the manager's view; another point only as the public sees it.
    expect((await t.api.get(`/api/pickup-points/${proposed.id}`, staffA.token)).body.status).toBe('proposed');
    expect((await t.api.get(`/api/pickup-points/${proposed.id}`, staffB.token)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${b.id}`, staffA.token)).body.commissionBps).toBeUndefined();

    const edit = await t.api.patch(`/api/pickup-points/${a.id}`, { capacityPerDay: 120, openingHours: MON_TO_SAT, coldStorage: true, contactName: '李梅' }, staffA.token);
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ capacityPerDay: 120, openingHours: MON_TO_SAT, coldStorage: true, contactName: '李梅', commissionBps: 150 });

    const badHours = await t.api.patch(`/api/pickup-points/${a.id}`, { openingHours: { '1': { open: '9:00', close: '18:00' } } }, staffA.token);
    expect([badHours.status, badHours.body.errors[0]]).toEqual([400, { field: 'openingHours', message: 'openingHours.1.open must be a time written HH:MM (00:00 to 23:59)' }]);
    expect((await t.api.patch(`/api/pickup-points/${a.id}`, { capacityPerDay: 0 }, staffA.token)).status).toBe(400);
    const cross = await t.api.patch(`/api/pickup-points/${b.id}`, { capacityPerDay: 1 }, staffA.token);
    expect([cross.status, cross.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.api.put(`/api/pickup-points/${b.id}/closed-days/${addDays(todayInChina(), 3)}`, {}, staffA.token)).status).toBe(404);
    expect((await t.api.patch(`/api/pickup-points/${randomUUID()}`, { capacityPerDay: 1 }, staffA.token)).status).toBe(404);
    const [bRow] = await t.db.query(`SELECT capacity_per_day FROM pickup.points WHERE id = $1`, [b.id]);
    expect(bRow.capacity_per_day).toBe(50);

    const commission = await t.api.patch(`/api/pickup-points/${a.id}`, { commissionBps: 900 }, staffA.token);
    expect([commission.status, commission.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(commission.body.message).toMatch(/commissionBps/);
    expect((await t.api.patch(`/api/pickup-points/${a.id}`, { name: '改名', capacityPerDay: 10 }, staffA.token)).status).toBe(403);
    expect((await t.api.patch(`/api/pickup-points/${a.id}`, { status: 'suspended' }, staffA.token)).status).toBe(400);
    expect((await t.api.post(`/api/pickup-points/${a.id}/status`, { status: 'suspended' }, staffA.token)).status).toBe(403);
    expect((await t.api.post(`/api/pickup-points/${a.id}/staff`, { userId: staffB.id }, staffA.token)).status).toBe(403);
    const [aRow] = await t.db.query(`SELECT name, capacity_per_day, commission_bps, status FROM pickup.points WHERE id = $1`, [a.id]);
    expect(aRow).toEqual({ name: '洒渔镇光明村村级服务站', capacity_per_day: 120, commission_bps: 150, status: 'active' });

    // Admins change what staff may not; clearing an optional field takes null, a required one does not.
    const byAdmin = await t.api.patch(`/api/pickup-points/${a.id}`, { commissionBps: 180, name: '洒渔镇光明村服务站', village: null }, admin.token);
    expect(byAdmin.body).toMatchObject({ commissionBps: 180, name: '洒渔镇光明村服务站', village: null });
    const nulled = await t.api.patch(`/api/pickup-points/${a.id}`, { capacityPerDay: null }, admin.token);
    expect([nulled.status, nulled.body.errors[0].field]).toEqual([400, 'capacityPerDay']);

    // Binding twice is one binding; unbinding ends access at once.
    await t.api.post(`/api/pickup-points/${a.id}/staff`, { userId: staffA.id }, admin.token);
    expect((await t.api.get(`/api/pickup-points/${a.id}`, admin.token)).body.staff).toEqual([{ userId: staffA.id, since: expect.any(String) }]);
    expect((await t.api.post(`/api/pickup-points/${a.id}/staff`, { userId: 'someone' }, admin.token)).status).toBe(400);
    expect((await t.api.delete(`/api/pickup-points/${a.id}/staff/${staffA.id}`, admin.token)).body.staff).toEqual([]);
    expect((await t.api.delete(`/api/pickup-points/${a.id}/staff/${staffA.id}`, admin.token)).status).toBe(404);
    expect((await t.api.patch(`/api/pickup-points/${a.id}`, { capacityPerDay: 5 }, staffA.token)).status).toBe(404);
    expect((await t.api.get('/api/pickup-points/mine', staffA.token)).body.items.map((i: { id: string }) => i.id)).toEqual([proposed.id]);
    const buyer = await f.buyer();
    expect((await t.api.patch(`/api/pickup-points/${a.id}`, { capacityPerDay: 5 }, buyer.token)).status).toBe(403);
  });

  it('binds staff accounts only, as identity knows them, in one process or over HTTP', async () => {
    const point = await p.point({ name: '大关县天星镇服务站', county: 'daguan', township: uniqueTownship() });
    const buyer = await f.buyer();
    const farmer = await f.producer();
    // The pickup-point service alone, asking identity (here the all-in-one app) over HTTP.
    const alone = await startTestApp({ SERVICES: 'pickup-point', DATABASE_URL: t.env.DATABASE_URL, QUEUE_PREFIX: t.env.QUEUE_PREFIX, IDENTITY_URL: t.baseUrl });
    try {
      for (const app of [t, alone]) {
        const bind = (userId: string) => app.api.post(`/api/pickup-points/${point.id}/staff`, { userId }, admin.token);
        for (const [who, userId] of [['buyer', buyer.id], ['farmer', farmer.id], ['admin', admin.id], ['nobody', randomUUID()]]) {
          const res = await bind(userId);
          expect([who, res.status, res.body.errors?.[0]?.field]).toEqual([who, 400, 'userId']);
        }
        const wrong = await t.db.query(`SELECT count(*)::int AS n FROM pickup.point_staff WHERE point_id = $1 AND user_id = ANY($2::uuid[])`, [
          point.id,
          [buyer.id, farmer.id, admin.id],
        ]);
        expect(wrong[0].n).toBe(0);
        const staff = await p.staff();
        expect((await bind(staff.id)).body.staff).toContainEqual({ userId: staff.id, since: expect.any(String) });
      }
    } finally {
      await alone.app.close();
    }
    // The directory itself: services and admins only; no phone or name in it.
    const cards = await t.api.post('/api/auth/directory/accounts', { ids: [buyer.id, randomUUID()] }, admin.token);
    expect(cards.body.items).toEqual([{ id: buyer.id, role: 'buyer', status: 'active' }]);
    expect((await t.api.post('/api/auth/directory/accounts', { ids: [buyer.id] }, buyer.token)).status).toBe(403);
    expect((await t.api.post('/api/auth/directory/accounts', { ids: ['x'] }, admin.token)).status).toBe(400);
  });

  it('finds active points by county, township, distance and opening day', async () => {
    const township = uniqueTownship();
    const q = (query: string, token?: string) => t.api.get(`/api/pickup-points?township=${encodeURIComponent(township)}&${query}`, token);
    // Three points in one township, a few km apart, and one in another county far away.
    const centre = await p.point({ name: '永丰镇街上便民店', kind: 'town_shop', county: 'zhaoyang', township, lat: 27.31, lng: 103.76, openingHours: EVERY_DAY });
    const east = await p.point({ name: '永丰镇东村服务站', county: 'zhaoyang', township, lat: 27.31, lng: 103.86, openingHours: MON_TO_FRI, coldStorage: true });
    const north = await p.point({ name: '永丰镇北村服务站', county: 'zhaoyang', township, lat: 27.36, lng: 103.76, openingHours: MON_TO_SAT });
    const hidden = await p.point({ name: '永丰镇未批准服务站', county: 'zhaoyang', township, lat: 27.311, lng: 103.761 }, { activate: false });
    const far = await p.point({ name: '水富市云富街道便民店', kind: 'town_shop', county: 'shuifu', township, lat: 28.63, lng: 104.42 });

    expect(ids(await q('county=zhaoyang')).sort()).toEqual([centre.id, east.id, north.id].sort());
    expect(ids(await q('county=shuifu'))).toEqual([far.id]);
    expect(ids(await q('coldStorage=true'))).toEqual([east.id]);
    expect(ids(await q('kind=town_shop')).sort()).toEqual([centre.id, far.id].sort());

    const near = await q('near=27.309,103.758');
    expect(ids(near)).toEqual([centre.id, north.id, east.id, far.id]);
    const km = near.body.items.map((i: { distanceKm: number }) => i.distanceKm);
    expect(km[0]).toBeLessThan(0.5);
    expect(km[1]).toBeGreaterThan(5); // 0.05° of latitude is about 5.6 km
    expect(km[1]).toBeLessThan(6.5);
    expect(km[2]).toBeGreaterThan(9); // 0.1° of longitude at 27° N is about 9.9 km
    expect(km[2]).toBeLessThan(11);
    expect(km[3]).toBeGreaterThan(150);
    expect(ids(await q('near=27.309,103.758&withinKm=7'))).toEqual([centre.id, north.id]);
    expect(ids(await q('near=27.309,103.758&limit=2'))).toEqual([centre.id, north.id]);
    expect((await q('near=27.309,103.758', admin.token)).body.items.map((i: { id: string }) => i.id)).toContain(hidden.id);
    expect((await t.api.get(`/api/pickup-points?township=${encodeURIComponent(township)}&withinKm=7`)).body.errors[0].field).toBe('withinKm');

    const saturday = nextWeekday('6');
    const sunday = nextWeekday('7');
    const monday = nextWeekday('1');
    expect(ids(await q(`openOn=${saturday}&county=zhaoyang`)).sort()).toEqual([centre.id, north.id].sort());
    expect(ids(await q(`openOn=${sunday}&county=zhaoyang`))).toEqual([centre.id]);
    expect(ids(await q(`openOn=${monday}&county=zhaoyang`)).sort()).toEqual([centre.id, east.id, north.id].sort());
    const closed = await t.api.put(`/api/pickup-points/${east.id}/closed-days/${monday}`, { reason: '盘点' }, admin.token);
    expect(closed.body.closedDays).toEqual([{ day: monday, reason: '盘点' }]);
    expect(ids(await q(`openOn=${monday}&county=zhaoyang`)).sort()).toEqual([centre.id, north.id].sort());
    expect(ids(await q(`openOn=${monday}&near=27.31,103.86&county=zhaoyang`))).toEqual([centre.id, north.id]); // east is closed

    for (const bad of ['limit=101', 'limit=0', 'near=27.3', 'near=abc,def', 'near=95,103', 'openOn=2026-02-30', 'county=beijing', 'coldStorage=maybe', 'sort=name']) {
      const res = await t.api.get(`/api/pickup-points?${bad}`);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });

  it('pages through every point by place, and an admin through those in any state', async () => {
    const township = uniqueTownship();
    const made = [];
    for (const [i, county] of ['daguan', 'daguan', 'weixin', 'weixin', 'weixin'].entries()) {
      // Two share a name: the id breaks the tie, so neither is skipped nor shown twice.
      made.push(await p.point({ name: i >= 3 ? '同名服务站' : `服务站${i}`, county, township }, { activate: i !== 1 }));
    }
    const walk = async (token?: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: ApiResponse = await t.api.get(`/api/pickup-points?township=${encodeURIComponent(township)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
        expect(res.status).toBe(200);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const everyone = await walk();
    expect([...everyone].sort()).toEqual(made.filter((_, i) => i !== 1).map((m) => m.id).sort());
    expect(new Set(everyone).size).toBe(everyone.length);
    expect((await walk(admin.token)).sort()).toEqual(made.map((m) => m.id).sort());
    for (const bad of ['cursor=x', `cursor=${Buffer.from('["a","b","c","d"]').toString('base64url')}`, `cursor=${Buffer.from('[1,2,3,4]').toString('base64url')}`, 'cursor=abc&near=27.3,103.7']) {
      const res = await t.api.get(`/api/pickup-points?${bad}`);
      expect([bad, res.status, res.body.errors?.[0]?.field]).toEqual([bad, 400, 'cursor']);
    }
  });

  it('reports availability over a range, honouring weekday hours and closed days', async () => {
    const point = await p.point({ name: '苏家院镇服务站', township: uniqueTownship(), openingHours: MON_TO_SAT, capacityPerDay: 40 });
    const staff = await p.staff(point.id);
    const today = todayInChina();
    const from = addDays(today, 1);
    const to = addDays(today, 14);
    const tuesday = nextWeekday('2', from);
    const thursday = nextWeekday('4', from);
    const patched = await t.api.patch(`/api/pickup-points/${point.id}`, { closedDays: [{ day: tuesday, reason: '赶集日休息' }] }, staff.token);
    expect(patched.status).toBe(200);
    expect((await t.api.put(`/api/pickup-points/${point.id}/closed-days/${thursday}`, {}, staff.token)).status).toBe(200);

    const res = await t.api.get(`/api/pickup-points/${point.id}/availability?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(14);
    for (const d of res.body) {
      if (d.day === tuesday) expect(d).toEqual({ day: d.day, open: false, capacity: 0, held: 0, remaining: 0, hours: null, closedReason: 'closed_day', note: '赶集日休息' });
      else if (d.day === thursday) expect(d).toMatchObject({ open: false, remaining: 0, closedReason: 'closed_day', note: null });
      else if (weekdayOf(d.day) === '7') expect(d).toMatchObject({ open: false, remaining: 0, closedReason: 'weekly_hours' });
      else expect(d).toEqual({ day: d.day, open: true, capacity: 40, held: 0, remaining: 40, hours: { open: '08:00', close: '19:00' }, closedReason: null, note: null });
    }

    // A held order shows; that day can then not be closed, nor its weekday dropped from the hours.
    const monday = nextWeekday('1', from);
    const service = f.serviceToken();
    expect((await t.api.post('/api/pickup-points/holds', { orderId: randomUUID(), pointId: point.id, day: monday }, service)).status).toBe(201);
    const after = (await t.api.get(`/api/pickup-points/${point.id}/availability?from=${monday}&to=${monday}`)).body;
    expect(after).toEqual([expect.objectContaining({ day: monday, open: true, capacity: 40, held: 1, remaining: 39 })]);
    const closeBooked = await t.api.put(`/api/pickup-points/${point.id}/closed-days/${monday}`, { reason: '有事' }, staff.token);
    expect([closeBooked.status, closeBooked.body.code]).toEqual([409, 'CONFLICT']);
    expect(closeBooked.body.details).toEqual({ days: [{ day: monday, held: 1 }] });
    const dropMonday = await t.api.patch(`/api/pickup-points/${point.id}`, { openingHours: { '2': { open: '08:00', close: '19:00' } } }, staff.token);
    expect([dropMonday.status, dropMonday.body.code]).toEqual([409, 'CONFLICT']);
    const viaList = await t.api.patch(`/api/pickup-points/${point.id}`, { closedDays: [{ day: monday }] }, staff.token);
    expect(viaList.status).toBe(409);
    const unchanged = (await t.api.get(`/api/pickup-points/${point.id}`, staff.token)).body;
    expect(unchanged.openingHours).toEqual(MON_TO_SAT);
    expect(unchanged.closedDays).toEqual([{ day: tuesday, reason: '赶集日休息' }, { day: thursday, reason: null }]);

    // Reopening a closed day, and replacing the list of closed days.
    expect((await t.api.delete(`/api/pickup-points/${point.id}/closed-days/${thursday}`, staff.token)).body.closedDays).toEqual([{ day: tuesday, reason: '赶集日休息' }]);
    expect((await t.api.delete(`/api/pickup-points/${point.id}/closed-days/${thursday}`, staff.token)).status).toBe(404);
    expect((await t.api.patch(`/api/pickup-points/${point.id}`, { closedDays: [] }, staff.token)).body.closedDays).toEqual([]);

    const bad: Array<[string, string]> = [
      [`from=${addDays(today, -1)}&to=${to}`, 'from'],
      [`from=${from}&to=${addDays(from, 31)}`, 'to'],
      [`from=${to}&to=${from}`, 'to'],
      [`from=${from}&to=2026-13-01`, 'to'],
      [`from=${from}`, 'to'],
    ];
    for (const [query, field] of bad) {
      const r = await t.api.get(`/api/pickup-points/${point.id}/availability?${query}`);
      expect([query, r.status, r.body.errors?.[0]?.field]).toEqual([query, 400, field]);
    }
    expect((await t.api.get(`/api/pickup-points/${point.id}/availability?from=${today}&to=${addDays(today, 30)}`)).body).toHaveLength(31);
    const pastClosed = await t.api.patch(`/api/pickup-points/${point.id}`, { closedDays: [{ day: addDays(today, -2) }, { day: from }, { day: from }] }, staff.token);
    expect(pastClosed.body.errors.map((e: { field: string }) => e.field)).toEqual(['closedDays.0.day', 'closedDays.2.day']);
    expect((await t.api.put(`/api/pickup-points/${point.id}/closed-days/tomorrow`, {}, staff.token)).body.errors[0].field).toBe('day');

    // A point buyers cannot see has no public availability either.
    const proposed = await p.point({ township: uniqueTownship() }, { activate: false });
    expect((await t.api.get(`/api/pickup-points/${proposed.id}/availability?from=${from}&to=${to}`)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${proposed.id}/availability?from=${from}&to=${to}`, admin.token)).status).toBe(200);
  });
});
