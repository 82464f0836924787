import { randomUUID } from 'node:crypto';
import { QueueClients } from '@app/queue';
import { Account, eventually, Factory, ProducerAccount, startTestApp, TestApp } from '@app/testing';
import { firstPickupDay } from '../ordering/helpers';
import { PickupFactory } from '../pickup/helpers';
import { count, emit, outboxRows, placeOrder, taskFor } from './helpers';

/** Collection runs: planning (idempotent), the admin's steps, dispatch to the points and their reports. */
describe('logistics: collection runs, shipments and what is stuck', () => {
  let t: TestApp;
  let f: Factory;
  let farmer: ProducerAccount;
  let buyer: Account;
  let admin: Account;
  let day: string;
  let apples: { id: string };
  // Ludian's seat is at 27.19 N 103.56 E: `near` is about 1.5 km from it, `far` about 15 km.
  let far: { id: string; name: string };
  let near: { id: string; name: string };
  let zhaoyang: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    const points = new PickupFactory(t, f);
    farmer = await f.producer({ name: '鲁甸苹果园', county: 'ludian', township: '龙头山镇' });
    buyer = await f.buyer();
    admin = await f.admin();
    day = firstPickupDay(t);
    apples = await f.product(farmer, { titleZh: '昭通苹果', unit: 'jin', priceFen: 680 });
    far = await points.point({ name: '龙头山镇供销社便民店', county: 'ludian', township: '龙头山镇', lat: 27.12, lng: 103.45 });
    near = await points.point({ name: '文屏镇城东服务站', county: 'ludian', township: '文屏镇', lat: 27.2, lng: 103.57 });
    zhaoyang = await points.point({ name: '洒渔镇光明村村级服务站', county: 'zhaoyang', township: '洒渔镇', lat: 27.4312, lng: 103.5893 });
  });
  afterAll(async () => {
    await t.close();
  });

  /** An order to `pointId`, packed by the farmer; returns the order and parcel ids. */
  async function packedParcel(pointId: string, grams = 1000) {
    const orderId = await placeOrder(t, buyer, pointId, day, [{ productId: apples.id, quantity: 2 }]);
    const task = await taskFor(t, farmer, orderId);
    const res = await t.api.post(`/api/logistics/pack-tasks/${task.id}/pack`, { lines: [{ productId: apples.id, packedGrams: grams }] }, farmer.token);
    expect(res.status).toBe(200);
    return { orderId, parcelId: res.body.parcel.id as string, code: res.body.parcel.code as string };
  }
  const plan = () => t.api.post('/api/logistics/runs/plan', { day }, admin.token);
  const runOf = async (county: string) => (await plan()).body.runs.find((r: { county: string; status: string }) => r.county === county && r.status === 'planned');
  const run = async (id: string) => (await t.api.get(`/api/logistics/runs/${id}`, admin.token)).body;
  const step = (id: string, what: string) => t.api.post(`/api/logistics/runs/${id}/${what}`, {}, admin.token);

  let ludianRunId: string;
  const parcels: Record<string, { orderId: string; parcelId: string; code: string }> = {};

  it('plans one run per county, stops nearest-first from the county seat, and planning again changes nothing', async () => {
    parcels.far = await packedParcel(far.id);
    parcels.near = await packedParcel(near.id);
    parcels.zhaoyang = await packedParcel(zhaoyang.id);
    const first = await plan();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ day, added: 3, unplaceable: [] });
    expect(first.body.runs.map((r: { county: string }) => r.county).sort()).toEqual(['ludian', 'zhaoyang']);
    const ludian = first.body.runs.find((r: { county: string }) => r.county === 'ludian');
    expect(ludian).toMatchObject({ status: 'planned', stopCount: 2, parcelCount: 2, countyName: '鲁甸县' });
    ludianRunId = ludian.id;
    const detail = await run(ludianRunId);
    expect(detail.stops.map((s: { pointName: string; seq: number }) => [s.seq, s.pointName])).toEqual([[1, near.name], [2, far.name]]);
    expect(detail.stops[0].legKm).toBeLessThan(3);
    expect(detail.stops[1].legKm).toBeGreaterThan(10);
    expect(detail.stops[0].parcels).toEqual([expect.objectContaining({ id: parcels.near.parcelId, code: parcels.near.code, status: 'packed' })]);

    const again = await plan();
    expect(again.body.added).toBe(0);
    expect(again.body.runs.map((r: { id: string }) => r.id).sort()).toEqual(first.body.runs.map((r: { id: string }) => r.id).sort());
    expect(await count(t, `SELECT count(*) AS n FROM logistics.runs WHERE day = $1`, [day])).toBe(2);
    expect(await count(t, `SELECT count(*) AS n FROM logistics.shipments s JOIN logistics.runs r ON r.id = s.run_id WHERE r.day = $1`, [day])).toBe(3);
    const listed = await t.api.get(`/api/logistics/runs?day=${day}`, admin.token);
    expect(listed.body.items).toHaveLength(2);
  });

  it('adds late parcels to the planned run through the scheduled job, and replanning drops voided ones', async () => {
    parcels.late = await packedParcel(far.id, 1020);
    await t.app.get(QueueClients).get('logistics').add('logistics.runs.plan', { day });
    await eventually(async () => (await run(ludianRunId)).parcelCount === 3, 'the nightly planning job to add the late parcel');
    expect(await count(t, `SELECT count(*) AS n FROM logistics.runs WHERE day = $1 AND county = 'ludian'`, [day])).toBe(1);

    const doomed = await packedParcel(near.id);
    expect((await runOf('ludian')).parcelCount).toBe(4);
    await emit(t, 'ordering', 'ordering.order.cancelled', {
      orderId: doomed.orderId, buyerId: buyer.id, pickupPointId: near.id, pickupDay: day, totalFen: 1360, paymentMethod: 'pay_at_pickup',
    });
    await eventually(async () => (await t.db.query(`SELECT status FROM logistics.parcels WHERE id = $1`, [doomed.parcelId]))[0].status === 'voided', 'the parcel voided');
    const replanned = await step(ludianRunId, 'replan');
    expect(replanned.status).toBe(200);
    expect(replanned.body).toMatchObject({ id: ludianRunId, status: 'planned', parcelCount: 3, stopCount: 2 });
    const [{ run_id: detached }] = await t.db.query(`SELECT run_id FROM logistics.parcels WHERE id = $1`, [doomed.parcelId]);
    expect(detached).toBeNull();
  });

  it('moves a run planned → collecting → hub → delivering, refusing steps out of order with 409, and tells each point what comes', async () => {
    const refused = await step(ludianRunId, 'deliver');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');
    expect((await step(ludianRunId, 'hub')).status).toBe(409);

    const collected = await step(ludianRunId, 'collect');
    expect(collected.status).toBe(200);
    expect(collected.body).toMatchObject({ status: 'collecting', atHub: false, parcelsByStatus: { collected: 3 } });
    // One tracking message for the step, naming all three parcels.
    const collectedTracked = await outboxRows(t, 'logistics.parcels.tracked', `payload->>'kind' = 'collected'`);
    expect(collectedTracked).toHaveLength(1);
    expect(collectedTracked[0].parcels).toHaveLength(3);
    expect((await step(ludianRunId, 'collect')).status).toBe(409);
    const tooSoon = await step(ludianRunId, 'deliver');
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.message).toContain('hub first');
    expect((await step(ludianRunId, 'replan')).status).toBe(409);

    expect((await step(ludianRunId, 'hub')).body).toMatchObject({ status: 'collecting', atHub: true, parcelsByStatus: { at_hub: 3 } });
    expect((await step(ludianRunId, 'hub')).status).toBe(409);
    const out = await step(ludianRunId, 'deliver');
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'delivering', parcelsByStatus: { out_for_delivery: 3 } });
    expect(out.body.stops.map((s: { status: string }) => s.status)).toEqual(['dispatched', 'dispatched']);

    const dispatched = await outboxRows(t, 'logistics.shipment.dispatched', `payload->>'runId' = $2`, [ludianRunId]);
    expect(dispatched).toHaveLength(2);
    const toFar = dispatched.find((d) => d.pickupPointId === far.id)!;
    expect(toFar).toMatchObject({ runId: ludianRunId, pickupDay: day, shipmentId: out.body.stops[1].shipmentId });
    expect(toFar.parcels.map((p: { parcelId: string }) => p.parcelId).sort()).toEqual([parcels.far.parcelId, parcels.late.parcelId].sort());
    expect(toFar.parcels.find((p: { parcelId: string }) => p.parcelId === parcels.late.parcelId)).toEqual({
      parcelId: parcels.late.parcelId,
      parcelCode: parcels.late.code,
      orderId: parcels.late.orderId,
      buyerId: buyer.id,
      producerId: farmer.producerId,
      producerName: '鲁甸苹果园',
      perishable: false,
      paymentMethod: 'pay_at_pickup',
      goodsFen: 1360,
      items: [{ titleZh: '昭通苹果', unit: 'jin', quantity: 2, packedGrams: 1020 }],
    });
    // One tracking message for the step, naming all three parcels.
    const outTracked = await outboxRows(t, 'logistics.parcels.tracked', `payload->>'kind' = 'out_for_delivery'`);
    expect(outTracked).toHaveLength(1);
    expect(outTracked[0].parcels).toHaveLength(3);
    expect((await step(ludianRunId, 'deliver')).status).toBe(409);
  });

  it('closes shipments and the run when the points have received or reported every parcel', async () => {
    const at = new Date().toISOString();
    const shipments = (await run(ludianRunId)).stops;
    const shipmentOf = (pointId: string) => shipments.find((s: { pickupPointId: string }) => s.pickupPointId === pointId).shipmentId;
    await emit(t, 'pickup', 'pickup.parcels.received', { pointId: near.id, at, parcels: [{ parcelId: parcels.near.parcelId, orderId: parcels.near.orderId, producerId: farmer.producerId, shipmentId: shipmentOf(near.id) }] });
    await eventually(async () => (await run(ludianRunId)).stops[0].status === 'done', 'the near shipment done');
    expect((await run(ludianRunId)).status).toBe('delivering');
    await emit(t, 'pickup', 'pickup.parcels.received', { pointId: far.id, at, parcels: [{ parcelId: parcels.far.parcelId, orderId: parcels.far.orderId, producerId: farmer.producerId, shipmentId: shipmentOf(far.id) }] });
    await emit(t, 'pickup', 'pickup.parcel.problem', { parcelId: parcels.late.parcelId, orderId: parcels.late.orderId, producerId: farmer.producerId, pointId: far.id, kind: 'missing', note: '未到货', at });
    await eventually(async () => (await run(ludianRunId)).status === 'done', 'the run done');
    const done = await run(ludianRunId);
    expect(done.parcelsByStatus).toEqual({ received: 2, missing: 1 });
    expect(done.stops.map((s: { status: string }) => s.status)).toEqual(['done', 'done']);

    await emit(t, 'pickup', 'pickup.collection.handed_over', { collectionId: randomUUID(), orderId: parcels.near.orderId, pointId: near.id, paidAtPickupFen: 1360, settlement: 'cash', at });
    await eventually(async () => (await t.db.query(`SELECT status FROM logistics.parcels WHERE id = $1`, [parcels.near.parcelId]))[0].status === 'handed_over', 'handed over');
    await emit(t, 'pickup', 'pickup.collection.returned', { collectionId: randomUUID(), orderId: parcels.far.orderId, pointId: far.id, producerIds: [farmer.producerId], at });
    await eventually(async () => (await t.db.query(`SELECT status FROM logistics.parcels WHERE id = $1`, [parcels.far.parcelId]))[0].status === 'returned', 'returned');
  });

  it('lists what is stuck, with ages', async () => {
    await t.db.query(`UPDATE logistics.parcels SET packed_at = now() - interval '30 hours' WHERE id = $1`, [parcels.zhaoyang.parcelId]);
    const orderId = await placeOrder(t, buyer, zhaoyang.id, day, [{ productId: apples.id, quantity: 1 }]);
    const task = await taskFor(t, farmer, orderId);
    // Its day has come and it is still not packed.
    await t.db.query(`UPDATE logistics.pack_tasks SET pickup_day = pickup_day - 2, created_at = now() - interval '5 hours' WHERE id = $1`, [task.id]);
    const res = await t.api.get('/api/logistics/stuck?hours=24', admin.token);
    expect(res.status).toBe(200);
    expect(res.body.parcelsNotCollected).toEqual([expect.objectContaining({ id: parcels.zhaoyang.parcelId, code: parcels.zhaoyang.code, ageHours: 30 })]);
    expect(res.body.openTasks).toEqual([expect.objectContaining({ id: task.id, orderId, ageHours: 5 })]);
    expect(res.body.parcelsNotReceived).toEqual([]);
    expect((await t.api.get('/api/logistics/stuck?hours=0', admin.token)).status).toBe(400);
  });

  it('keeps runs to admins and refuses bad input with 400, writing nothing', async () => {
    const staff = await new PickupFactory(t, f).staff(near.id);
    for (const token of [farmer.token, buyer.token, staff.token]) {
      expect((await t.api.get(`/api/logistics/runs?day=${day}`, token)).status).toBe(403);
      expect((await t.api.post('/api/logistics/runs/plan', { day }, token)).status).toBe(403);
      expect((await t.api.post(`/api/logistics/runs/${ludianRunId}/collect`, {}, token)).status).toBe(403);
      expect((await t.api.get('/api/logistics/stuck', token)).status).toBe(403);
    }
    const runsBefore = await count(t, `SELECT count(*) AS n FROM logistics.runs`);
    for (const body of [{}, { day: '2026-02-30' }, { day: 20261201 }, { day, county: 'ludian' }]) {
      const res = await t.api.post('/api/logistics/runs/plan', body, admin.token);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await t.api.get('/api/logistics/runs?day=tomorrow', admin.token)).status).toBe(400);
    expect((await t.api.get(`/api/logistics/runs/${randomUUID()}`, admin.token)).status).toBe(404);
    expect((await t.api.post(`/api/logistics/runs/${randomUUID()}/collect`, {}, admin.token)).status).toBe(404);
    expect(await count(t, `SELECT count(*) AS n FROM logistics.runs`)).toBe(runsBefore);
  });
});
