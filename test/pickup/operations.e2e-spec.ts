import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { Factory, startTestApp, TestApp } from '@app/testing';
import { DispatchedConsumer } from '../../apps/pickup-point/src/receiving/dispatched.consumer';
import { Operations, OPERATIONS_SERVICES } from './operations.helpers';

/**
 * Receiving at a pickup point: logistics' dispatched event (published into the outbox, so the real relay,
 * queue and worker deliver it), scanning, shipment check-in, problems, readiness with a pickup code.
 */
describe('pickup operations: receiving parcels and making collections ready', () => {
  let t: TestApp;
  let f: Factory;
  let ops: Operations;

  beforeAll(async () => {
    t = await startTestApp(OPERATIONS_SERVICES);
    f = new Factory(t);
    ops = new Operations(t, f);
  });
  afterAll(() => t.close());

  const parcelRow = async (id: string) => (await t.db.query(`SELECT status FROM pickup.parcels WHERE id = $1`, [id]))[0];

  it('expects dispatched parcels once, receives them by scan idempotently, and makes the order ready with a code only its buyer sees', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const other = await f.buyer();
    const orderA = { buyer, parcels: [{ goodsFen: 6528 }, { goodsFen: 3000, perishable: false }] };
    const orderB = { buyer: other, parcels: [{ goodsFen: 1200 }] };
    const { shipmentId, parcels } = await ops.dispatch(point.id, [orderA, orderB]);
    const [a1, a2, b1] = parcels;

    // The same job delivered again (same job id, as BullMQ redelivers) changes nothing: the inbox has it.
    const [row] = await t.db.query(`SELECT id, payload FROM pickup.outbox WHERE type = 'logistics.shipment.dispatched' AND payload->>'shipmentId' = $1`, [shipmentId]);
    const redelivered = await t.app.get(DispatchedConsumer).dispatched(row.payload, { id: `pickup-${row.id}`, name: 'logistics.shipment.dispatched' } as Job);
    expect(redelivered).toBe('duplicate');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM pickup.collections WHERE point_id = $1`, [point.id])).toEqual([{ n: 2 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM pickup.parcels WHERE point_id = $1`, [point.id])).toEqual([{ n: 3 }]);

    const expected = await t.api.get(`/api/pickup-points/${point.id}/parcels?status=expected`, staff.token);
    expect(expected.status).toBe(200);
    expect(expected.body.items.map((p: { code: string }) => p.code).sort()).toEqual([a1.parcelCode, a2.parcelCode, b1.parcelCode].sort());
    expect(expected.body.counts).toMatchObject({ expected: 3, received: 0 });
    expect(expected.body.items[0]).toMatchObject({ shipmentId, status: 'expected', paymentMethod: 'online' });
    expect(expected.body.items[0]).not.toHaveProperty('buyerId');

    const first = await ops.receive(point.id, a1.parcelCode.toLowerCase(), staff);
    expect(first.status).toBe(200);
    expect(first.body.parcel).toMatchObject({ id: a1.parcelId, code: a1.parcelCode, status: 'received', goodsFen: 6528 });
    expect(first.body.collection).toMatchObject({ status: 'expected', parcelsStillExpected: 1 });
    const again = await ops.receive(point.id, a1.parcelCode, staff);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await ops.events('pickup.parcels.received', { parcels: [{ parcelId: a1.parcelId }] })).toEqual([
      { pointId: point.id, at: first.body.parcel.receivedAt, parcels: [{ parcelId: a1.parcelId, orderId: a1.orderId, producerId: a1.producerId, shipmentId }] },
    ]);
    // Not ready while one of the order's parcels is still on its way: no code yet.
    expect((await t.api.get('/api/notifications', buyer.token)).body.items).toEqual([]);
    expect(await ops.readyFor(a1.orderId)).toEqual([]);

    const last = await ops.receive(point.id, a2.parcelCode, staff);
    expect(last.status).toBe(200);
    expect(last.body.collection).toMatchObject({ status: 'waiting', parcelsStillExpected: 0 });
    const inbox = await t.api.get('/api/notifications', buyer.token);
    expect(inbox.body.items).toHaveLength(1);
    const note = inbox.body.items[0];
    expect(note).toMatchObject({ kind: 'pickup_code', orderId: a1.orderId, readAt: null, title: { zh: '您的货已到服务站', en: 'Your order is ready for pickup' } });
    expect(note.data.code).toMatch(/^\d{6}$/);
    expect(note.body.zh).toContain(point.name);
    const code: string = note.data.code;

    const collection = await ops.collectionOf(a1.orderId);
    expect(collection.code_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(collection)).not.toContain(`"${code}"`);
    const [ready] = await ops.readyFor(a1.orderId);
    expect(ready).toMatchObject({ collectionId: collection.id, pointId: point.id });
    const held = new Date(ready.deadline).getTime() - new Date(ready.at).getTime();
    expect(held).toBe(3 * 24 * 3600 * 1000);
    const scheduled = await t.db.query(`SELECT type, deliver_at FROM pickup.outbox WHERE payload->>'collectionId' = $1 AND type IN ('pickup.collection.remind', 'pickup.collection.expire') ORDER BY type`, [
      collection.id,
    ]);
    expect(scheduled.map((s: { type: string; deliver_at: Date }) => [s.type, s.deliver_at.toISOString()])).toEqual([
      ['pickup.collection.expire', ready.deadline],
      ['pickup.collection.remind', new Date(new Date(ready.deadline).getTime() - 24 * 3600 * 1000).toISOString()],
    ]);

    // The other buyer sees nothing of it, and cannot mark it read.
    expect((await t.api.get('/api/notifications', other.token)).body.items).toEqual([]);
    expect((await t.api.post(`/api/notifications/${note.id}/read`, {}, other.token)).status).toBe(404);
    const read = await t.api.post(`/api/notifications/${note.id}/read`, {}, buyer.token);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();

    // Staff see the collection and its parcels everywhere, and never the code.
    const staffViews = [
      await t.api.get(`/api/pickup-points/${point.id}/collections`, staff.token),
      await t.api.get(`/api/pickup-points/${point.id}/collections?status=waiting`, staff.token),
      await t.api.get(`/api/pickup-points/${point.id}/parcels/by-code/${a2.parcelCode}`, staff.token),
      await t.api.get(`/api/pickup-points/${point.id}/parcels`, staff.token),
      await t.api.get(`/api/notifications`, staff.token),
      last,
    ];
    for (const res of staffViews) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
      expect(JSON.stringify(res.body)).not.toMatch(/hmac/i);
    }
    const byCode = staffViews[2].body;
    expect(byCode.collection).toMatchObject({ id: collection.id, status: 'waiting', amountDueFen: 0, paymentMethod: 'online', attemptsLeft: 5 });
    expect(byCode.collection.parcelList).toHaveLength(2);
    expect(staffViews[1].body.items.map((c: { id: string }) => c.id)).toEqual([collection.id]);

    // The in-app notifier logged the notification without its code, the buyer's id or phone.
    const lines = t.logs.filter((l) => l.includes('notification sent'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.includes(note.id) && l.includes('pickup_code'))).toBe(true);
    for (const l of lines) {
      expect(l).not.toContain(buyer.id);
      expect(l).not.toContain(buyer.phone);
      expect(l).not.toContain(point.name);
    }
    expect(t.logs.filter((l) => new RegExp(`(?<![\\d.])${code}(?!\\d)`).test(l))).toEqual([]);

    // B's parcel is still expected; A's are on the shelf.
    const counts = (await t.api.get(`/api/pickup-points/${point.id}/parcels`, staff.token)).body.counts;
    expect(counts).toMatchObject({ expected: 1, received: 2 });
    expect(await parcelRow(b1.parcelId)).toEqual({ status: 'expected' });
  });

  it('checks in a whole shipment at once, and again without change', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyers = [await f.buyer(), await f.buyer()];
    const { shipmentId, parcels } = await ops.dispatch(point.id, [
      { buyer: buyers[0], parcels: [{ goodsFen: 1000 }, { goodsFen: 2000, perishable: true }] },
      { buyer: buyers[1], paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 1500 }] },
    ]);
    const path = `/api/pickup-points/${point.id}/shipments/${shipmentId}/check-in`;
    const res = await t.api.post(path, {}, staff.token);
    expect(res.status).toBe(200);
    expect(res.body.receivedNow).toBe(3);
    expect(res.body.parcels.every((p: { status: string }) => p.status === 'received')).toBe(true);
    // One message for the whole check-in, naming its three parcels.
    const receivedEvents = await ops.events('pickup.parcels.received', { parcels: [{ shipmentId }] });
    expect(receivedEvents).toHaveLength(1);
    expect(receivedEvents[0].parcels).toHaveLength(3);
    for (const [i, buyer] of buyers.entries()) {
      const code = await ops.codeFor(buyer, parcels[i === 0 ? 0 : 2].orderId);
      expect(code).toMatch(/^\d{6}$/);
    }
    // The order with a perishable parcel is held one day, reminded halfway.
    const [perishable] = await ops.readyFor(parcels[0].orderId);
    expect(new Date(perishable.deadline).getTime() - new Date(perishable.at).getTime()).toBe(24 * 3600 * 1000);

    const again = await t.api.post(path, {}, staff.token);
    expect(again.status).toBe(200);
    expect(again.body.receivedNow).toBe(0);
    expect(await ops.events('pickup.parcels.received', { parcels: [{ shipmentId }] })).toHaveLength(1);
    // One message announced both collections the check-in made ready; checking in again announced nothing.
    const readyBatches = await ops.events('pickup.collections.ready', { pointId: point.id });
    expect(readyBatches).toHaveLength(1);
    expect(readyBatches[0].collections).toHaveLength(2);
    // Pay at pickup: staff see what to collect.
    const due = (await t.api.get(`/api/pickup-points/${point.id}/parcels/by-code/${parcels[2].parcelCode}`, staff.token)).body.collection;
    expect(due).toMatchObject({ paymentMethod: 'pay_at_pickup', amountDueFen: 1500, status: 'waiting' });
    expect((await t.api.post(`/api/pickup-points/${point.id}/shipments/${randomUUID()}/check-in`, {}, staff.token)).status).toBe(404);
  });

  it('reports missing and damaged parcels with an event; the order is ready with what arrived; all missing means no code', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const unlucky = await f.buyer();
    const { parcels } = await ops.dispatch(point.id, [
      { buyer, paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 2400 }, { goodsFen: 1800 }] },
      { buyer: unlucky, parcels: [{ goodsFen: 999 }] },
    ]);
    const [kept, lost, only] = parcels;
    const report = (id: string, body: unknown) => t.api.post(`/api/pickup-points/${point.id}/parcels/${id}/problem`, body, staff.token);

    const missing = await report(lost.parcelId, { kind: 'missing', note: '车上没有这件' });
    expect(missing.status).toBe(200);
    expect(missing.body.parcel).toMatchObject({ status: 'missing', problemNote: '车上没有这件' });
    expect(missing.body.collection).toMatchObject({ status: 'expected', parcelsStillExpected: 1 });
    const events = await ops.events('pickup.parcel.problem', { parcelId: lost.parcelId });
    expect(events).toEqual([
      { parcelId: lost.parcelId, orderId: lost.orderId, producerId: lost.producerId, pointId: point.id, kind: 'missing', note: '车上没有这件', at: missing.body.parcel.problemAt },
    ]);
    // Saying it again changes nothing; it cannot turn up as received, nor become damaged.
    expect((await report(lost.parcelId, { kind: 'missing' })).status).toBe(200);
    expect(await ops.events('pickup.parcel.problem', { parcelId: lost.parcelId })).toHaveLength(1);
    const late = await ops.receive(point.id, lost.parcelCode, staff);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
    expect((await report(lost.parcelId, { kind: 'damaged' })).status).toBe(409);

    expect((await ops.receive(point.id, kept.parcelCode, staff)).body.collection.status).toBe('waiting');
    expect(await ops.codeFor(buyer, kept.orderId)).toMatch(/^\d{6}$/);
    const due = (await t.api.get(`/api/pickup-points/${point.id}/parcels/by-code/${kept.parcelCode}`, staff.token)).body.collection;
    expect(due).toMatchObject({ amountDueFen: 2400, parcels: { total: 2, expected: 0, onShelf: 1 } });

    const damaged = await report(only.parcelId, { kind: 'damaged', note: '箱子压坏' });
    expect(damaged.status).toBe(200);
    expect(damaged.body.collection.status).toBe('cancelled');
    expect((await t.api.get('/api/notifications', unlucky.token)).body.items).toEqual([]);
    expect(await ops.readyFor(only.orderId)).toEqual([]);
  });

  it("hides one point's parcels from another point's staff, and from buyers", async () => {
    const a = await ops.pointWithStaff();
    const b = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const { shipmentId, parcels } = await ops.dispatch(a.point.id, [{ buyer, parcels: [{ goodsFen: 500 }] }]);
    const [parcel] = parcels;
    const bStaff = b.staff;
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/parcels`, bStaff.token)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/collections`, bStaff.token)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/statements?day=2026-11-28`, bStaff.token)).status).toBe(404);
    expect((await ops.receive(a.point.id, parcel.parcelCode, bStaff)).status).toBe(404);
    // A's parcel code scanned at B: not B's parcel.
    expect((await ops.receive(b.point.id, parcel.parcelCode, bStaff)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${b.point.id}/parcels/by-code/${parcel.parcelCode}`, bStaff.token)).status).toBe(404);
    expect((await t.api.post(`/api/pickup-points/${b.point.id}/shipments/${shipmentId}/check-in`, {}, bStaff.token)).status).toBe(404);
    expect((await t.api.post(`/api/pickup-points/${b.point.id}/parcels/${parcel.parcelId}/problem`, { kind: 'missing' }, bStaff.token)).status).toBe(404);
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/parcels`, buyer.token)).status).toBe(403);
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/parcels`)).status).toBe(401);
    expect(await parcelRow(parcel.parcelId)).toEqual({ status: 'expected' });
    // An admin may run any point.
    const admin = await f.admin();
    expect((await t.api.get(`/api/pickup-points/${a.point.id}/parcels`, admin.token)).body.items).toHaveLength(1);
  });

  it('refuses bad input with 400 and field errors, writing nothing', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const { parcels } = await ops.dispatch(point.id, [{ buyer, parcels: [{ goodsFen: 800 }] }]);
    const [parcel] = parcels;
    const outboxSize = async () => (await t.db.query(`SELECT count(*)::int AS n FROM pickup.outbox`))[0].n;
    const before = await outboxSize();
    const bad: Array<[string, string, unknown, string]> = [
      ['POST', `/api/pickup-points/${point.id}/receive`, { parcelCode: 'ZT123' }, 'parcelCode'],
      ['POST', `/api/pickup-points/${point.id}/receive`, {}, 'parcelCode'],
      ['POST', `/api/pickup-points/${point.id}/receive`, { parcelCode: 12345 }, 'parcelCode'],
      ['POST', `/api/pickup-points/${point.id}/receive`, { parcelCode: parcel.parcelCode, status: 'received' }, 'status'],
      ['POST', `/api/pickup-points/${point.id}/parcels/${parcel.parcelId}/problem`, { kind: 'lost' }, 'kind'],
      ['POST', `/api/pickup-points/${point.id}/parcels/${parcel.parcelId}/problem`, { kind: 'damaged', note: 'x'.repeat(201) }, 'note'],
      ['GET', `/api/pickup-points/${point.id}/parcels?status=lost`, undefined, 'status'],
      ['GET', `/api/pickup-points/${point.id}/parcels?day=2026-02-30`, undefined, 'day'],
      ['GET', `/api/pickup-points/${point.id}/collections?status=ready`, undefined, 'status'],
      ['GET', `/api/pickup-points/${point.id}/statements`, undefined, 'day'],
      ['GET', `/api/pickup-points/${point.id}/statements?day=2026-13-01`, undefined, 'day'],
      ['GET', `/api/notifications?limit=0`, undefined, 'limit'],
      ['GET', `/api/notifications?cursor=bm9wZQ`, undefined, 'cursor'],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await t.api.request(method, path, { body, token: path.startsWith('/api/notifications') ? buyer.token : staff.token });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await t.api.request('POST', `/api/pickup-points/${point.id}/receive`, { raw: '{"parcelCode":', token: staff.token, headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(await parcelRow(parcel.parcelId)).toEqual({ status: 'expected' });
    expect(await outboxSize()).toBe(before);
    // An unknown code of the right shape is simply not here.
    expect((await ops.receive(point.id, 'ZT0000000000', staff)).status).toBe(404);
  });

  it('pages notifications newest first with a cursor', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const orders = Array.from({ length: 3 }, () => ({ buyer, parcels: [{ goodsFen: 100 }] }));
    await ops.ready(point.id, staff, orders);
    const first = await t.api.get('/api/notifications?limit=2', buyer.token);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.unread).toBe(3);
    const second = await t.api.get(`/api/notifications?limit=2&cursor=${first.body.nextCursor}`, buyer.token);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((n: { id: string }) => n.id)).size).toBe(3);
    const times = all.map((n: { createdAt: string }) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
