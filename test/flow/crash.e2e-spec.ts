import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Account, Api, eventually, inParallel, PrivateRedis, ProducerAccount, StripeStandIn, TestApp } from '@app/testing';
import { sendWebhook, stripeEnv } from '../ordering/helpers';
import { Journey } from './journey';
import { ProcessSuite, ServiceProcess } from './process-harness';

type Handle = TestApp & { destroy: () => Promise<void> };
const QUEUES = ['catalog', 'ordering', 'logistics', 'pickup'] as const;

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

/**
 * Which outbox messages each inbox consumer must have recorded: every message of these types routed to its
 * queue, once. Compared as sets, so a lost job and a job applied twice both show.
 */
const CONSUMERS = [
  { schema: 'logistics', consumer: 'logistics', from: [['ordering', ['ordering.order.paid', 'ordering.order.confirmed', 'ordering.order.cancelled']], ['pickup', ['pickup.parcels.received', 'pickup.parcel.problem', 'pickup.collection.handed_over', 'pickup.collection.returned']]] },
  { schema: 'ordering', consumer: 'order-fulfilment', from: [['logistics', ['logistics.task.packed', 'logistics.parcels.tracked']], ['pickup', ['pickup.parcels.received', 'pickup.parcel.problem', 'pickup.collections.ready', 'pickup.collection.handed_over', 'pickup.collection.returned']]] },
  { schema: 'pickup', consumer: 'pickup-receiving', from: [['logistics', ['logistics.shipment.dispatched']]] },
] as const;

async function inboxMismatches(t: TestApp) {
  const problems: string[] = [];
  for (const c of CONSUMERS) {
    const expected: string[] = [];
    for (const [schema, types] of c.from) {
      const rows: Array<{ id: string }> = await t.db.query(`SELECT id FROM "${schema}".outbox WHERE type = ANY($1::text[])`, [types]);
      expected.push(...rows.map((r) => `${schema}-${r.id}`));
    }
    const got: Array<{ message_id: string }> = await t.db.query(`SELECT message_id FROM "${c.schema}".inbox WHERE consumer = $1`, [c.consumer]);
    const have = new Set(got.map((r) => r.message_id));
    const want = new Set(expected);
    const missing = expected.filter((id) => !have.has(id));
    const extra = [...have].filter((id) => !want.has(id));
    if (missing.length || extra.length || got.length !== expected.length) {
      problems.push(`${c.schema}/${c.consumer}: ${got.length} inbox rows for ${expected.length} messages; missing ${missing.slice(0, 5)}; extra ${extra.slice(0, 5)}`);
    }
  }
  return problems;
}

async function queueCounts(suite: ProcessSuite) {
  const out: Record<string, Record<string, number>> = {};
  for (const name of [...QUEUES, 'dead-letter']) out[name] = await suite.withQueue(name, (q) => q.getJobCounts('waiting', 'active', 'failed', 'completed', 'delayed'));
  return out;
}

/**
 * Waits until the worker has jobs of `queue` in hand and has already finished some (`done` > 0), then
 * SIGKILLs it: some handlers are mid-transaction, some committed without BullMQ hearing of it.
 */
async function killWhileBusy(worker: ServiceProcess, queue: Queue, done: () => Promise<number>, total: number) {
  const until = Date.now() + 60_000;
  for (;;) {
    if (!worker.running) throw new Error(`${worker.name} exited before it could be killed:\n${worker.output()}`);
    const [active, finished] = await Promise.all([queue.getActiveCount(), done()]);
    if (active > 0 && finished > 0) {
      await worker.kill();
      return { active, finished };
    }
    if (finished >= total) throw new Error(`${worker.name} finished all ${total} jobs before it could be killed: make the burst bigger`);
    if (Date.now() > until) throw new Error(`${worker.name} never had active jobs`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('crash safety: a worker process SIGKILLed in the middle of fulfilment jobs', () => {
  const ORDERS = 150;
  const ONLINE = 30; // the rest pay at pickup
  let stripe: StripeStandIn;
  let suite: ProcessSuite;
  let api: ServiceProcess;
  let t: Handle;
  let j: Journey;
  let admin: Account;
  let farmers: ProducerAccount[];
  let products: Array<{ id: string; priceFen: number }>;
  let points: Array<{ id: string; staff: Account }>;
  const orders: Array<{ id: string; method: 'online' | 'pay_at_pickup' }> = [];
  let logisticsQ: Queue;
  let orderingQ: Queue;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    suite = await ProcessSuite.create();
    // One API process hosting every service (PROCESS_ROLE=api: HTTP and the outbox relay, no workers).
    api = await suite.start('api', 'platform', { PROCESS_ROLE: 'api', ...stripeEnv(stripe) });
    t = await suite.testApp(new Api(api.baseUrl), stripeEnv(stripe));
    j = new Journey(t, stripe);
    logisticsQ = suite.queue('logistics');
    orderingQ = suite.queue('ordering');

    admin = await j.f.admin();
    farmers = [];
    products = [];
    for (const [i, county] of (['zhaoyang', 'ludian', 'yiliang'] as const).entries()) {
      const farmer = await j.f.producer({ county, name: `崩溃测试合作社${i}${Date.now()}` });
      const priceFen = 1000 * (i + 1);
      const p = await j.f.product(farmer, { titleZh: `昭通特产${i}`, unit: 'box', priceFen }, { stock: 10_000 });
      farmers.push(farmer);
      products.push({ id: p.id, priceFen });
    }
    points = [await j.point('zhaoyang'), await j.point('zhaoyang'), await j.point('ludian'), await j.point('ludian')];
  }, 120_000);

  afterAll(async () => {
    await logisticsQ?.close();
    await orderingQ?.close();
    await t?.destroy();
    await suite?.close();
    await stripe?.close();
  });

  it('pack tasks: every confirmed or paid order gets exactly one task per producer after a SIGKILL mid-burst', async () => {
    const buyers = await Promise.all(Array.from({ length: 10 }, () => j.f.buyer()));
    // No worker yet: the events pile up in the logistics queue, so the worker meets a burst.
    const methods = Array.from({ length: ORDERS }, (_, i) => (i % 5 === 0 ? 'online' : 'pay_at_pickup') as 'online' | 'pay_at_pickup');
    expect(methods.filter((m) => m === 'online')).toHaveLength(ONLINE);
    await inParallel(methods, 8, async (method, i) => {
      const placed = await t.api.request('POST', '/api/orders', {
        token: buyers[i % buyers.length].token,
        body: { pickupPointId: points[i % points.length].id, pickupDay: j.day, paymentMethod: method, items: products.map((p) => ({ productId: p.id, quantity: 1 })) },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(placed.status).toBe(201);
      if (method === 'online') {
        const intent = (placed.body.payment.clientSecret as string).split('_secret_')[0];
        const paid = await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
        expect(paid.body.outcome).toBe('paid');
      }
      orders.push({ id: placed.body.id, method });
    });
    await eventually(async () => (await logisticsQ.getWaitingCount()) === ORDERS, `${ORDERS} events waiting in the logistics queue`, 30_000);

    const first = await suite.spawn('worker-1', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    const handled = () => count(t, `SELECT count(*) AS n FROM logistics.inbox WHERE consumer = 'logistics'`);
    const atKill = await killWhileBusy(first, logisticsQ, handled, ORDERS);
    expect(atKill.active).toBeGreaterThan(0);
    expect(await first.exited).toBe('SIGKILL');
    expect(await handled()).toBeLessThan(ORDERS);

    // The jobs the dead worker held stay active until their locks expire; the new worker's stalled check then re-queues them.
    const second = await suite.start('worker-2', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    await eventually(async () => (await count(t, `SELECT count(*) AS n FROM logistics.pack_tasks`)) === ORDERS * 3, 'every pack task', 150_000);
    await eventually(async () => (await logisticsQ.getWaitingCount()) + (await logisticsQ.getActiveCount()) === 0, 'the logistics queue to drain', 60_000);

    const perOrder: Array<{ order_id: string; tasks: number; producers: number }> = await t.db.query(
      `SELECT order_id, count(*)::int AS tasks, count(DISTINCT producer_id)::int AS producers FROM logistics.pack_tasks GROUP BY order_id`,
    );
    expect(perOrder).toHaveLength(ORDERS);
    expect(new Set(perOrder.map((r) => r.order_id))).toEqual(new Set(orders.map((o) => o.id)));
    for (const r of perOrder) expect([r.order_id, r.tasks, r.producers]).toEqual([r.order_id, 3, 3]);
    expect(await inboxMismatches(t)).toEqual([]);
    await second.stop();
  }, 300_000);

  it('packed, tracked and dispatched events: each applied once after a SIGKILL mid-burst; orders reach ready_for_pickup', async () => {
    expect(orders).toHaveLength(ORDERS);
    const online = new Set(orders.filter((o) => o.method === 'online').map((o) => o.id));
    // No worker: the farmers pack (the third producer is short on the online orders), the admin drives the runs.
    const tasks: Array<{ farmer: ProducerAccount; task: { id: string; orderId: string }; short: boolean }> = [];
    for (const [i, farmer] of farmers.entries()) {
      const res = await t.api.get(`/api/logistics/pack-tasks?day=${j.day}&status=open`, farmer.token);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(ORDERS);
      for (const task of res.body.items) tasks.push({ farmer, task, short: i === 2 && online.has(task.orderId) });
    }
    await inParallel(tasks, 12, async ({ farmer, task, short }) => {
      const res = await t.api.post(`/api/logistics/pack-tasks/${task.id}/pack`, { lines: [{ productId: products[farmers.indexOf(farmer)].id, ...(short ? { short: true } : {}) }] }, farmer.token);
      expect([task.id, res.status]).toEqual([task.id, 200]);
    });
    const planned = await t.api.post('/api/logistics/runs/plan', { day: j.day }, admin.token);
    expect(planned.status).toBe(200);
    expect(planned.body.runs).toHaveLength(2);
    for (const run of planned.body.runs) {
      for (const step of ['collect', 'hub', 'deliver']) expect((await t.api.post(`/api/logistics/runs/${run.id}/${step}`, {}, admin.token)).status).toBe(200);
    }
    const parcels = ORDERS * 3 - ONLINE;
    expect(await count(t, `SELECT count(*) AS n FROM logistics.parcels`)).toBe(parcels);

    const third = await suite.spawn('worker-3', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    const handled = () => count(t, `SELECT count(*) AS n FROM ordering.inbox WHERE consumer = 'order-fulfilment'`);
    const atKill = await killWhileBusy(third, orderingQ, handled, ORDERS * 3 + parcels * 3);
    expect(atKill.active).toBeGreaterThan(0);

    const fourth = await suite.start('worker-4', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    await eventually(async () => (await count(t, `SELECT count(*) AS n FROM pickup.parcels`)) === parcels, 'every parcel expected at its point', 150_000);
    await eventually(
      async () => (await count(t, `SELECT count(*) AS n FROM ordering.orders WHERE status = 'in_fulfilment'`)) === ORDERS,
      'every order in fulfilment',
      150_000,
    );
    await eventually(async () => (await count(t, `SELECT count(*) AS n FROM ordering.refunds WHERE status = 'succeeded'`)) === ONLINE, 'the short lines refunded', 60_000);

    // Staff check the shipments in; the collections become ready and the orders follow.
    for (const point of points) {
      const shipments: Array<{ shipment_id: string }> = await t.db.query(`SELECT DISTINCT shipment_id FROM pickup.parcels WHERE point_id = $1`, [point.id]);
      expect(shipments).toHaveLength(1);
      const res = await t.api.post(`/api/pickup-points/${point.id}/shipments/${shipments[0].shipment_id}/check-in`, {}, point.staff.token);
      expect(res.status).toBe(200);
    }
    await eventually(
      async () => (await count(t, `SELECT count(*) AS n FROM ordering.orders WHERE status = 'ready_for_pickup'`)) === ORDERS,
      'every order ready for pickup',
      60_000,
    );
    await eventually(async () => {
      const c = await queueCounts(suite);
      return QUEUES.every((q) => c[q].waiting + c[q].active === 0);
    }, 'every queue to drain', 60_000);

    // Each state change once per order, whatever ran twice.
    const events: Array<{ to_status: string; orders: number; rows: number }> = await t.db.query(
      `SELECT to_status, count(DISTINCT order_id)::int AS orders, count(*)::int AS rows FROM ordering.order_events
        WHERE to_status IN ('in_fulfilment', 'ready_for_pickup') GROUP BY to_status ORDER BY to_status`,
    );
    expect(events).toEqual([
      { to_status: 'in_fulfilment', orders: ORDERS, rows: ORDERS },
      { to_status: 'ready_for_pickup', orders: ORDERS, rows: ORDERS },
    ]);
    // Refunds: one per online order, for the short line only, and Stripe asked once each.
    const refunds: Array<{ order_id: string; n: number; fen: number }> = await t.db.query(
      `SELECT order_id, count(*)::int AS n, sum(amount_fen)::int AS fen FROM ordering.refunds GROUP BY order_id`,
    );
    expect(refunds).toHaveLength(ONLINE);
    for (const r of refunds) expect([online.has(r.order_id), r.n, r.fen]).toEqual([true, 1, products[2].priceFen]);
    expect(stripe.refunds).toHaveLength(ONLINE);
    expect(new Set(stripe.refunds.map((r) => r.payment_intent)).size).toBe(ONLINE);
    // The point: one row per parcel, one collection per order.
    expect(await count(t, `SELECT count(DISTINCT id) AS n FROM pickup.parcels`)).toBe(parcels);
    expect(await count(t, `SELECT count(*) AS n FROM pickup.collections`)).toBe(ORDERS);
    expect(await count(t, `SELECT count(*) AS n FROM pickup.parcels WHERE status = 'received'`)).toBe(parcels);
    // The order side: one parcel row per producer, one tracking line per parcel and kind.
    expect(await count(t, `SELECT count(*) AS n FROM ordering.order_parcels`)).toBe(ORDERS * 3);
    expect(await count(t, `SELECT count(*) AS n FROM ordering.order_tracking WHERE kind = 'out_for_delivery'`)).toBe(parcels);
    expect(await inboxMismatches(t)).toEqual([]);

    const counts = await queueCounts(suite);
    for (const q of QUEUES) expect([q, counts[q].waiting, counts[q].active, counts[q].failed]).toEqual([q, 0, 0, 0]);
    expect(counts['dead-letter'].waiting + counts['dead-letter'].completed + counts['dead-letter'].failed).toBe(0);
    expect(fourth.running).toBe(true);
  }, 400_000);
});

describe('crash safety: Redis stopped and started again', () => {
  let redis: PrivateRedis;
  let stripe: StripeStandIn;
  let suite: ProcessSuite;
  let t: Handle;
  let j: Journey;
  let worker: ServiceProcess;
  let buyers: Account[];
  let product: { id: string };
  let point: { id: string };

  const place = async (buyer: Account, method: 'online' | 'pay_at_pickup') => {
    const res = await t.api.request('POST', '/api/orders', {
      token: buyer.token,
      body: { pickupPointId: point.id, pickupDay: j.day, paymentMethod: method, items: [{ productId: product.id, quantity: 1 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; payment: { clientSecret: string } };
  };
  const tasksOf = (ids: string[]) => count(t, `SELECT count(*) AS n FROM logistics.pack_tasks WHERE order_id = ANY($1::uuid[])`, [ids]);

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stripe = await StripeStandIn.start();
    suite = await ProcessSuite.create({ redisUrl: redis.url });
    const api = await suite.start('api', 'platform', { PROCESS_ROLE: 'api', ...stripeEnv(stripe) });
    worker = await suite.start('worker', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    t = await suite.testApp(new Api(api.baseUrl), stripeEnv(stripe));
    j = new Journey(t, stripe);
    const farmer = await j.f.producer({ county: 'zhaoyang', name: `断电测试果园${Date.now()}` });
    product = await j.f.product(farmer, { titleZh: '昭通苹果', unit: 'box', priceFen: 3000 }, { stock: 1000 });
    point = await j.p.point({ county: 'zhaoyang', capacityPerDay: 500 });
    buyers = await Promise.all(Array.from({ length: 4 }, () => j.f.buyer()));
  }, 120_000);

  afterAll(async () => {
    await redis?.start().catch(() => undefined); // the processes close their connections cleanly
    await t?.destroy();
    await suite?.close();
    await redis?.kill();
    await stripe?.close();
  });

  it('orders paid or confirmed while Redis is down get their pack tasks once it is back', async () => {
    const online = await Promise.all(Array.from({ length: 20 }, (_, i) => place(buyers[i % buyers.length], 'online')));
    await redis.kill();
    await eventually(async () => (await t.api.get('/ready')).status === 503, 'readiness to notice Redis is down');

    // The webhooks are answered and the orders paid: the events wait in the outbox.
    for (const o of online) {
      const intent = o.payment.clientSecret.split('_secret_')[0];
      const res = await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intent)));
      expect([res.status, res.body.outcome]).toEqual([200, 'paid']);
    }
    const atPickup = [];
    for (let i = 0; i < 10; i++) atPickup.push(await place(buyers[i % buyers.length], 'pay_at_pickup'));
    const ids = [...online, ...atPickup].map((o) => o.id);
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await count(
      t,
      `SELECT count(*) AS n FROM ordering.outbox WHERE type IN ('ordering.order.paid', 'ordering.order.confirmed') AND relayed_at IS NULL AND payload->>'orderId' = ANY($1::text[])`,
      [ids],
    );
    expect(waiting).toBe(ids.length);
    expect(await tasksOf(ids)).toBe(0);

    await redis.start();
    await eventually(async () => (await tasksOf(ids)) === ids.length, 'a pack task for every order', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await tasksOf(ids)).toBe(ids.length);
    expect(await inboxMismatches(t)).toEqual([]);
  }, 180_000);

  /**
   * Redis runs without persistence here, as in docker-compose.yml. The outbox marks a row relayed once BullMQ
   * has the job; if Redis then dies before a worker takes the job, nothing brings the event back.
   */
  it('orders whose events were relayed but not yet processed when Redis lost its data still get their pack tasks', async () => {
    await worker.stop();
    const atPickup = [];
    for (let i = 0; i < 10; i++) atPickup.push(await place(buyers[i % buyers.length], 'pay_at_pickup'));
    const ids = atPickup.map((o) => o.id);
    const relayed = () =>
      count(t, `SELECT count(*) AS n FROM ordering.outbox WHERE type = 'ordering.order.confirmed' AND relayed_at IS NOT NULL AND payload->>'orderId' = ANY($1::text[])`, [ids]);
    await eventually(async () => (await relayed()) === ids.length, 'the relay to hand the events to BullMQ', 20_000);

    await redis.kill(); // a crash: the waiting jobs were only in Redis's memory
    await redis.start();
    worker = await suite.start('worker-again', 'platform', { PROCESS_ROLE: 'worker', ...stripeEnv(stripe) });
    const made = await eventually(async () => ((await tasksOf(ids)) === ids.length ? 'all' : undefined), 'a pack task for every order', 30_000).catch(
      async () => `${await tasksOf(ids)} of ${ids.length}`,
    );
    expect(made).toBe('all');
  }, 120_000);

  it('the repeating jobs (sweeps, nightly planning) are scheduled again after Redis lost its data', async () => {
    expect(worker.running).toBe(true);
    const schedulers = async () => {
      const ids: string[] = [];
      for (const name of QUEUES) ids.push(...(await suite.withQueue(name, (q) => q.getJobSchedulers())).map((s) => s.key));
      return ids.sort();
    };
    const before = await schedulers();
    expect(before).toEqual(['catalog-reservation-sweep', 'logistics-runs-plan', 'ordering-order-sweep', 'pickup-collections-sweep']);
    await redis.kill();
    await redis.start();
    // The running worker reconnects; give it time to notice, as a real outage would.
    await new Promise((r) => setTimeout(r, 5000));
    expect(await schedulers()).toEqual(before);
  }, 60_000);
});
