import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { Client, Pool } from 'pg';
import { hostedServices, loadEnv } from '@app/config';
import { migrateSchemas } from '@app/database';
import { createApp } from '@app/http';
import { earliestPickupDay } from '@app/contracts';
import { modulesFor } from '../../apps/platform/src/platform';
import { StripeStandIn, TEST_STRIPE_SECRET, TEST_WEBHOOK_SECRET } from '../../libs/testing/src/stripe-stand-in';
import { MIGRATION_PLAN } from '../../migrations';
import { deleteRedisKeys } from '../../libs/testing/src/redis-keys';
import { Cleanup } from '../shared/cleanup';
import { adminQuery, databaseUrl, dropDatabase, recreateDatabase } from '../shared/database';
import { waitForQuiet } from '../shared/quiet';
import { PlatformProcess, ROOT, startPlatform, stopPlatform } from '../shared/server';
import { num, storeSettings } from '../shared/settings';
import { LatencySummary, summarize } from '../shared/stats';
import { accessToken } from '../shared/tokens';
import { counterDelta, CpuSplit, dbCounters, DbCounters, startCpuSample, startWaitSampler, WaitSample } from './cpu';
import { HttpClient, Reply } from './http';
import { printProfile, ProfileSummary, summarizeProfile } from './profile-summary';

/**
 * `npm run bench:checkout`: buyers checking out and paying online, and a flash sale.
 *  1. a database of its own (zt_bench_checkout, dropped and made again), migrated, data written with SQL:
 *     an approved producer, products with plenty of stock, one product with exactly 200 for the flash sale,
 *     pickup points open every day; buyers are JWTs signed with the server's secret (no identity rows);
 *  2. SQL statements, transactions and pool checkouts per checkout step, counted in-process (pg patched,
 *     attributed to the request through AsyncLocalStorage; background jobs counted apart);
 *  3. the Stripe stand-in in this process, the all-in-one server as a child process (from dist/), and
 *     Scenario A: virtual buyers each repeating cart → POST /api/orders → signed payment_intent.succeeded
 *     webhook → paid, at 10 and 50 buyers over many products, and 50 buyers on one product;
 *     Scenario B: 2,000 buyers ordering 1 unit each of the 200-stock product at the same moment.
 * Settings (environment): BENCH_DURATION (s, 15), BENCH_WARMUP (s, 3), BENCH_CONCURRENCY (10,50),
 * BENCH_CONTENDED (1: also 50 buyers on one product; 0 to skip), BENCH_PRODUCTS (100), BENCH_SCENARIOS
 * (throughput,flash), BENCH_FLASH_BUYERS (2000), BENCH_FLASH_STOCK (200), BENCH_FLASH_PRECONNECT (1: the
 * buyers' connections are open before the sale starts), BENCH_FLASH_RUNS (3: sales one after the other, each on
 * its own product; every one must sell exactly the stock, the median p99 is the verdict), BENCH_COUNT (checkouts counted in-process, 20; 0
 * to skip), BENCH_LOG_LEVEL (warn), BENCH_LOG_REQUESTS (unset: the server's default, true), BENCH_DB_POOL_SIZE
 * (unset: the server's default, 10), BENCH_DB_SOCKET (a directory with PostgreSQL's Unix socket, e.g. /var/run/postgresql:
 * the server connects through it instead of TCP), BENCH_DB_SETTINGS (e.g. synchronous_commit=off, set on the benchmark
 * database only, as a diagnostic), BENCH_PROFILE=1 (CPU profile of the server over the 50-buyer run,
 * summarised), BENCH_PROBE=0 (start the server without the measuring preload), BENCH_NODE_ARGS (extra node
 * flags for the server), BENCH_WAIT_QUIET (s, 30), BENCH_TAG (a label in the results), BENCH_KEEP_DB=1,
 * BENCH_ADMIN_URL, REDIS_URL.
 */
const TARGETS = {
  throughput: { buyers: 50, minCheckoutsPerS: 200, maxP99Ms: 500 },
  flash: { sold: 200, maxP99Ms: 1000 },
} as const;

const cfg = {
  duration: num(process.env.BENCH_DURATION, 15),
  warmup: num(process.env.BENCH_WARMUP, 3),
  concurrency: (process.env.BENCH_CONCURRENCY ?? '10,50').split(',').map(Number).filter((n) => n > 0),
  contended: process.env.BENCH_CONTENDED !== '0',
  contendedBuyers: num(process.env.BENCH_CONTENDED_BUYERS, 50),
  products: num(process.env.BENCH_PRODUCTS, 100),
  scenarios: (process.env.BENCH_SCENARIOS ?? 'throughput,flash').split(','),
  flashBuyers: num(process.env.BENCH_FLASH_BUYERS, 2000),
  flashStock: num(process.env.BENCH_FLASH_STOCK, 200),
  flashPreconnect: process.env.BENCH_FLASH_PRECONNECT !== '0',
  /** Flash sales run one after the other (a product and a point each); the median one is the verdict. */
  flashRuns: Math.max(1, num(process.env.BENCH_FLASH_RUNS, 3)),
  count: num(process.env.BENCH_COUNT, 20),
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  logRequests: process.env.BENCH_LOG_REQUESTS,
  dbPoolSize: process.env.BENCH_DB_POOL_SIZE,
  /** A directory holding PostgreSQL's Unix socket (e.g. /var/run/postgresql): the server connects through it instead of TCP. */
  dbSocket: process.env.BENCH_DB_SOCKET,
  /** PostgreSQL settings for the benchmark database only, e.g. "synchronous_commit=off" (a diagnostic: what WAL flushes cost). */
  dbSettings: (process.env.BENCH_DB_SETTINGS ?? '').split(',').map((s) => s.trim()).filter((s) => /^[a-z_]+=[A-Za-z0-9_.]+$/.test(s)),
  profile: process.env.BENCH_PROFILE === '1',
  probe: process.env.BENCH_PROBE !== '0',
  nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  /** BENCH_SERVER_ENV='A=1;B=two words': more settings for the server, to compare one against another. */
  serverEnv: Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(';')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1)]),
  ) as Record<string, string>,
  waitQuiet: num(process.env.BENCH_WAIT_QUIET, 30),
  tag: process.env.BENCH_TAG ?? '',
  ...storeSettings('zt_bench_checkout'),
};
const JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;
const RUN_ID = randomBytes(4).toString('hex');
/** The server's own default cut-off: the bench does not set ORDER_CUTOFF. */
const ORDER_CUTOFF = loadEnv({ JWT_SECRET }).ORDER_CUTOFF;
const pickupDay = () => earliestPickupDay(new Date(), ORDER_CUTOFF);

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const round1 = (v: number) => Math.round(v * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same database through a Unix socket in `dir` (pg reads the host from the query string). */
function socketUrl(url: string, dir: string): string {
  const u = new URL(url);
  return `postgres://${u.username}@localhost${u.pathname}?host=${encodeURIComponent(dir)}`;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Data and buyers

/** A buyer of their own: no identity row, the services trust the signed token. */
const buyerToken = () => accessToken(JWT_SECRET, 'buyer');

const ALL_WEEK = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { open: '08:00', close: '20:00' }]));

interface Seeded {
  producerId: string;
  spread: string[];
  hot: string;
  /** One product per flash sale run. */
  flash: string[];
}

async function seed(db: Pool): Promise<Seeded> {
  const {
    rows: [producer],
  } = await db.query(
    `INSERT INTO catalog.producers (user_id, kind, name, contact_name, contact_phone, county, township, status, reviewed_at)
     VALUES (gen_random_uuid(), 'cooperative', '鲁甸苹果专业合作社', '王建国', '13900000001', 'ludian', '龙头山镇', 'approved', now()) RETURNING id`,
  );
  const insertProducts = async (n: number, title: string, stock: number) =>
    (
      await db.query(
        `INSERT INTO catalog.products (producer_id, category, title_zh, unit, price_fen, origin_county, status, stock_available, published_at)
         SELECT $1, 'fruit', $2 || ' ' || g, 'jin', 480 + g * 10, 'ludian', 'active', $3, now() FROM generate_series(1, $4) g
         RETURNING id`,
        [producer.id, title, stock, n],
      )
    ).rows.map((r: { id: string }) => r.id);
  const spread = await insertProducts(cfg.products, '昭通苹果', 10_000_000);
  const [hot] = await insertProducts(1, '昭通苹果 爆款', 10_000_000);
  const flash = await insertProducts(cfg.flashRuns, '昭通苹果 秒杀', cfg.flashStock);
  await db.query('VACUUM ANALYZE catalog.producers');
  await db.query('VACUUM ANALYZE catalog.products');
  return { producerId: producer.id, spread, hot, flash };
}

/**
 * An active pickup point open every day. A point takes at most 10,000 parcels a day (a CHECK on the
 * table), so each run gets a point of its own: the runs then never meet a full day.
 */
async function newPoint(db: Pool, name: string, capacity: number): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO pickup.points (name, kind, county, township, address, lat, lng, opening_hours, capacity_per_day, commission_bps, status, status_changed_at, contact_phone)
     VALUES ($1, 'township_coop', 'ludian', '龙头山镇', '龙头山镇中街 12 号', 27.12, 103.45, $2::jsonb, $3, 200, 'active', now(), '13900000002')
     RETURNING id`,
    [name, JSON.stringify(ALL_WEEK), capacity],
  );
  return rows[0].id;
}

// ---------------------------------------------------------------------------------------------------------
// 2. Statements, transactions and pool checkouts per checkout step, in-process

interface StepCount {
  statements: number;
  transactions: number;
  poolCheckouts: number;
}
interface StepCounts {
  checkouts: number;
  cart: StepCount;
  order: StepCount;
  webhook: StepCount;
  total: StepCount;
  /** Background work per checkout: the jobs that follow (stock commit) and the outbox relay. */
  backgroundJobs: StepCount;
  backgroundRelay: StepCount;
  sample: { cart: string[]; order: string[]; webhook: string[]; jobs: string[] };
}

async function countStatements(url: string, stripe: StripeStandIn, db: Pool, seeded: Seeded, uploads: string) {
  interface Sink {
    statements: string[];
    poolCheckouts: number;
  }
  const ctx = new AsyncLocalStorage<Sink>();
  /** The bench's own queries while counting run in this context and are not counted. */
  const IGNORED: Sink = { statements: [], poolCheckouts: 0 };
  const quiet = <T>(work: () => Promise<T>) => ctx.run(IGNORED, work);
  // Work outside any request (jobs, the outbox relay), grouped into units: a transaction from START
  // TRANSACTION to COMMIT/ROLLBACK on one connection, or a single statement in autocommit.
  const background: string[][] = [];
  let backgroundPoolCheckouts = 0;
  const openTx = new WeakMap<object, string[]>();
  let counting = false;
  const isTx = (s: string) => /^(START TRANSACTION|BEGIN)/i.test(s);
  const clientProto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const poolProto = Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const originalQuery = clientProto.query;
  const originalConnect = poolProto.connect;
  clientProto.query = function (this: object, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '?')).replace(/\s+/g, ' ').trim();
    const sink = ctx.getStore();
    if (sink) {
      if (sink !== IGNORED) sink.statements.push(text);
    } else if (counting) {
      let tx = openTx.get(this);
      if (isTx(text)) openTx.set(this, [text]);
      else if (tx) {
        tx.push(text);
        if (/^(COMMIT|ROLLBACK)/i.test(text)) {
          background.push(tx);
          openTx.delete(this);
        }
      } else background.push([text]);
    }
    return originalQuery.apply(this, args);
  };
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    const sink = ctx.getStore();
    if (sink) sink.poolCheckouts++;
    else if (counting) backgroundPoolCheckouts++;
    return originalConnect.apply(this, args);
  };
  const prefix = `{ztbench_${RUN_ID}_a}`;
  const env = loadEnv({
    NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL: cfg.redisUrl, QUEUE_PREFIX: prefix, JWT_SECRET, LOG_LEVEL: 'warn', UPLOAD_DIR: uploads, PORT: '0',
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url,
  });
  const devNull = new Writable({ write: (_c, _e, done) => done() });
  const app = await createApp(env, modulesFor(hostedServices(env)), { logStream: devNull });
  const count = (sinks: Sink[], per: number): StepCount => ({
    statements: round1(sinks.reduce((n, s) => n + s.statements.length, 0) / per),
    transactions: round1(sinks.reduce((n, s) => n + s.statements.filter(isTx).length, 0) / per),
    poolCheckouts: round1(sinks.reduce((n, s) => n + s.poolCheckouts, 0) / per),
  });
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const pointId = await newPoint(db, '计数用服务站', 10_000);
    const inject = async (sink: Sink, opts: { method: 'PUT' | 'POST'; url: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }) => {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      // Awaited inside run(): inject() returns a lazy thenable, and whoever calls its then() starts the request.
      const res = await ctx.run(sink, async () => {
        const reply = await app.inject({ method: opts.method, url: opts.url, headers, ...(opts.raw !== undefined ? { payload: opts.raw } : opts.body !== undefined ? { payload: opts.body as object } : {}) });
        return reply;
      });
      return { status: res.statusCode, body: res.json() as Record<string, any> };
    };
    const steps = { cart: [] as Sink[], order: [] as Sink[], webhook: [] as Sink[] };
    const orderIds: string[] = [];
    // One warm-up checkout first (caches, prepared metadata), not counted.
    for (let i = 0; i <= cfg.count; i++) {
      const token = buyerToken();
      const productId = seeded.spread[i % seeded.spread.length];
      const sinks = { cart: { statements: [], poolCheckouts: 0 }, order: { statements: [], poolCheckouts: 0 }, webhook: { statements: [], poolCheckouts: 0 } } as Record<'cart' | 'order' | 'webhook', Sink>;
      if (i === 1) counting = true;
      const cart = await inject(sinks.cart, { method: 'PUT', url: `/api/cart/lines/${productId}`, token, body: { quantity: 2 } });
      if (cart.status !== 200) throw new Error(`in-process cart: ${cart.status} ${JSON.stringify(cart.body)}`);
      const placed = await inject(sinks.order, {
        method: 'POST', url: '/api/orders', token, body: { pickupPointId: pointId, pickupDay: pickupDay(), paymentMethod: 'online' }, headers: { 'idempotency-key': `count-${randomUUID()}` },
      });
      if (placed.status !== 201) throw new Error(`in-process order: ${placed.status} ${JSON.stringify(placed.body)}`);
      const intentId = String(placed.body.payment?.clientSecret ?? '').split('_secret_')[0];
      const signed = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intentId));
      const hook = await inject(sinks.webhook, {
        method: 'POST', url: '/api/payments/stripe/webhook', raw: signed.payload, headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
      });
      if (hook.status !== 200 || hook.body.outcome !== 'paid') throw new Error(`in-process webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
      if (i === 0) continue;
      steps.cart.push(sinks.cart);
      steps.order.push(sinks.order);
      steps.webhook.push(sinks.webhook);
      orderIds.push(placed.body.id);
    }
    // Wait for the follow-up jobs (stock commit) of the counted orders, then stop counting.
    const until = Date.now() + 30_000;
    for (;;) {
      const { rows } = await quiet(() =>
        db.query(
          `SELECT count(*)::int AS n FROM ordering.orders o JOIN catalog.reservations r ON r.id = o.reservation_id WHERE o.id = ANY($1::uuid[]) AND r.status = 'committed'`,
          [orderIds],
        ),
      );
      if (rows[0].n === orderIds.length || Date.now() > until) break;
      await sleep(50);
    }
    await sleep(600); // the relay's last batch
    counting = false;
    const n = orderIds.length;
    const relayUnits = background.filter((u) => u.some((s) => /\boutbox\b/.test(s) && /relayed_at/.test(s)));
    const jobUnits = background.filter((u) => !relayUnits.includes(u));
    const unitCount = (units: string[][]): StepCount => ({
      statements: round1(units.reduce((a, u) => a + u.length, 0) / n),
      transactions: round1(units.filter((u) => isTx(u[0])).length / n),
      poolCheckouts: 0,
    });
    const all = [...steps.cart, ...steps.order, ...steps.webhook];
    const sampleOf = (s: Sink) => s.statements.map((t) => t.slice(0, 110));
    const result: StepCounts = {
      checkouts: n,
      cart: count(steps.cart, n),
      order: count(steps.order, n),
      webhook: count(steps.webhook, n),
      total: count(all, n),
      backgroundJobs: { ...unitCount(jobUnits), poolCheckouts: round1(backgroundPoolCheckouts / n) },
      backgroundRelay: unitCount(relayUnits),
      sample: {
        cart: sampleOf(steps.cart[0]),
        order: sampleOf(steps.order[0]),
        webhook: sampleOf(steps.webhook[0]),
        jobs: [...new Set(jobUnits.flat().map((t) => t.slice(0, 110)))],
      },
    };
    return { counts: result, prefix };
  } finally {
    await app.close();
    clientProto.query = originalQuery;
    poolProto.connect = originalConnect;
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. The server as a child process

interface Server extends PlatformProcess {
  prefix: string;
  ask: <T = any>(msg: object, answer: string, timeoutMs?: number) => Promise<T | null>;
}

async function startServer(url: string, stripe: StripeStandIn, uploads: string, logFile: string): Promise<Server> {
  const prefix = `{ztbench_${RUN_ID}_b}`;
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: cfg.dbSocket ? socketUrl(url, cfg.dbSocket) : url,
    REDIS_URL: cfg.redisUrl,
    JWT_SECRET,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: cfg.logLevel,
    UPLOAD_DIR: uploads,
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_URL: stripe.url,
    ...(cfg.logRequests !== undefined ? { LOG_REQUESTS: cfg.logRequests } : {}),
    ...(cfg.dbPoolSize ? { DB_POOL_SIZE: cfg.dbPoolSize } : {}),
    ...(cfg.probe ? {} : { ZT_BENCH_PROBE_MEASURE: '0' }),
    ...cfg.serverEnv,
  };
  // The preload always goes in: it stops the server if this process dies; BENCH_PROBE=0 turns its measuring off.
  const probe = ['--require', join(ROOT, 'dist/bench/checkout/probe.js')];
  const platform = await startPlatform({ env, logFile, nodeArgs: [...cfg.nodeArgs, ...probe], ipc: true });
  const { child } = platform;
  const ask = <T>(msg: object, answer: string, timeoutMs = 30_000): Promise<T | null> => {
    if (!cfg.probe || !child.connected) return Promise.resolve(null);
    return new Promise((ok) => {
      const timer = setTimeout(() => {
        child.off('message', on);
        ok(null);
      }, timeoutMs);
      const on = (m: { probe?: string; message?: string }) => {
        if (m?.probe !== answer && m?.probe !== 'error') return;
        clearTimeout(timer);
        child.off('message', on);
        if (m.probe === 'error') log(`  probe: ${m.message}`);
        ok(m.probe === answer ? (m as T) : null);
      };
      child.on('message', on);
      child.send(msg);
    });
  };
  return { ...platform, prefix, ask };
}

// ---------------------------------------------------------------------------------------------------------
// 4. Scenario A: full checkouts by virtual buyers

interface ProbeStats {
  windowS: number;
  eventLoopUtilization: number;
  pool: { size: number[]; acquisitions: number; waitMeanMs: number; waitP50Ms: number; waitP99Ms: number; waitMaxMs: number; waitedOver1ms: number; maxWaiting: number };
  statements: number;
  transactions: { begins: number; commits: number; rollbacks: number };
}

interface ThroughputRow {
  name: string;
  buyers: number;
  products: number;
  durationS: number;
  checkouts: number;
  checkoutsPerS: number;
  whole: LatencySummary;
  cart: LatencySummary;
  order: LatencySummary;
  webhook: LatencySummary;
  errors: number;
  errorKinds: Record<string, number>;
  requestsPerS: number;
  cpu: CpuSplit;
  server: ProbeStats | null;
  db: DbCounters & { perCheckout: { transactions: number; rollbacks: number; rowsWritten: number } };
  waits: WaitSample;
  afterRun: { outboxBacklog: number; uncommittedPaid: number; drainMs: number; paidInDb: number; paidSeen: number; consistent: boolean };
  connections: number;
  target: { minCheckoutsPerS: number; maxP99Ms: number } | null;
  pass: boolean | null;
  profile?: ProfileSummary;
}

interface LoadResult {
  checkouts: number;
  paidSeen: number;
  whole: number[];
  cart: number[];
  order: number[];
  webhook: number[];
  errors: Map<string, number>;
  requests: number;
  elapsedS: number;
}

/** Virtual buyers, each repeating a whole checkout until the time is up. */
async function runBuyers(client: HttpClient, stripe: StripeStandIn, opts: { buyers: number; products: string[]; pointId: string; seconds: number }): Promise<LoadResult> {
  const r: LoadResult = { checkouts: 0, paidSeen: 0, whole: [], cart: [], order: [], webhook: [], errors: new Map(), requests: 0, elapsedS: 0 };
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const fail = (step: string, res: Reply | Error) => {
    const key = res instanceof Error ? `${step}: ${res.message.slice(0, 80)}` : `${step}: ${res.status} ${(res.body as { code?: string })?.code ?? (res.body as { outcome?: string })?.outcome ?? ''}`.trim();
    r.errors.set(key, (r.errors.get(key) ?? 0) + 1);
  };
  const buyer = async () => {
    const token = buyerToken();
    while (performance.now() < end) {
      const productId = opts.products[Math.floor(Math.random() * opts.products.length)];
      const quantity = 1 + Math.floor(Math.random() * 3);
      const t0 = performance.now();
      try {
        r.requests++;
        const cart = await client.call('PUT', `/api/cart/lines/${productId}`, { token, json: { quantity } });
        if (cart.status !== 200) {
          fail('cart', cart);
          continue;
        }
        r.requests++;
        const placed = await client.call('POST', '/api/orders', {
          token,
          json: { pickupPointId: opts.pointId, pickupDay: pickupDay(), paymentMethod: 'online' },
          headers: { 'idempotency-key': `bench-${randomUUID()}` },
        });
        const secret = (placed.body as { payment?: { clientSecret?: string } })?.payment?.clientSecret;
        if (placed.status !== 201 || !secret) {
          fail('order', placed);
          r.requests++;
          await client.call('DELETE', '/api/cart', { token }); // start the next checkout from an empty cart
          continue;
        }
        const intentId = secret.split('_secret_')[0];
        const signed = stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(intentId));
        r.requests++;
        const hook = await client.call('POST', '/api/payments/stripe/webhook', { raw: signed.payload, headers: { 'stripe-signature': signed.signature } });
        if (hook.status !== 200 || (hook.body as { outcome?: string })?.outcome !== 'paid') {
          fail('webhook', hook);
          continue;
        }
        r.paidSeen++;
        const t3 = performance.now();
        // Latencies of every checkout started in the window; the rate counts those finished in it.
        if (t3 <= end) r.checkouts++;
        r.whole.push(t3 - t0);
        r.cart.push(cart.ms);
        r.order.push(placed.ms);
        r.webhook.push(hook.ms);
      } catch (err) {
        fail('network', err as Error);
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.buyers }, buyer));
  r.elapsedS = opts.seconds;
  return r;
}

async function drain(db: Pool, pointId: string, paidSeen: number) {
  const backlog = async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM ordering.outbox WHERE relayed_at IS NULL)::int + (SELECT count(*) FROM catalog.outbox WHERE relayed_at IS NULL)::int AS outbox,
              (SELECT count(*) FROM ordering.orders o JOIN catalog.reservations r ON r.id = o.reservation_id
                WHERE o.pickup_point_id = $1 AND o.status = 'paid' AND r.status = 'held')::int AS uncommitted`,
      [pointId],
    );
    return rows[0] as { outbox: number; uncommitted: number };
  };
  const first = await backlog();
  const t0 = Date.now();
  let now = first;
  while ((now.outbox > 0 || now.uncommitted > 0) && Date.now() - t0 < 120_000) {
    await sleep(100);
    now = await backlog();
  }
  const drainMs = now.outbox > 0 || now.uncommitted > 0 ? -1 : Date.now() - t0;
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM ordering.orders WHERE pickup_point_id = $1 AND status = 'paid'`, [pointId]);
  return { outboxBacklog: first.outbox, uncommittedPaid: first.uncommitted, drainMs, paidInDb: rows[0].n as number, paidSeen, consistent: rows[0].n === paidSeen };
}

// ---------------------------------------------------------------------------------------------------------
// 5. Scenario B: a flash sale

interface FlashResult {
  buyers: number;
  stock: number;
  preconnected: boolean;
  connectionsOpen: number;
  created: number;
  conflicts: number;
  conflictCodes: Record<string, number>;
  other: number;
  otherKinds: Record<string, number>;
  /** Latency of each request from its own start. */
  latency: LatencySummary;
  /** Latency from the moment the sale opened (all requests sent in one go) to each answer. */
  sinceOpen: LatencySummary;
  createdLatency: LatencySummary;
  soldOutAfterMs: number | null;
  sendAllMs: number;
  stockAfter: { available: number; reserved: number; sold: number };
  minAvailableSeen: number;
  stockSamples: number;
  heldOnDay: number;
  holdsHeld: number;
  pendingOrders: number;
  leftCreating: number;
  cpu: CpuSplit;
  server: ProbeStats | null;
  waits: WaitSample;
  db: DbCounters;
  pass: boolean;
  checks: Record<string, boolean>;
}

async function flashSale(server: Server, db: Pool, productId: string, monitor: Client): Promise<FlashResult> {
  const pointId = await newPoint(db, '秒杀自提点', Math.max(2000, cfg.flashBuyers));
  const day = pickupDay();
  const tokens = Array.from({ length: cfg.flashBuyers }, () => buyerToken());
  const client = new HttpClient(server.base, cfg.flashBuyers + 10);
  try {
    if (cfg.flashPreconnect) {
      // The buyers are on the page, waiting: each has a connection open before the sale starts.
      for (let attempt = 0; attempt < 3 && client.socketCount() < cfg.flashBuyers; attempt++) {
        await Promise.all(tokens.map(() => client.call('GET', '/health').catch(() => null)));
      }
    }
    const connectionsOpen = client.socketCount();
    await waitForQuiet(cfg.waitQuiet);
    await server.ask({ probe: 'reset' }, 'reset');
    const before = await dbCounters(monitor, cfg.database);
    const stopWaits = startWaitSampler(monitor, cfg.database, 25);
    // The stock as the sale runs: it must never go below zero, and it tells when the product sold out.
    let polling = true;
    let minAvailable = Number.POSITIVE_INFINITY;
    let stockSamples = 0;
    let soldOutAt: number | null = null;
    const stockClient = new Client({ connectionString: databaseUrl(cfg.adminUrl, cfg.database) });
    stockClient.on('error', (err) => process.stderr.write(`stock poller: ${err.message}\n`));
    await stockClient.connect();
    const sample = startCpuSample(server.child.pid, cfg.database);
    const body = { pickupPointId: pointId, pickupDay: day, paymentMethod: 'online', items: [{ productId, quantity: 1 }] };
    const open = performance.now();
    const poller = (async () => {
      while (polling) {
        const { rows } = await stockClient.query(`SELECT stock_available FROM catalog.products WHERE id = $1`, [productId]);
        stockSamples++;
        const a = rows[0].stock_available as number;
        if (a < minAvailable) minAvailable = a;
        if (a === 0 && soldOutAt === null) soldOutAt = performance.now() - open;
        await sleep(10);
      }
    })();
    const pending = tokens.map((token) =>
      client
        .call('POST', '/api/orders', { token, json: body, headers: { 'idempotency-key': `flash-${randomUUID()}` }, timeoutMs: 60_000 })
        .then((res) => ({ res, sinceOpen: performance.now() - open }))
        .catch((err: Error) => ({ res: null as Reply | null, err, sinceOpen: performance.now() - open })),
    );
    const sendAllMs = performance.now() - open;
    const results = await Promise.all(pending);
    polling = false;
    await poller;
    await stockClient.end();
    const cpu = sample();
    const serverStats = (await server.ask<{ stats: ProbeStats }>({ probe: 'stats' }, 'stats'))?.stats ?? null;
    const waits = await stopWaits();
    const after = await dbCounters(monitor, cfg.database);

    const ok = results.filter((r) => r.res?.status === 201);
    const conflicts = results.filter((r) => r.res?.status === 409);
    const conflictCodes: Record<string, number> = {};
    for (const r of conflicts) {
      const code = (r.res!.body as { code?: string })?.code ?? '?';
      conflictCodes[code] = (conflictCodes[code] ?? 0) + 1;
    }
    const otherKinds: Record<string, number> = {};
    for (const r of results) {
      if (r.res?.status === 201 || r.res?.status === 409) continue;
      const key = r.res ? `${r.res.status} ${(r.res.body as { code?: string })?.code ?? ''}`.trim() : `network: ${(r as { err?: Error }).err?.message ?? '?'}`;
      otherKinds[key] = (otherKinds[key] ?? 0) + 1;
    }
    const other = results.length - ok.length - conflicts.length;

    // What the database says afterwards (after a moment for refused orders to be cleaned up).
    await sleep(500);
    const { rows: stockRows } = await db.query(`SELECT stock_available AS available, stock_reserved AS reserved, stock_sold AS sold FROM catalog.products WHERE id = $1`, [productId]);
    const { rows: dayRows } = await db.query(`SELECT held FROM pickup.day_counters WHERE point_id = $1 AND day = $2::date`, [pointId, day]);
    const { rows: holdRows } = await db.query(`SELECT count(*)::int AS n FROM pickup.holds WHERE point_id = $1 AND day = $2::date AND status = 'held'`, [pointId, day]);
    const { rows: orderRows } = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending_payment')::int AS pending, count(*) FILTER (WHERE status = 'creating')::int AS creating FROM ordering.orders WHERE pickup_point_id = $1`,
      [pointId],
    );
    const stockAfter = stockRows[0] as { available: number; reserved: number; sold: number };
    const latency = summarize(results.filter((r) => r.res).map((r) => r.res!.ms));
    const sinceOpen = summarize(results.map((r) => r.sinceOpen));
    const heldOnDay = (dayRows[0]?.held as number | undefined) ?? 0;
    const checks = {
      exactly200Created: ok.length === cfg.flashStock,
      onlyConflictsOtherwise: other === 0,
      conflictsAreStock: Object.keys(conflictCodes).every((c) => c === 'INSUFFICIENT_STOCK'),
      stockAvailable0: stockAfter.available === 0,
      stockReservedEqualsSold: stockAfter.reserved === cfg.flashStock,
      neverNegative: minAvailable >= 0 && stockAfter.available >= 0,
      dayHeldEqualsSold: heldOnDay === cfg.flashStock && holdRows[0].n === cfg.flashStock,
      noOrderLeftCreating: orderRows[0].creating === 0,
      p99: sinceOpen.p99 <= TARGETS.flash.maxP99Ms,
    };
    return {
      buyers: cfg.flashBuyers,
      stock: cfg.flashStock,
      preconnected: cfg.flashPreconnect,
      connectionsOpen,
      created: ok.length,
      conflicts: conflicts.length,
      conflictCodes,
      other,
      otherKinds,
      latency,
      sinceOpen,
      createdLatency: summarize(ok.map((r) => r.sinceOpen)),
      soldOutAfterMs: soldOutAt === null ? null : Math.round(soldOutAt),
      sendAllMs: Math.round(sendAllMs),
      stockAfter,
      minAvailableSeen: minAvailable,
      stockSamples,
      heldOnDay,
      holdsHeld: holdRows[0].n,
      pendingOrders: orderRows[0].pending,
      leftCreating: orderRows[0].creating,
      cpu,
      server: serverStats,
      waits,
      db: counterDelta(before, after),
      pass: Object.values(checks).every(Boolean),
      checks,
    };
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6. Report

function pad(s: string | number, n: number, right = false) {
  const text = String(s);
  return right ? text.padStart(n) : text.padEnd(n);
}

function printTable(rows: ThroughputRow[], flash: FlashResult | null, flashRuns: FlashResult[] = []) {
  log('');
  const head = ['scenario', 'buyers', 'checkouts/s', 'whole p50', 'whole p99', 'order p50', 'order p99', 'errors', 'target', 'result'];
  const w = [22, 6, 11, 9, 9, 9, 9, 6, 38, 6];
  const line = (cells: Array<string | number>) => cells.map((c, i) => pad(c, w[i], i >= 1 && i <= 7)).join('  ');
  log(line(head));
  log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) {
    const target = r.target ? `≥ ${r.target.minCheckoutsPerS}/s, p99 ≤ ${r.target.maxP99Ms} ms, 0 errors` : '(for information)';
    log(line([r.name, r.buyers, r.checkoutsPerS, r.whole.p50, r.whole.p99, r.order.p50, r.order.p99, r.errors, target, r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL']));
  }
  if (flash) {
    const codes = Object.entries(flash.conflictCodes).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
    log(
      line([
        'B flash sale',
        flash.buyers,
        `${flash.created} sold`,
        flash.sinceOpen.p50,
        flash.sinceOpen.p99,
        flash.latency.p50,
        flash.latency.p99,
        flash.other,
        `exactly ${flash.stock} sold, p99 ≤ ${TARGETS.flash.maxP99Ms} ms`,
        flash.pass ? 'PASS' : 'FAIL',
      ]),
    );
    log(`  flash sale: 201 × ${flash.created}, 409 × ${flash.conflicts} (${codes}), other ${flash.other}${flash.other ? ` ${JSON.stringify(flash.otherKinds)}` : ''}; ` +
      `stock after: available ${flash.stockAfter.available}, reserved ${flash.stockAfter.reserved}, sold ${flash.stockAfter.sold}; lowest available seen ${flash.minAvailableSeen} (${flash.stockSamples} samples); ` +
      `held on the day ${flash.heldOnDay} (holds ${flash.holdsHeld}); orders pending payment ${flash.pendingOrders}, left 'creating' ${flash.leftCreating}; sold out after ${flash.soldOutAfterMs ?? '-'} ms; ` +
      `all ${flash.buyers} requests sent in ${flash.sendAllMs} ms over ${flash.connectionsOpen} open connections`);
    log(`  flash sale p50/p99: from the sale's opening ${flash.sinceOpen.p50}/${flash.sinceOpen.p99} ms (the verdict), per request ${flash.latency.p50}/${flash.latency.p99} ms, the 201s ${flash.createdLatency.p50}/${flash.createdLatency.p99} ms`);
    if (flashRuns.length > 1) {
      log(`  flash sale runs (the median p99 is the verdict): ${flashRuns.map((r) => `${r.created} sold, p50 ${r.sinceOpen.p50} p99 ${r.sinceOpen.p99} ms`).join('; ')}`);
    }
    const failed = Object.entries(flash.checks).filter(([, v]) => !v).map(([k]) => k);
    if (failed.length) log(`  flash sale checks failed: ${failed.join(', ')}`);
  }
  log('Latencies in ms. "whole" = PUT cart line → POST /api/orders → signed webhook answered "paid"; "order" = POST /api/orders alone.');
  log('For the flash sale the columns are: sold, p50/p99 from the opening, p50/p99 per request, statuses other than 201/409.');
  for (const r of rows) {
    if (r.errors) log(`  errors in ${r.name} @ ${r.buyers}: ${JSON.stringify(r.errorKinds)}`);
    if (!r.afterRun.consistent) log(`  ${r.name} @ ${r.buyers}: ${r.afterRun.paidInDb} orders paid in the database, ${r.afterRun.paidSeen} webhooks answered "paid"`);
  }

  log('');
  log(`Where the time goes (CPU in cores; the machine has ${cpus().length}):`);
  const cw = [22, 6, 7, 8, 9, 6, 6, 6, 8, 8, 6, 11, 8];
  const cl = (cells: Array<string | number>) => cells.map((c, i) => pad(c, cw[i], i >= 1)).join('  ');
  log(cl(['scenario', 'buyers', 'server', 'srv ELU', 'postgres', 'pg bg', 'redis', 'bench', 'bench EL', 'machine', 'other', 'CPU ms/co', 'xact/co']));
  const c = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(2));
  for (const r of rows) {
    const per = (v: number | null) => (v === null || !r.checkoutsPerS ? 'n/a' : ((v * 1000) / r.checkoutsPerS).toFixed(1));
    log(
      cl([r.name, r.buyers, c(r.cpu.server), c(r.server?.eventLoopUtilization), c(r.cpu.postgres), c(r.cpu.postgresOther), c(r.cpu.redis), c(r.cpu.bench), c(r.cpu.benchEventLoop), c(r.cpu.machineBusy), c(r.cpu.other), `${per(r.cpu.server)}+${per(r.cpu.postgres)}`, r.db.perCheckout.transactions]),
    );
  }
  if (flash) log(cl(['B flash sale', flash.buyers, c(flash.cpu.server), c(flash.server?.eventLoopUtilization), c(flash.cpu.postgres), c(flash.cpu.postgresOther), c(flash.cpu.redis), c(flash.cpu.bench), c(flash.cpu.benchEventLoop), c(flash.cpu.machineBusy), c(flash.cpu.other), '', '']));
  log('(server: the Node process; srv ELU: its event-loop utilisation, 1.00 = the thread never idles; postgres: backends of the');
  log(' benchmark database; pg bg: other PostgreSQL processes (WAL writer, checkpointer...); bench: this process, i.e. the load');
  log(' generator and the Stripe stand-in; bench EL: its event-loop utilisation; CPU ms/co: server + postgres CPU per checkout;');
  log(' other: the rest of the machine, i.e. other work on a shared box: above 0.25 the run was disturbed and its figures are low;');
  log(' xact/co: committed transactions per checkout from pg_stat_database, background jobs included)');
  log('');
  log('Pool and database while loaded:');
  for (const r of rows) {
    const s = r.server;
    const waits = Object.entries(r.waits.activeBy).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v * 100)}%`).join(', ');
    log(
      `  ${r.name} @ ${r.buyers}: ` +
        (s
          ? `pool ${s.pool.size.join('/')}: ${round1(s.pool.acquisitions / Math.max(1, r.checkouts))} checkouts of a connection per checkout, wait mean ${s.pool.waitMeanMs} ms, p99 ${s.pool.waitP99Ms} ms, ` +
            `${Math.round(s.pool.waitedOver1ms * 100)} % waited > 1 ms, up to ${s.pool.maxWaiting} waiting; ${round1(s.statements / Math.max(1, r.checkouts))} statements per checkout; `
          : '') +
        `postgres: ${r.waits.meanActive} active, ${r.waits.meanIdleInTx} idle in transaction, of ${r.waits.meanConnections} connections; active backends: ${waits || '-'}`,
    );
  }
  if (flash) {
    const s = flash.server;
    const waits = Object.entries(flash.waits.activeBy).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v * 100)}%`).join(', ');
    log(
      `  B flash sale: ` +
        (s ? `pool wait mean ${s.pool.waitMeanMs} ms, p99 ${s.pool.waitP99Ms} ms, max ${s.pool.waitMaxMs} ms, up to ${s.pool.maxWaiting} waiting; ${s.statements} statements, ${s.transactions.commits} commits, ${s.transactions.rollbacks} rollbacks; ` : '') +
        `postgres: ${flash.waits.meanActive} active, ${flash.waits.meanIdleInTx} idle in transaction; active backends: ${waits || '-'}`,
    );
  }
  for (const r of rows) {
    if (r.afterRun.outboxBacklog || r.afterRun.uncommittedPaid) {
      log(`  after ${r.name} @ ${r.buyers}: ${r.afterRun.outboxBacklog} outbox rows not yet relayed, ${r.afterRun.uncommittedPaid} paid orders' stock not yet committed; drained in ${r.afterRun.drainMs} ms`);
    }
  }
}

async function main() {
  const cleanup = new Cleanup();
  cleanup.abortOnSignals();
  // Whatever goes wrong, clean up: never leave a server, a database or Redis keys behind.
  const onCrash = (err: unknown) =>
    cleanup.abort(1, `\nunexpected failure, cleaning up: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'zt-bench-checkout-'));
  cleanup.add('remove the scratch folder', () => rmSync(work, { recursive: true, force: true }));
  try {
    log(
      `checkout benchmark${cfg.tag ? ` [${cfg.tag}]` : ''}: ${cfg.duration} s per run after ${cfg.warmup} s warm-up, buyers ${cfg.concurrency.join(', ')}` +
        `${cfg.contended ? ` and ${cfg.contendedBuyers} on one product` : ''}, ${cfg.products} products; flash sale ${cfg.flashBuyers} buyers for ${cfg.flashStock}`,
    );
    log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

    const url = await recreateDatabase(cfg);
    if (!cfg.keepDb) cleanup.add('drop the database', () => dropDatabase(cfg));
    for (const setting of cfg.dbSettings) {
      const [name, value] = setting.split('=');
      await adminQuery(cfg.adminUrl, `ALTER DATABASE ${cfg.database} SET ${name} = '${value}'`);
    }
    let t = Date.now();
    await migrateSchemas(url, MIGRATION_PLAN);
    log(`database ${cfg.database}: migrated in ${secs(Date.now() - t)}`);
    const db = new Pool({ connectionString: url, max: 4 });
    db.on('error', (err) => process.stderr.write(`bench pool: ${err.message}\n`));
    cleanup.add('close the bench pool', () => db.end());
    const monitor = new Client({ connectionString: cfg.adminUrl }); // pg_stat_* from another database: not counted in the bench's
    monitor.on('error', (err) => process.stderr.write(`monitor connection: ${err.message}\n`));
    await monitor.connect();
    cleanup.add('close the monitor connection', () => monitor.end());
    const seeded = await seed(db);
    log(`seeded: 1 approved producer, ${seeded.spread.length} products with 10,000,000 in stock, 1 for the one-product run, ${seeded.flash.length} with ${cfg.flashStock} each for the flash sales`);

    const stripe = await StripeStandIn.start();
    cleanup.add('stop the Stripe stand-in', () => stripe.close());
    log(`Stripe stand-in on ${stripe.url}; earliest pickup day now ${pickupDay()} (ORDER_CUTOFF ${ORDER_CUTOFF}, China time)`);

    let counts: StepCounts | null = null;
    if (cfg.count > 0) {
      t = Date.now();
      const counted = await countStatements(url, stripe, db, seeded, join(work, 'uploads-a'));
      cleanup.add('delete in-process Redis keys', () => deleteRedisKeys(cfg.redisUrl, counted.prefix));
      counts = counted.counts;
      const f = (s: StepCount) => `${s.statements} statements, ${s.transactions} transactions, ${s.poolCheckouts} pool checkouts`;
      log(`per checkout, counted in-process over ${counts.checkouts} checkouts (${secs(Date.now() - t)}):`);
      log(`  PUT cart line:      ${f(counts.cart)}`);
      log(`  POST /api/orders:   ${f(counts.order)}`);
      log(`  webhook:            ${f(counts.webhook)}`);
      log(`  the three requests: ${f(counts.total)}`);
      log(`  background jobs:    ${counts.backgroundJobs.statements} statements, ${counts.backgroundJobs.transactions} transactions (stock commit job); outbox relay ${counts.backgroundRelay.statements} statements, ${counts.backgroundRelay.transactions} transactions (idle polling included); ${counts.backgroundJobs.poolCheckouts} pool checkouts by both`);
      log(`  POST /api/orders sends: ${counts.sample.order.map((s) => s.slice(0, 60)).join(' | ')}`);
    }

    const serverLog = join(work, 'server.log');
    const server = await startServer(url, stripe, join(work, 'uploads-b'), serverLog);
    cleanup.add('delete server Redis keys', () => deleteRedisKeys(cfg.redisUrl, server.prefix));
    cleanup.add('stop the server', () => stopPlatform(server));
    const probeOk = cfg.probe ? Boolean(await server.ask({ probe: 'reset' }, 'reset', 5000)) : false;
    log(
      `server: pid ${server.child.pid} on port ${server.port}; LOG_LEVEL=${cfg.logLevel}, LOG_REQUESTS=${cfg.logRequests ?? 'true (default)'}` +
        `${cfg.logLevel === 'warn' || cfg.logLevel === 'error' ? ' (request lines are written at info, so none are written at this level)' : ''}, ` +
        `DB_POOL_SIZE=${cfg.dbPoolSize ?? '10 (default)'}, database over ${cfg.dbSocket ? `the Unix socket in ${cfg.dbSocket}` : 'TCP'}${cfg.dbSettings.length ? ` with ${cfg.dbSettings.join(', ')}` : ''}, NODE_ENV=production, probe ${cfg.probe ? (probeOk ? 'on' : 'NOT ANSWERING') : 'off'}` +
        `${cfg.nodeArgs.length ? `, node ${cfg.nodeArgs.join(' ')}` : ''}`,
    );

    const rows: ThroughputRow[] = [];
    const profileDir = join(tmpdir(), 'zt-bench-checkout-profiles');
    if (cfg.scenarios.includes('throughput')) {
      const runs: Array<{ name: string; buyers: number; products: string[] }> = cfg.concurrency.map((buyers) => ({ name: 'A many products', buyers, products: seeded.spread }));
      if (cfg.contended) runs.push({ name: 'A one product', buyers: cfg.contendedBuyers, products: [seeded.hot] });
      for (const run of runs) {
        const quiet = await waitForQuiet(cfg.waitQuiet);
        if (quiet.busy !== null && quiet.busy > 0.3) log(`  warning: the machine is busy with other work (${quiet.busy} cores) after waiting ${quiet.waitedS} s; figures will be low`);
        const client = new HttpClient(server.base, run.buyers);
        try {
          if (cfg.warmup > 0) {
            const warmPoint = await newPoint(db, `预热服务站 ${run.buyers}`, 10_000);
            await runBuyers(client, stripe, { buyers: run.buyers, products: run.products, pointId: warmPoint, seconds: cfg.warmup });
            await drain(db, warmPoint, 0);
          }
          const pointId = await newPoint(db, `压测服务站 ${run.name.slice(2)} ${run.buyers}`, 10_000);
          const isTarget = run.name === 'A many products' && run.buyers === TARGETS.throughput.buyers;
          const profiling = cfg.profile && isTarget && cfg.probe;
          if (profiling) {
            mkdirSync(profileDir, { recursive: true });
            await server.ask({ probe: 'profile-start', intervalUs: 500 }, 'profile-started');
          }
          await server.ask({ probe: 'reset' }, 'reset');
          const before = await dbCounters(monitor, cfg.database);
          const stopWaits = startWaitSampler(monitor, cfg.database);
          const sample = startCpuSample(server.child.pid, cfg.database);
          const result = await runBuyers(client, stripe, { buyers: run.buyers, products: run.products, pointId, seconds: cfg.duration });
          const cpu = sample();
          const serverStats = (await server.ask<{ stats: ProbeStats }>({ probe: 'stats' }, 'stats'))?.stats ?? null;
          const waits = await stopWaits();
          const after = await dbCounters(monitor, cfg.database);
          let profile: ProfileSummary | undefined;
          if (profiling) {
            const file = join(profileDir, `checkout-${new Date().toISOString().replace(/[:.]/g, '-')}-${run.buyers}.cpuprofile`);
            const written = await server.ask<{ file: string }>({ probe: 'profile-stop', file }, 'profile-written', 60_000);
            if (written) profile = summarizeProfile(file);
          }
          const afterRun = await drain(db, pointId, result.paidSeen);
          const d = counterDelta(before, after);
          const errors = [...result.errors.values()].reduce((a, b) => a + b, 0);
          const checkoutsPerS = round1(result.checkouts / result.elapsedS);
          const whole = summarize(result.whole);
          const target = isTarget ? { minCheckoutsPerS: TARGETS.throughput.minCheckoutsPerS, maxP99Ms: TARGETS.throughput.maxP99Ms } : null;
          const row: ThroughputRow = {
            name: run.name,
            buyers: run.buyers,
            products: run.products.length,
            durationS: result.elapsedS,
            checkouts: result.checkouts,
            checkoutsPerS,
            whole,
            cart: summarize(result.cart),
            order: summarize(result.order),
            webhook: summarize(result.webhook),
            errors,
            errorKinds: Object.fromEntries(result.errors),
            requestsPerS: round1(result.requests / result.elapsedS),
            cpu,
            server: serverStats,
            db: {
              ...d,
              perCheckout: {
                transactions: round1(d.xactCommit / Math.max(1, result.checkouts)),
                rollbacks: round1(d.xactRollback / Math.max(1, result.checkouts)),
                rowsWritten: round1((d.tupInserted + d.tupUpdated + d.tupDeleted) / Math.max(1, result.checkouts)),
              },
            },
            waits,
            afterRun,
            connections: client.socketCount(),
            target,
            pass: target ? checkoutsPerS >= target.minCheckoutsPerS && whole.p99 <= target.maxP99Ms && errors === 0 && afterRun.consistent : null,
            profile,
          };
          rows.push(row);
          log(
            `  ${row.name} @ ${row.buyers} buyers: ${row.checkoutsPerS} checkouts/s (${row.requestsPerS} requests/s), whole p50 ${whole.p50} p99 ${whole.p99} ms, ` +
              `order p50 ${row.order.p50} p99 ${row.order.p99} ms, errors ${errors}; server ${cpu.server ?? 'n/a'} cores, postgres ${cpu.postgres ?? 'n/a'}, bench ${cpu.bench}` +
              (cpu.other !== null && cpu.other > 0.25 ? ` (DISTURBED: other work used ${cpu.other} cores meanwhile)` : ''),
          );
          if (profile) printProfile(profile, (l) => log(`    ${l}`));
        } finally {
          client.close();
        }
      }
    }

    let flash: FlashResult | null = null;
    const flashRuns: FlashResult[] = [];
    if (cfg.scenarios.includes('flash')) {
      for (const productId of seeded.flash) {
        const run = await flashSale(server, db, productId, monitor);
        flashRuns.push(run);
        log(
          `  flash sale ${flashRuns.length}/${seeded.flash.length}: ${run.created} created, ${run.conflicts} refused, ${run.other} other; ` +
            `p50 ${run.sinceOpen.p50} p99 ${run.sinceOpen.p99} ms from the opening${run.pass ? '' : ` (failed: ${Object.entries(run.checks).filter(([, v]) => !v).map(([k]) => k).join(', ')})`}` +
            (run.cpu.other !== null && run.cpu.other > 0.25 ? ` (DISTURBED: other work used ${run.cpu.other} cores meanwhile)` : ''),
        );
      }
      // The verdict: the run with the median p99, and every run must have sold exactly the stock, cleanly.
      const byP99 = [...flashRuns].sort((a, b) => a.sinceOpen.p99 - b.sinceOpen.p99);
      const median = byP99[Math.floor((byP99.length - 1) / 2)];
      const allCorrect = flashRuns.every((r) => Object.entries(r.checks).every(([k, v]) => k === 'p99' || v));
      flash = { ...median, pass: allCorrect && median.checks.p99 };
    }

    const serverLogTail = readFileSync(serverLog, 'utf8').split('\n').filter(Boolean);
    const warnings = serverLogTail.filter((l) => /"level":"(warn|error|fatal)"/.test(l));
    printTable(rows, flash, flashRuns);
    if (warnings.length) log(`\nserver log: ${warnings.length} warn/error lines, e.g. ${warnings[0].slice(0, 300)}`);

    const targetRow = rows.find((r) => r.target);
    const report = {
      at: new Date().toISOString(),
      tag: cfg.tag,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      config: {
        ...cfg,
        adminUrl: undefined,
        logRequests: cfg.logRequests ?? 'true (default)',
        dbPoolSize: cfg.dbPoolSize ?? '10 (default)',
        orderCutoff: ORDER_CUTOFF,
        keepAlive: true,
        stripe: 'StripeStandIn in the bench process',
      },
      statementsPerCheckout: counts,
      throughput: rows,
      flash,
      flashRuns,
      serverLogLines: serverLogTail.length,
      serverWarnings: warnings.slice(0, 20),
      targets: TARGETS,
      pass: Boolean(targetRow?.pass) && Boolean(flash?.pass),
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `checkout-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`\nfigures written to ${file}`);
    const measuredAll = Boolean(targetRow) && Boolean(flash);
    log(`overall: ${report.pass ? 'PASS' : measuredAll ? 'FAIL' : 'INCOMPLETE (not every target was measured)'} (${report.totalSeconds} s)`);
    if (cfg.keepDb) log(`database ${cfg.database} kept (BENCH_KEEP_DB=1)`);
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
