import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { OutboxRelay } from '@app/queue';
import { eventually, Factory, PrivateRedis, startTestApp, TestApp } from '@app/testing';

describe('outbox: nothing committed is lost while Redis is down', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
    f = new Factory(t);
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined); // let the app close its connections cleanly
    await t.close();
    await redis.kill();
  });

  it('keeps the event in the outbox while Redis is away and delivers it exactly once when it returns', async () => {
    const farmer = await f.producer();
    const product = await f.product(farmer, { titleZh: '昭通苹果' }, { stock: 10 });
    const service = f.serviceToken();

    await redis.kill();
    await eventually(async () => (await t.api.get('/ready')).status === 503, 'readiness to notice Redis is down');

    // The change commits without Redis: the expiry command waits in the same transaction's outbox row.
    const res = await t.api.post('/api/catalog/reservations', { idempotencyKey: randomUUID(), items: [{ productId: product.id, quantity: 7 }], ttlSeconds: 1 }, service);
    expect(res.status).toBe(201);
    const reservationId = res.body.id;
    const outboxRow = async () =>
      (await t.db.query(`SELECT id, relayed_at FROM catalog.outbox WHERE payload->>'reservationId' = $1`, [reservationId]))[0];
    await new Promise((r) => setTimeout(r, 2500)); // past the reservation's expiry, with the relay retrying meanwhile
    expect((await outboxRow()).relayed_at).toBeNull();
    expect((await t.api.get(`/api/catalog/reservations/${reservationId}`, service)).body.status).toBe('held');

    await redis.start();
    await eventually(async () => (await outboxRow()).relayed_at !== null, 'the relay to deliver the row', 20_000);
    await eventually(async () => (await t.api.get(`/api/catalog/reservations/${reservationId}`, service)).body.status === 'expired', 'the expiry job', 20_000);
    const [stock] = await t.db.query(`SELECT stock_available, stock_reserved FROM catalog.products WHERE id = $1`, [product.id]);
    expect(stock).toEqual({ stock_available: 10, stock_reserved: 0 });

    // Relay the same row again, as after a crash between adding the job and marking the row: still one job.
    const { id: rowId } = await outboxRow();
    await t.db.query(`UPDATE catalog.outbox SET relayed_at = NULL WHERE id = $1`, [rowId]);
    await t.app.get(OutboxRelay).relayBatch('catalog');
    const queue = new Queue('catalog', { connection: { url: redis.url }, prefix: t.env.QUEUE_PREFIX });
    try {
      const jobs = (await queue.getJobs(['completed', 'waiting', 'active', 'delayed', 'failed'])).filter(
        (j) => j.name === 'catalog.reservation.expire' && j.data.reservationId === reservationId,
      );
      expect(jobs.map((j) => j.id)).toEqual([`catalog-${rowId}`]);
      expect(jobs[0].attemptsMade + 1).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.close();
    }
    const [again] = await t.db.query(`SELECT stock_available, stock_reserved FROM catalog.products WHERE id = $1`, [product.id]);
    expect(again).toEqual({ stock_available: 10, stock_reserved: 0 });
  });
});
