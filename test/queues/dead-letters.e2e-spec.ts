import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { DEAD_LETTER_QUEUE, DeadLetterData, deadLetterId, JobPayloads, QueueClients } from '@app/queue';
import { Account, eventually, Factory, startTestApp, TestApp } from '@app/testing';
import { firstPickupDay } from '../ordering/helpers';

/**
 * Jobs that fail all their attempts land in the dead letters, admins list them, retry them once the
 * cause is fixed (the original job, under its original id, so the consumer's inbox still de-duplicates)
 * or discard them. Jobs are added here with two quick attempts instead of the registry's eight.
 */
describe('queues: dead letters, retry and discard', () => {
  let t: TestApp;
  let f: Factory;
  let admin: Account;
  let buyer: Account;
  let orderId: string;

  const QUICK = { attempts: 2, backoff: { type: 'fixed' as const, delay: 20 } };
  const queue = (name: string) => t.app.get(QueueClients).get(name);
  /** The job once it has completed, read after its state says so: read while active, it has no return value yet. */
  const completedJob = (jobId: string, what: string) =>
    eventually(async () => (await queue('ordering').getJobState(jobId)) === 'completed' && ((await queue('ordering').getJob(jobId)) as Job), what);
  const tracked = (orderId: string): JobPayloads['logistics.parcels.tracked'] => ({
    kind: 'collected',
    at: new Date().toISOString(),
    parcels: [{ orderId, parcelId: randomUUID(), producerId: randomUUID() }],
  });
  const readyForUnknownOrder = (): JobPayloads['pickup.collections.ready'] => ({
    pointId: randomUUID(),
    at: new Date().toISOString(),
    collections: [{ collectionId: randomUUID(), orderId: randomUUID(), deadline: new Date().toISOString() }],
  });
  const deadLetters = async (q = '') => (await t.api.get(`/api/admin/dead-letters${q}`, admin.token)).body.items as Array<Record<string, any>>;
  const inboxRows = async (messageId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ordering.inbox WHERE message_id = $1`, [messageId]))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    admin = await f.admin();
    buyer = await f.buyer();
    const farmer = await f.producer();
    const product = await f.product(farmer, { titleZh: '昭通苹果' }, { stock: 50 });
    const point = await f.pickupPoint();
    const placed = await t.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: point.id, pickupDay: firstPickupDay(t), paymentMethod: 'pay_at_pickup', items: [{ productId: product.id, quantity: 2 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(placed.status).toBe(201);
    orderId = placed.body.id;
  });
  afterAll(async () => {
    await t.db.query(`DROP TRIGGER IF EXISTS qtest_outage ON ordering.inbox`).catch(() => undefined);
    await t.close();
  });

  it('refuses anonymous callers (401) and non-admins (403) on every admin queue endpoint', async () => {
    const calls: Array<[string, string]> = [
      ['GET', '/api/admin/queues'],
      ['POST', '/api/admin/queues/session'],
      ['GET', '/api/admin/dead-letters'],
      ['POST', '/api/admin/dead-letters/ordering-x/retry'],
      ['DELETE', '/api/admin/dead-letters/ordering-x'],
    ];
    const farmer = await f.register('farmer');
    for (const [method, path] of calls) {
      expect([method, path, (await t.api.request(method, path)).status]).toEqual([method, path, 401]);
      expect([method, path, (await t.api.request(method, path, { token: buyer.token })).status]).toEqual([method, path, 403]);
      expect([method, path, (await t.api.request(method, path, { token: farmer.token })).status]).toEqual([method, path, 403]);
    }
  });

  it('answers bad list parameters with 400 naming the field, and unknown dead letters with 404', async () => {
    const badQueue = await t.api.get('/api/admin/dead-letters?queue=nope', admin.token);
    expect(badQueue.status).toBe(400);
    expect(badQueue.body.errors).toEqual([expect.objectContaining({ field: 'queue' })]);
    for (const limit of ['0', '501', 'ten', '1.5']) {
      const res = await t.api.get(`/api/admin/dead-letters?limit=${limit}`, admin.token);
      expect([limit, res.status, res.body.errors?.[0]?.field]).toEqual([limit, 400, 'limit']);
    }
    expect((await t.api.get('/api/admin/dead-letters?extra=1', admin.token)).status).toBe(400);
    expect((await t.api.post('/api/admin/dead-letters/ordering-nothing/retry', undefined, admin.token)).status).toBe(404);
    expect((await t.api.delete('/api/admin/dead-letters/ordering-nothing', admin.token)).status).toBe(404);
    expect((await t.api.delete(`/api/admin/dead-letters/${encodeURIComponent('bad id!')}`, admin.token)).status).toBe(404);
  });

  it('dead-letters a job that failed every attempt; after the cause is fixed a retry runs its effect exactly once', async () => {
    const jobId = `qtest-outage-${randomUUID()}`;
    // An outage the consumer cannot get past: its inbox refuses this message until the trigger is dropped.
    await t.db.query(`
      CREATE OR REPLACE FUNCTION ordering.qtest_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.message_id LIKE 'qtest-outage-%' THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER qtest_outage BEFORE INSERT ON ordering.inbox FOR EACH ROW EXECUTE FUNCTION ordering.qtest_refuse()`);
    const data = tracked(orderId);
    await queue('ordering').add('logistics.parcels.tracked', data, { jobId, ...QUICK });

    const listed = await eventually(async () => (await deadLetters('?queue=ordering')).find((d) => d.jobId === jobId), 'the job to be dead-lettered');
    expect(listed).toEqual({
      id: deadLetterId('ordering', jobId),
      queue: 'ordering',
      jobId,
      name: 'logistics.parcels.tracked',
      data,
      failedReason: expect.stringContaining('simulated outage'),
      attempts: 2,
      failedAt: expect.any(String),
    });
    expect(await (await queue('ordering').getJob(jobId))!.getState()).toBe('failed');
    expect(await inboxRows(jobId)).toBe(0);
    expect(await deadLetters('?queue=catalog')).not.toContainEqual(expect.objectContaining({ jobId }));

    await t.db.query(`DROP TRIGGER qtest_outage ON ordering.inbox`);
    const retried = await t.api.post(`/api/admin/dead-letters/${listed.id}/retry`, undefined, admin.token);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: listed.id, queue: 'ordering', jobId, outcome: 'retried', state: expect.stringMatching(/^(waiting|active|completed)$/) });

    const job = await completedJob(jobId, 'the retried job to complete');
    // The same job, with a fresh attempt budget: it succeeded at its first attempt of the new round.
    expect(job.id).toBe(jobId);
    expect(job.attemptsMade).toBe(1);
    expect(job.returnvalue).toBe('applied');
    expect(await inboxRows(jobId)).toBe(1);
    expect(await t.db.query(`SELECT kind FROM ordering.order_tracking WHERE order_id = $1 AND parcel_id = $2`, [orderId, data.parcels[0].parcelId])).toEqual([{ kind: 'collected' }]);
    expect(await deadLetters()).not.toContainEqual(expect.objectContaining({ jobId }));
    expect((await t.api.post(`/api/admin/dead-letters/${listed.id}/retry`, undefined, admin.token)).status).toBe(404);
  });

  it('a dead letter whose effect had already committed changes nothing when retried, even after its job was cleaned away', async () => {
    // A delivery that completed, then (as after a failure past its commit) a dead letter for the same job,
    // whose original the queue's retention has since removed: the retry re-adds it under the same id.
    const jobId = `qtest-done-${randomUUID()}`;
    const data = tracked(orderId);
    await queue('ordering').add('logistics.parcels.tracked', data, { jobId, ...QUICK });
    await eventually(async () => (await queue('ordering').getJobState(jobId)) === 'completed', 'the first delivery');
    expect(await inboxRows(jobId)).toBe(1);
    await queue('ordering').remove(jobId);
    const entry: DeadLetterData = { queue: 'ordering', jobId, name: 'logistics.parcels.tracked', data, failedReason: 'lost its lock after commit', attemptsMade: 1 };
    await queue(DEAD_LETTER_QUEUE).add(entry.name, entry, { jobId: deadLetterId('ordering', jobId), attempts: 1 });

    const retried = await t.api.post(`/api/admin/dead-letters/${deadLetterId('ordering', jobId)}/retry`, undefined, admin.token);
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toBe('re-added');
    const job = await completedJob(jobId, 'the re-added job to complete');
    expect(job.returnvalue).toBe('duplicate');
    expect(await inboxRows(jobId)).toBe(1);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM ordering.order_tracking WHERE parcel_id = $1`, [data.parcels[0].parcelId])).toEqual([{ n: 1 }]);
  });

  it('lists the newest first within the limit, filters by queue, and discards one with a log line naming the admin', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const jobId = `qtest-gone-${i}-${randomUUID()}`;
      ids.push(jobId);
      // An order that does not exist: the consumer fails every attempt.
      await queue('ordering').add('pickup.collections.ready', readyForUnknownOrder(), { jobId, ...QUICK });
      await eventually(async () => (await deadLetters()).some((d) => d.jobId === jobId), `dead letter ${i}`);
    }
    const page = await t.api.get('/api/admin/dead-letters?limit=2&queue=ordering', admin.token);
    expect(page.status).toBe(200);
    expect(page.body.items.map((d: { jobId: string }) => d.jobId)).toEqual([ids[2], ids[1]]);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body.items[0].failedReason).toBe('Order not found');

    const id = deadLetterId('ordering', ids[0]);
    const gone = await t.api.delete(`/api/admin/dead-letters/${id}`, admin.token);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id, jobId: ids[0], discarded: true });
    expect(await deadLetters('?limit=500')).not.toContainEqual(expect.objectContaining({ jobId: ids[0] }));
    expect(t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'dead letter discarded' && l.id === id)).toMatchObject({ by: admin.id, job: 'pickup.collections.ready' });
    expect((await t.api.delete(`/api/admin/dead-letters/${id}`, admin.token)).status).toBe(404);
    // The original stays in its queue's failed set for the record; nothing runs it.
    expect(await queue('ordering').getJobState(ids[0])).toBe('failed');
  });
});
