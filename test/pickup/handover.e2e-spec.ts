import { randomUUID } from 'node:crypto';
import { todayInChina } from '@app/contracts';
import { addDays } from '@app/contracts';
import { ExpiryConsumer } from '../../apps/pickup-point/src/collections/expiry.consumer';
import { eventually, Factory, startTestApp, TestApp } from '@app/testing';
import { Operations, OPERATIONS_SERVICES, wrongCode } from './operations.helpers';

/** Handover against the buyer's code, locking, new codes, the staff slow-down, expiry and statements. */
describe('pickup operations: handover, codes, expiry and statements', () => {
  let t: TestApp;
  let f: Factory;
  let ops: Operations;

  beforeAll(async () => {
    t = await startTestApp(OPERATIONS_SERVICES);
    f = new Factory(t);
    ops = new Operations(t, f);
  });
  afterAll(() => t.close());

  const attempts = async (collectionId: string) =>
    (await t.db.query(`SELECT wrong_attempts, locked_at IS NOT NULL AS locked FROM pickup.collections WHERE id = $1`, [collectionId]))[0];

  it('hands over against the right code once; the code then stops working everywhere', async () => {
    const { point, staff } = await ops.pointWithStaff({ commissionBps: 150 });
    const buyer = await f.buyer();
    const { parcels } = await ops.ready(point.id, staff, [{ buyer, parcels: [{ goodsFen: 6528 }, { goodsFen: 3001 }] }]);
    const orderId = parcels[0].orderId;
    const code = await ops.codeFor(buyer, orderId);
    const found = await t.api.get(`/api/pickup-points/${point.id}/parcels/by-code/${parcels[1].parcelCode}`, staff.token);
    const collectionId = found.body.collection.id;

    const wrong = await ops.handover(point.id, collectionId, { code: wrongCode(code) }, staff);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { attemptsLeft: 4 }, errors: [{ field: 'code' }] });
    // An online order is not settled at the counter.
    const cash = await ops.handover(point.id, collectionId, { code, settlement: 'cash' }, staff);
    expect(cash.status).toBe(400);
    expect(cash.body.errors[0].field).toBe('settlement');
    expect(await attempts(collectionId)).toEqual({ wrong_attempts: 1, locked: false });

    const done = await ops.handover(point.id, collectionId, { code }, staff);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: collectionId, status: 'handed_over', settlement: 'online', paidAtPickupFen: 0, goodsFen: 9529, commissionFen: 143 });
    expect(done.body.parcelList.map((p: { status: string }) => p.status)).toEqual(['handed_over', 'handed_over']);
    expect(JSON.stringify(done.body)).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
    expect(await ops.events('pickup.collection.handed_over', { collectionId })).toEqual([
      { collectionId, orderId, pointId: point.id, paidAtPickupFen: 0, settlement: 'online', at: done.body.handedOverAt },
    ]);

    const reuse = await ops.handover(point.id, collectionId, { code }, staff);
    expect(reuse.status).toBe(409);
    expect(reuse.body.details).toEqual({ reason: 'ALREADY_HANDED_OVER' });
    expect(await ops.events('pickup.collection.handed_over', { collectionId })).toHaveLength(1);
    // The buyer's notification no longer shows a used code, and a new one cannot be asked for.
    const inbox = (await t.api.get('/api/notifications', buyer.token)).body.items;
    expect(inbox[0].data).not.toHaveProperty('code');
    expect(inbox[0].data.codeRetired).toBe(true);
    expect((await t.api.post(`/api/pickup-points/collections/by-order/${orderId}/new-code`, {}, buyer.token)).status).toBe(409);
    const listed = (await t.api.get(`/api/pickup-points/${point.id}/collections?status=handed_over`, staff.token)).body.items;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([collectionId]);
  });

  it('settles pay-at-pickup at the counter for the goods that arrived', async () => {
    const { point, staff } = await ops.pointWithStaff({ commissionBps: 200 });
    const buyer = await f.buyer();
    const { shipmentId, parcels } = await ops.dispatch(point.id, [{ buyer, paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 2450 }, { goodsFen: 1800 }, { goodsFen: 700 }] }]);
    expect((await t.api.post(`/api/pickup-points/${point.id}/parcels/${parcels[1].parcelId}/problem`, { kind: 'damaged' }, staff.token)).status).toBe(200);
    expect((await t.api.post(`/api/pickup-points/${point.id}/shipments/${shipmentId}/check-in`, {}, staff.token)).body.receivedNow).toBe(2);
    const orderId = parcels[0].orderId;
    const code = await ops.codeFor(buyer, orderId);
    const collection = await ops.collectionOf(orderId);

    const missing = await ops.handover(point.id, collection.id, { code }, staff);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'settlement', message: 'this order is paid at pickup: settlement must be cash, wechat or alipay' }]);
    expect((await ops.handover(point.id, collection.id, { code, settlement: 'card' }, staff)).status).toBe(400);
    expect(await attempts(collection.id)).toEqual({ wrong_attempts: 0, locked: false });
    expect((await ops.collectionOf(orderId)).status).toBe('waiting');

    const done = await ops.handover(point.id, collection.id, { code, settlement: 'wechat' }, staff);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ settlement: 'wechat', paidAtPickupFen: 3150, goodsFen: 3150, commissionFen: 63 });
    const [event] = await ops.events('pickup.collection.handed_over', { collectionId: collection.id });
    expect(event).toMatchObject({ paidAtPickupFen: 3150, settlement: 'wechat' });
    const damaged = await t.db.query(`SELECT status FROM pickup.parcels WHERE id = $1`, [parcels[1].parcelId]);
    expect(damaged).toEqual([{ status: 'damaged' }]);
  });

  it('locks after 5 wrong codes until the buyer asks for a new code; the old code then fails and the new one works', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const stranger = await f.buyer();
    const { parcels } = await ops.ready(point.id, staff, [{ buyer, parcels: [{ goodsFen: 1000 }] }]);
    const orderId = parcels[0].orderId;
    const oldCode = await ops.codeFor(buyer, orderId);
    const { id: collectionId } = await ops.collectionOf(orderId);

    for (let left = 4; left >= 1; left--) {
      const res = await ops.handover(point.id, collectionId, { code: wrongCode(oldCode, left) }, staff);
      expect(res.status).toBe(400);
      expect(res.body.details.attemptsLeft).toBe(left);
    }
    const fifth = await ops.handover(point.id, collectionId, { code: wrongCode(oldCode, 9) }, staff);
    expect(fifth.status).toBe(409);
    expect(fifth.body.details).toEqual({ reason: 'PICKUP_CODE_LOCKED', attemptsLeft: 0 });
    // The buyer hears it at once, and what to do; the message carries no code.
    const told = (await t.api.get('/api/notifications', buyer.token)).body.items[0];
    expect(told).toMatchObject({ kind: 'pickup_code_locked', orderId, title: { zh: '取货码已锁定' } });
    expect(told.body.zh).toContain('换一个取货码');
    expect(told.data).not.toHaveProperty('code');
    expect((await t.api.get('/api/notifications', stranger.token)).body.items).toEqual([]);
    const right = await ops.handover(point.id, collectionId, { code: oldCode }, staff);
    expect(right.status).toBe(409);
    expect(right.body.details).toEqual({ reason: 'PICKUP_CODE_LOCKED' });
    expect(await attempts(collectionId)).toEqual({ wrong_attempts: 5, locked: true });
    const locked = (await t.api.get(`/api/pickup-points/${point.id}/collections?status=locked`, staff.token)).body.items;
    expect(locked.map((c: { id: string; attemptsLeft: number }) => [c.id, c.attemptsLeft])).toEqual([[collectionId, 0]]);

    // Only the buyer of the order may ask; staff and other buyers are refused.
    const path = `/api/pickup-points/collections/by-order/${orderId}/new-code`;
    expect((await t.api.post(path, {}, stranger.token)).status).toBe(404);
    expect((await t.api.post(path, {}, staff.token)).status).toBe(403);
    expect((await t.api.post(`/api/pickup-points/collections/by-order/${randomUUID()}/new-code`, {}, buyer.token)).status).toBe(404);
    const renewed = await t.api.post(path, {}, buyer.token);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ collectionId, orderId, status: 'waiting' });
    expect(renewed.body).not.toHaveProperty('code');
    expect(await attempts(collectionId)).toEqual({ wrong_attempts: 0, locked: false });
    const inbox = (await t.api.get('/api/notifications', buyer.token)).body.items;
    expect(inbox.map((n: { id: string; kind: string }) => n.kind)).toEqual(['pickup_code', 'pickup_code_locked', 'pickup_code']);
    expect(inbox[0].id).toBe(renewed.body.notificationId);
    expect(inbox[0].title.zh).toBe('新的取货码');
    expect(inbox[2].data).not.toHaveProperty('code');
    const newCode: string = inbox[0].data.code;
    expect(newCode).toMatch(/^\d{6}$/);
    expect(await ops.codeFor(buyer, orderId)).toBe(newCode);

    if (newCode !== oldCode) {
      const old = await ops.handover(point.id, collectionId, { code: oldCode }, staff);
      expect(old.status).toBe(400);
      expect(old.body.details.attemptsLeft).toBe(4);
    }
    const ok = await ops.handover(point.id, collectionId, { code: newCode }, staff);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('handed_over');
  });

  it('slows down a staff account after 10 wrong codes in the window (429 with Retry-After); others go on', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const colleague = await ops.p.staff(point.id);
    const buyers = [await f.buyer(), await f.buyer(), await f.buyer()];
    const { parcels } = await ops.ready(point.id, staff, buyers.map((buyer) => ({ buyer, parcels: [{ goodsFen: 500 }] })));
    const targets = await Promise.all(
      parcels.map(async (p, i) => ({ id: (await ops.collectionOf(p.orderId)).id as string, code: await ops.codeFor(buyers[i], p.orderId) })),
    );
    for (const target of targets.slice(0, 2)) {
      for (let i = 1; i <= 5; i++) expect([400, 409]).toContain((await ops.handover(point.id, target.id, { code: wrongCode(target.code, i) }, staff)).status);
    }
    const slowed = await ops.handover(point.id, targets[2].id, { code: targets[2].code }, staff);
    expect(slowed.status).toBe(429);
    expect(slowed.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(slowed.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await ops.collectionOf(parcels[2].orderId)).status).toBe('waiting');
    expect(await attempts(targets[2].id)).toEqual({ wrong_attempts: 0, locked: false });

    const other = await ops.handover(point.id, targets[2].id, { code: targets[2].code }, colleague);
    expect(other.status).toBe(200);
  });

  it('returns an uncollected collection at its deadline (expire job), notifies the buyer and frees the shelf; the sweep catches missed ones', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const producerA = randomUUID();
    const producerB = randomUUID();
    const { parcels } = await ops.ready(point.id, staff, [
      { buyer, parcels: [{ goodsFen: 1000, producerId: producerA }, { goodsFen: 2000, producerId: producerB }] },
      { buyer, parcels: [{ goodsFen: 3000 }] },
      { buyer, parcels: [{ goodsFen: 4000 }] },
    ]);
    const [first, , second, collected] = parcels;
    const c1 = await ops.collectionOf(first.orderId);
    const c2 = await ops.collectionOf(second.orderId);
    const c3 = await ops.collectionOf(collected.orderId);
    const code1 = await ops.codeFor(buyer, first.orderId);
    expect((await ops.handover(point.id, c3.id, { code: await ops.codeFor(buyer, collected.orderId) }, staff)).status).toBe(200);
    expect((await t.api.get(`/api/pickup-points/${point.id}/parcels`, staff.token)).body.counts).toMatchObject({ received: 3, handed_over: 1 });

    // An early expire job (the deadline is still ahead) changes nothing.
    await ops.publish('pickup.collection.expire', { collectionId: c1.id });
    await eventually(async () => (await t.db.query(`SELECT 1 FROM pickup.inbox WHERE consumer = 'pickup-expire'`)).length === 1, 'the early expire job');
    expect((await ops.collectionOf(first.orderId)).status).toBe('waiting');

    await t.db.query(`UPDATE pickup.collections SET deadline = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [[c1.id, c2.id, c3.id]]);
    const overdue = (await t.api.get(`/api/pickup-points/${point.id}/collections?status=overdue`, staff.token)).body.items;
    expect(overdue.map((c: { id: string }) => c.id).sort()).toEqual([c1.id, c2.id].sort());
    await ops.publish('pickup.collection.expire', { collectionId: c1.id });
    await eventually(async () => (await ops.collectionOf(first.orderId)).status === 'returned', 'the collection to be returned');

    const [returned] = await ops.events('pickup.collection.returned', { collectionId: c1.id });
    expect(returned).toMatchObject({ collectionId: c1.id, orderId: first.orderId, pointId: point.id });
    expect(returned.producerIds).toEqual([producerA, producerB].sort());
    const inbox = (await t.api.get('/api/notifications', buyer.token)).body.items;
    const notice = inbox.find((n: { kind: string; orderId: string }) => n.kind === 'pickup_returned' && n.orderId === first.orderId);
    expect(notice.title).toEqual({ zh: '货物已退回', en: 'Your order was returned' });
    expect(inbox.find((n: { kind: string; orderId: string }) => n.kind === 'pickup_code' && n.orderId === first.orderId).data).not.toHaveProperty('code');
    const shelf = (await t.api.get(`/api/pickup-points/${point.id}/parcels`, staff.token)).body.counts;
    expect(shelf).toMatchObject({ received: 1, returned: 2, handed_over: 1 });
    const late = await ops.handover(point.id, c1.id, { code: code1 }, staff);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');

    // The sweep returns the one the jobs missed, never the handed-over one, and acts once.
    const sweep = t.app.get(ExpiryConsumer);
    expect(await sweep.sweep()).toEqual({ returned: 1, reminded: 0 });
    expect((await ops.collectionOf(second.orderId)).status).toBe('returned');
    expect((await ops.collectionOf(collected.orderId)).status).toBe('handed_over');
    expect(await sweep.sweep()).toEqual({ returned: 0, reminded: 0 });
    expect(await ops.events('pickup.collection.returned', { pointId: point.id })).toHaveLength(2);
    const returnedList = (await t.api.get(`/api/pickup-points/${point.id}/collections?status=returned`, staff.token)).body.items;
    expect(returnedList).toHaveLength(2);
  });

  it('reminds once when the reminder is due, by job or by sweep', async () => {
    const { point, staff } = await ops.pointWithStaff();
    const buyer = await f.buyer();
    const { parcels } = await ops.ready(point.id, staff, [{ buyer, parcels: [{ goodsFen: 100 }] }, { buyer, parcels: [{ goodsFen: 200 }] }]);
    const c1 = await ops.collectionOf(parcels[0].orderId);
    const c2 = await ops.collectionOf(parcels[1].orderId);
    await ops.publish('pickup.collection.remind', { collectionId: c1.id });
    await eventually(async () => (await ops.collectionOf(parcels[0].orderId)).reminded_at, 'the reminder');
    await t.db.query(`UPDATE pickup.collections SET remind_at = now() - interval '1 minute' WHERE id = $1`, [c2.id]);
    expect(await t.app.get(ExpiryConsumer).sweep()).toEqual({ returned: 0, reminded: 1 });
    expect(await t.app.get(ExpiryConsumer).sweep()).toEqual({ returned: 0, reminded: 0 });
    const reminders = (await t.api.get('/api/notifications', buyer.token)).body.items.filter((n: { kind: string }) => n.kind === 'pickup_reminder');
    expect(reminders.map((n: { orderId: string }) => n.orderId).sort()).toEqual([parcels[0].orderId, parcels[1].orderId].sort());
    expect(reminders[0].body.zh).toContain(point.name);
  });

  it("sums a day's handovers, parcels, goods, commission and money taken at the counter (China day)", async () => {
    const { point, staff } = await ops.pointWithStaff({ commissionBps: 150 });
    const buyer = await f.buyer();
    const { parcels } = await ops.ready(point.id, staff, [
      { buyer, parcels: [{ goodsFen: 6529 }, { goodsFen: 1000 }] },
      { buyer, paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 2345 }] },
      { buyer, paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 1111 }] },
      { buyer, paymentMethod: 'pay_at_pickup', parcels: [{ goodsFen: 999 }] },
    ]);
    const orders = [parcels[0], parcels[2], parcels[3], parcels[4]].map((p) => p.orderId);
    const settlements = [undefined, 'cash', 'alipay'];
    for (const [i, orderId] of orders.slice(0, 3).entries()) {
      const c = await ops.collectionOf(orderId);
      const res = await ops.handover(point.id, c.id, { code: await ops.codeFor(buyer, orderId), settlement: settlements[i] }, staff);
      expect(res.status).toBe(200);
    }
    const today = todayInChina();
    const statement = await t.api.get(`/api/pickup-points/${point.id}/statements?day=${today}`, staff.token);
    expect(statement.status).toBe(200);
    // 7,529 × 1.5% = 112.935 → 113; 2,345 → 35.175 → 35; 1,111 → 16.665 → 17. The unclaimed 999 is not in it.
    expect(statement.body).toMatchObject({
      pointId: point.id,
      day: today,
      timeZone: 'Asia/Shanghai',
      commissionBps: 150,
      handovers: 3,
      parcels: 4,
      goodsFen: 7529 + 2345 + 1111,
      commissionFen: 113 + 35 + 17,
      collectedAtPickup: { cashFen: 2345, wechatFen: 0, alipayFen: 1111, totalFen: 3456 },
    });
    expect(statement.body.lines.map((l: { settlement: string }) => l.settlement)).toEqual(['online', 'cash', 'alipay']);
    // A later change of rate does not rewrite the day.
    const admin = await f.admin();
    expect((await t.api.patch(`/api/pickup-points/${point.id}`, { commissionBps: 500 }, admin.token)).status).toBe(200);
    expect((await t.api.get(`/api/pickup-points/${point.id}/statements?day=${today}`, staff.token)).body.commissionFen).toBe(165);
    const yesterday = await t.api.get(`/api/pickup-points/${point.id}/statements?day=${addDays(today, -1)}`, staff.token);
    expect(yesterday.body).toMatchObject({ handovers: 0, parcels: 0, goodsFen: 0, commissionFen: 0, lines: [] });
  });
});
