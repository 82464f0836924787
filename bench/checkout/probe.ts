/**
 * Preloaded into the benchmarked server (`node --require dist/bench/checkout/probe.js ...`) when the
 * benchmark starts it with an IPC channel. It changes nothing in the app; it measures, and answers the
 * benchmark's messages:
 *
 * - the pg pool: how often a connection is taken (Pool.connect) and how long callers wait for one;
 * - statements and transactions sent by the process (pg Client.query), all sources together;
 * - event-loop utilisation (1.0 = the Node thread never idles: the server's CPU is the limit);
 * - a CPU profile of a chosen window, through node:inspector (`--cpu-prof` profiles the whole life of the
 *   process: start-up, warm-ups and every run together).
 *
 * Whatever the settings, it stops the server when the benchmark goes away (the IPC channel closes), so a
 * benchmark that dies never leaves a server behind working on the next run's database.
 * ZT_BENCH_PROBE_MEASURE=0 (BENCH_PROBE=0) keeps only that.
 *
 * Messages: {probe:'reset'} → {probe:'reset'}; {probe:'stats'} → {probe:'stats', stats};
 * {probe:'profile-start', intervalUs} → {probe:'profile-started'}; {probe:'profile-stop', file} → {probe:'profile-written', file}.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pg = require('pg');

interface Counters {
  acquisitions: number;
  waits: number[];
  maxWaiting: number;
  statements: number;
  begins: number;
  commits: number;
  rollbacks: number;
}

const fresh = (): Counters => ({ acquisitions: 0, waits: [], maxWaiting: 0, statements: 0, begins: 0, commits: 0, rollbacks: 0 });
let c = fresh();
let elu = performance.eventLoopUtilization();
let since = performance.now();
const pools = new Set<pg.Pool>();
const MAX_WAIT_SAMPLES = 200_000;

type Callback = (err: Error | undefined, client: unknown, release: unknown) => void;
const measure = process.env.ZT_BENCH_PROBE_MEASURE !== '0';
const poolProto = pg.Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown };
const originalConnect = poolProto.connect;
if (measure) poolProto.connect = function (this: pg.Pool, ...args: unknown[]) {
  pools.add(this);
  const start = performance.now();
  const waiting = (this as unknown as { waitingCount: number }).waitingCount + 1;
  if (waiting > c.maxWaiting) c.maxWaiting = waiting;
  const done = () => {
    c.acquisitions++;
    if (c.waits.length < MAX_WAIT_SAMPLES) c.waits.push(performance.now() - start);
  };
  const cb = args[args.length - 1];
  if (typeof cb === 'function') {
    args[args.length - 1] = ((err: Error | undefined, client: unknown, release: unknown) => {
      done();
      (cb as Callback)(err, client, release);
    }) as Callback;
    return originalConnect.apply(this, args);
  }
  const p = originalConnect.apply(this, args) as Promise<unknown>;
  return p.then((client) => {
    done();
    return client;
  });
};

const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const originalQuery = clientProto.query;
if (measure) clientProto.query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '');
  c.statements++;
  const head = text.slice(0, 20).trimStart().toUpperCase();
  if (head.startsWith('START TRANSACTION') || head.startsWith('BEGIN')) c.begins++;
  else if (head.startsWith('COMMIT')) c.commits++;
  else if (head.startsWith('ROLLBACK')) c.rollbacks++;
  return originalQuery.apply(this, args);
};

function pct(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats() {
  const waits = [...c.waits].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  const total = waits.reduce((a, b) => a + b, 0);
  return {
    windowS: r((performance.now() - since) / 1000),
    eventLoopUtilization: r(performance.eventLoopUtilization(elu).utilization),
    pool: {
      size: [...pools].map((p) => (p as unknown as { options: { max: number } }).options.max),
      acquisitions: c.acquisitions,
      waitMeanMs: r(total / Math.max(1, waits.length)),
      waitP50Ms: r(pct(waits, 50)),
      waitP99Ms: r(pct(waits, 99)),
      waitMaxMs: r(waits[waits.length - 1] ?? 0),
      /** Share of acquisitions that waited more than 1 ms for a free connection. */
      waitedOver1ms: r(waits.filter((w) => w > 1).length / Math.max(1, waits.length)),
      maxWaiting: c.maxWaiting,
    },
    statements: c.statements,
    transactions: { begins: c.begins, commits: c.commits, rollbacks: c.rollbacks },
  };
}

let session: Session | null = null;
const post = <T = unknown>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));

if (process.send) {
  // The benchmark is gone (finished, crashed or killed): stop as Nest stops on SIGTERM.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.on('message', (msg: { probe?: string; file?: string; intervalUs?: number }) => {
    if (!msg || typeof msg !== 'object' || !msg.probe) return;
    const reply = (m: object) => process.send?.({ ...m });
    void (async () => {
      try {
        if (!measure) return reply({ probe: 'error', message: 'the probe does not measure (BENCH_PROBE=0)' });
        switch (msg.probe) {
          case 'reset':
            c = fresh();
            elu = performance.eventLoopUtilization();
            since = performance.now();
            return reply({ probe: 'reset' });
          case 'stats':
            return reply({ probe: 'stats', stats: stats() });
          case 'profile-start':
            session = new Session();
            session.connect();
            await post('Profiler.enable');
            await post('Profiler.setSamplingInterval', { interval: msg.intervalUs ?? 500 });
            await post('Profiler.start');
            return reply({ probe: 'profile-started' });
          case 'profile-stop': {
            const { profile } = await post<{ profile: unknown }>('Profiler.stop');
            writeFileSync(msg.file!, JSON.stringify(profile));
            session?.disconnect();
            session = null;
            return reply({ probe: 'profile-written', file: msg.file });
          }
        }
      } catch (err) {
        reply({ probe: 'error', message: (err as Error).message });
      }
    })();
  });
  // The IPC channel must not keep the server alive at shutdown, nor take part in its lifetime.
  (process.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
}
