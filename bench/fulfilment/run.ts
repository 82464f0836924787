import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadEnv } from '@app/config';
import { migrateSchemas } from '@app/database';
import { earliestPickupDay } from '@app/contracts';
import { deleteRedisKeys } from '../../libs/testing/src/redis-keys';
import { StripeStandIn, TEST_STRIPE_SECRET, TEST_WEBHOOK_SECRET } from '../../libs/testing/src/stripe-stand-in';
import { MIGRATION_PLAN } from '../../migrations';
import { HttpClient } from '../checkout/http';
import { procTicks, TICK } from '../proc-ticks';
import { Cleanup } from '../shared/cleanup';
import { dropDatabase, recreateDatabase } from '../shared/database';
import { PlatformProcess, ROOT, startPlatform, stopPlatform } from '../shared/server';
import { num, storeSettings } from '../shared/settings';
import { drive, DriveOptions } from './drive';
import { flowRates, FlowRates, LagRow, outboxLag } from './measure';
import { seedWorld } from './seed';

/**
 * `npm run bench:fulfilment`: how fast paid and confirmed orders become ready for pickup.
 *  1. its own database (zt_bench_fulfilment, dropped and made again), migrated; producers (one product each),
 *     pickup points over four counties with a staff account each, written with SQL; accounts are JWTs only;
 *  2. the platform from dist/ as a child process (PROCESS_ROLE=all, or api + BENCH_WORKERS worker-only
 *     processes), the Stripe stand-in in this process;
 *  3. buyers place BENCH_ORDERS orders (pay at pickup, online with a signed webhook, or both); then (or
 *     meanwhile, BENCH_MODE=pipeline) farmers pack every task as it appears, the admin plans and drives the runs every
 *     BENCH_RUN_EVERY_MS, staff check in each shipment that arrives, until every order is ready_for_pickup;
 *  4. from the database: orders/s first paid-or-confirmed → last ready (and the middle 80% of the ready
 *     times), latency per order, when each step happened, and the outbox → handler lag per event type
 *     (inbox.processed_at − outbox.deliver_at on message_id = '<schema>-<outbox id>').
 * Settings: BENCH_MODE (backlog: orders first, then fulfilment | pipeline: everyone at once), BENCH_ORDERS (2000), BENCH_PRODUCERS (8), BENCH_POINTS (8), BENCH_PAYMENT (mixed | pay_at_pickup |
 * online), BENCH_BUYERS (32 at once), BENCH_PACKERS (4 per farmer), BENCH_RUN_EVERY_MS (1000), BENCH_WORKERS (0),
 * BENCH_TIMEOUT (s, 600), BENCH_LOG_LEVEL (warn), BENCH_KEEP_DB=1, BENCH_DB, BENCH_ADMIN_URL, REDIS_URL.
 */
const TARGET = { ordersPerS: 50, lagP99Ms: 1000 };
const cfg = {
  orders: num(process.env.BENCH_ORDERS, 2000),
  producers: num(process.env.BENCH_PRODUCERS, 8),
  points: num(process.env.BENCH_POINTS, 8),
  payment: (process.env.BENCH_PAYMENT ?? 'mixed') as DriveOptions['payment'],
  mode: (process.env.BENCH_MODE === 'pipeline' ? 'pipeline' : 'backlog') as DriveOptions['mode'],
  buyers: num(process.env.BENCH_BUYERS, 32),
  packers: num(process.env.BENCH_PACKERS, 4),
  runEveryMs: num(process.env.BENCH_RUN_EVERY_MS, 1000),
  workers: num(process.env.BENCH_WORKERS, 0),
  timeoutS: num(process.env.BENCH_TIMEOUT, 600),
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  ...storeSettings('zt_bench_fulfilment'),
};
const JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;
const PREFIX = `{ztbench_ful_${randomBytes(4).toString('hex')}}`;
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

interface Server extends PlatformProcess {
  name: string;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  const ticks = pid === undefined ? null : procTicks(pid);
  return ticks === null ? NaN : ticks / TICK;
}

async function startServer(name: string, role: 'all' | 'api' | 'worker', url: string, stripe: StripeStandIn, uploads: string, logDir: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    PROCESS_ROLE: role,
    DATABASE_URL: url,
    REDIS_URL: cfg.redisUrl,
    JWT_SECRET,
    QUEUE_PREFIX: PREFIX,
    LOG_LEVEL: cfg.logLevel,
    LOG_REQUESTS: 'false',
    UPLOAD_DIR: uploads,
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_URL: stripe.url,
    // Server settings worth trying here pass through from the bench's own environment.
    ...Object.fromEntries(['QUEUE_CONCURRENCY', 'DB_POOL_SIZE'].filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
  };
  return { name, ...(await startPlatform({ env, logFile: join(logDir, `${name}.log`), name })) };
}

const pad = (v: string | number, n: number, right = false) => (right ? String(v).padEnd(n) : String(v).padStart(n));
const ms = (v: number) => (Number.isFinite(v) ? Math.round(v) : '-');

function printReport(rates: FlowRates, lag: LagRow[], extra: { loadBefore: string; loadAfter: string; serverCpuS: number; wallS: number; counts: Map<string, number> }) {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const all = lag.find((l) => l.type === 'all');
  log('');
  log(`fulfilment (${cfg.mode}): ${rates.orders} orders (${cfg.payment}), ${cfg.producers} producers, ${cfg.points} points, ${cfg.workers ? `api + ${cfg.workers} worker process(es)` : 'one all-in-one process'}`);
  log(`load average before ${extra.loadBefore}, after ${extra.loadAfter}; server CPU ${extra.serverCpuS.toFixed(1)} s over ${extra.wallS.toFixed(1)} s`);
  log('');
  log('| measure                                            | value        | target   |');
  log('|----------------------------------------------------|--------------|----------|');
  log(`| orders/s, first paid/confirmed → last ready         | ${pad(rates.overallPerS, 12)} |          |`);
  log(`| orders/s sustained (middle 80% of ready times)      | ${pad(rates.steadyPerS, 12)} | ≥ ${TARGET.ordersPerS} ${verdict(rates.steadyPerS >= TARGET.ordersPerS)} |`);
  log(`| orders/s coming in (paid/confirmed, first → last)   | ${pad(rates.intakePerS, 12)} |          |`);
  if (rates.fromReleasePerS !== null) log(`| orders/s, packing starts → last ready (backlog)     | ${pad(rates.fromReleasePerS, 12)} |          |`);
  log(`| span first paid/confirmed → last ready (s)          | ${pad(rates.spanS, 12)} |          |`);
  log(`| per order paid/confirmed → ready p50/p95/p99 (s)    | ${pad(`${rates.latencyS.p50}/${rates.latencyS.p95}/${rates.latencyS.p99}`, 12)} |          |`);
  log(`| outbox → handler lag p99, all events (ms)           | ${pad(ms(all?.p99 ?? NaN), 12)} | ≤ ${TARGET.lagP99Ms} ${verdict((all?.p99 ?? Infinity) <= TARGET.lagP99Ms)} |`);
  log('');
  log('| step              | first (s) | last (s) |');
  log('|-------------------|-----------|----------|');
  for (const s of rates.stages) log(`| ${pad(s.stage, 17, true)} | ${pad(s.first.toFixed(2), 9)} | ${pad(s.last.toFixed(2), 8)} |`);
  log('');
  log('| event (outbox → inbox)          |      n |  p50 ms |  p95 ms |  p99 ms |  max ms |');
  log('|---------------------------------|--------|---------|---------|---------|---------|');
  for (const l of lag) log(`| ${pad(l.type, 31, true)} | ${pad(l.n, 6)} | ${pad(ms(l.p50), 7)} | ${pad(ms(l.p95), 7)} | ${pad(ms(l.p99), 7)} | ${pad(ms(l.max), 7)} |`);
  log('');
  log(`requests: ${[...extra.counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

async function main() {
  const started = Date.now();
  const day = earliestPickupDay(new Date(), loadEnv({ JWT_SECRET }).ORDER_CUTOFF);
  const uploads = mkdtempSync(join(tmpdir(), 'zt-bench-ful-'));
  const logDir = join(ROOT, 'bench', 'results', `fulfilment-logs-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const cleanup = new Cleanup();
  cleanup.abortOnSignals();
  cleanup.add('remove the uploads folder', () => rmSync(uploads, { recursive: true, force: true }));
  cleanup.add('delete Redis keys', () => deleteRedisKeys(cfg.redisUrl, PREFIX));
  try {
    log(`bench:fulfilment — load average ${load()}; database ${cfg.database}, pickup day ${day}, Redis prefix ${PREFIX}`);
    const url = await recreateDatabase(cfg);
    if (!cfg.keepDb) cleanup.add('drop the database', () => dropDatabase(cfg));
    await migrateSchemas(url, MIGRATION_PLAN);
    const db = new Pool({ connectionString: url, max: 3 });
    cleanup.add('close the bench pool', () => db.end());
    const world = await seedWorld(db, JWT_SECRET, cfg);
    const stripe = await StripeStandIn.start();
    cleanup.add('stop the Stripe stand-in', () => stripe.close());
    const roles: Array<['all' | 'api' | 'worker', string]> = cfg.workers
      ? [['api', 'api'], ...Array.from({ length: cfg.workers }, (_, i) => ['worker', `worker-${i + 1}`] as ['worker', string])]
      : [['all', 'platform']];
    const servers: Server[] = [];
    for (const [role, name] of roles) {
      const server = await startServer(name, role, url, stripe, uploads, logDir);
      servers.push(server);
      cleanup.add(`stop ${name}`, () => stopPlatform(server, 20_000));
    }
    log(`servers ready (${servers.map((s) => `${s.name} pid ${s.child.pid}`).join(', ')}); logs in ${logDir}`);

    const http = new HttpClient(servers[0].base, cfg.buyers + cfg.producers * cfg.packers + cfg.points + 8);
    const loadBefore = load();
    const cpuBefore = servers.reduce((s, x) => s + cpuSeconds(x.child.pid), 0);
    const t0 = Date.now();
    let lastReport = 0;
    const done = async () => {
      const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM ordering.orders GROUP BY status`);
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(by)}`);
      }
      if (Date.now() - t0 > cfg.timeoutS * 1000) throw new Error(`not every order was ready after ${cfg.timeoutS} s: ${JSON.stringify(by)}`);
      return by.ready_for_pickup === cfg.orders;
    };
    const run = await drive(http, stripe, world.farmers, world.points, world.adminToken, { orders: cfg.orders, payment: cfg.payment, buyers: cfg.buyers, packersPerFarmer: cfg.packers, runEveryMs: cfg.runEveryMs, day, secret: JWT_SECRET, mode: cfg.mode }, done);
    try {
      await run.all;
    } finally {
      run.stop();
      http.close();
    }
    const wallS = (Date.now() - t0) / 1000;
    const serverCpuS = servers.reduce((s, x) => s + cpuSeconds(x.child.pid), 0) - cpuBefore;
    const loadAfter = load();
    if (run.tally.errors.size) log(`errors: ${JSON.stringify([...run.tally.errors])}`);
    const rates = await flowRates(db, cfg.mode === 'backlog' ? run.releasedAt() / 1000 : null);
    const lag = await outboxLag(db);
    printReport(rates, lag, { loadBefore, loadAfter, serverCpuS, wallS, counts: run.tally.counts });
    const out = join(ROOT, 'bench', 'results', `fulfilment-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, JSON.stringify({ cfg, loadBefore, loadAfter, serverCpuS, wallS, rates, lag, errors: [...run.tally.errors] }, null, 2));
    log(`\nresults: ${out}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench:fulfilment failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
