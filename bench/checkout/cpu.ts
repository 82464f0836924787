import { machineTicks, procTicks, scanProcs, TICK, tickDelta as delta } from '../proc-ticks';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/**
 * Where the CPU goes during a run, read from /proc (Linux; elsewhere null): the server process, the
 * PostgreSQL backends of the benchmark's database, the other PostgreSQL processes (WAL writer,
 * checkpointer, autovacuum...), Redis, this process (load generator + Stripe stand-in) and the machine.
 */
export interface CpuSplit {
  /** CPU time over wall time, in cores (1.0 = one core busy all the time). */
  server: number | null;
  /** Backends serving the benchmark database. */
  postgres: number | null;
  /** Other PostgreSQL processes: WAL writer, checkpointer, autovacuum, backends of other databases. */
  postgresOther: number | null;
  redis: number | null;
  /** This process: the load generator and the Stripe stand-in. */
  bench: number;
  /** Share of wall time this process's event loop was busy (1.0 = saturated: the load generator would be the limit). */
  benchEventLoop: number;
  machineBusy: number | null;
  /** The rest of the machine: other people's work on a shared box (and kernel time not charged to a process). */
  other: number | null;
  cores: number;
}

export function startCpuSample(serverPid: number | undefined, database: string) {
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const server0 = serverPid ? procTicks(serverPid) : null;
  const p0 = scanProcs(database);
  const m0 = machineTicks();
  return (): CpuSplit => {
    const wall = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const elu = performance.eventLoopUtilization(elu0);
    const server1 = serverPid ? procTicks(serverPid) : null;
    const p1 = scanProcs(database);
    const m1 = machineTicks();
    const cores = cpus().length;
    const r = (v: number) => Math.round(v * 100) / 100;
    const server = server0 !== null && server1 !== null ? (server1 - server0) / TICK / wall : null;
    const postgres = p1.benchDb.size ? delta(p0.benchDb, p1.benchDb) / TICK / wall : null;
    const postgresOther = p1.otherPg.size ? delta(p0.otherPg, p1.otherPg) / TICK / wall : null;
    const redis = p1.redis.size ? delta(p0.redis, p1.redis) / TICK / wall : null;
    const bench = (self.user + self.system) / 1e6 / wall;
    const machineBusy = m0 && m1 ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * cores : null;
    const known = (server ?? 0) + (postgres ?? 0) + (postgresOther ?? 0) + (redis ?? 0) + bench;
    return {
      server: server === null ? null : r(server),
      postgres: postgres === null ? null : r(postgres),
      postgresOther: postgresOther === null ? null : r(postgresOther),
      redis: redis === null ? null : r(redis),
      bench: r(bench),
      benchEventLoop: r(elu.utilization),
      machineBusy: machineBusy === null ? null : r(machineBusy),
      other: machineBusy === null ? null : r(Math.max(0, machineBusy - known)),
      cores,
    };
  };
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL's side: transactions and rows from pg_stat_database, and what the backends wait on.

export interface DbCounters {
  xactCommit: number;
  xactRollback: number;
  tupInserted: number;
  tupUpdated: number;
  tupDeleted: number;
  tupFetched: number;
  blksHit: number;
  blksRead: number;
  deadlocks: number;
}

export async function dbCounters(db: Client, database: string): Promise<DbCounters> {
  // pg_stat_database is refreshed by backends at the end of transactions (and at most every 500 ms idle):
  // clear this backend's snapshot so consecutive reads see fresh numbers.
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query(
    `SELECT xact_commit::bigint AS "xactCommit", xact_rollback::bigint AS "xactRollback", tup_inserted::bigint AS "tupInserted",
            tup_updated::bigint AS "tupUpdated", tup_deleted::bigint AS "tupDeleted", tup_fetched::bigint AS "tupFetched",
            blks_hit::bigint AS "blksHit", blks_read::bigint AS "blksRead", deadlocks::bigint AS deadlocks
       FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  const row = rows[0] as Record<string, string>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as DbCounters;
}

export function counterDelta(a: DbCounters, b: DbCounters): DbCounters {
  return Object.fromEntries(Object.keys(a).map((k) => [k, b[k as keyof DbCounters] - a[k as keyof DbCounters]])) as unknown as DbCounters;
}

export interface WaitSample {
  samples: number;
  /** Mean number of backends of the database that were running a statement (state 'active'). */
  meanActive: number;
  /** Mean number of backends idle inside an open transaction (the app holds the transaction between statements). */
  meanIdleInTx: number;
  /** Mean connections open to the database. */
  meanConnections: number;
  /** What the active backends were doing: 'CPU' (no wait event) or wait_event_type:wait_event, as shares. */
  activeBy: Record<string, number>;
}

/** Samples pg_stat_activity every `everyMs` until stopped. */
export function startWaitSampler(db: Client, database: string, everyMs = 50) {
  let stopped = false;
  let samples = 0;
  let active = 0;
  let idleInTx = 0;
  let conns = 0;
  const by = new Map<string, number>();
  const loop = (async () => {
    while (!stopped) {
      try {
        const { rows } = await db.query(
          `SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [database],
        );
        samples++;
        conns += rows.length;
        for (const r of rows as Array<{ state: string | null; wait_event_type: string | null; wait_event: string | null }>) {
          if (r.state === 'idle in transaction') idleInTx++;
          if (r.state !== 'active') continue;
          active++;
          const key = r.wait_event_type ? `${r.wait_event_type}:${r.wait_event}` : 'CPU';
          by.set(key, (by.get(key) ?? 0) + 1);
        }
      } catch {
        /* the database is going away */
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async (): Promise<WaitSample> => {
    stopped = true;
    await loop;
    const r = (v: number) => Math.round(v * 100) / 100;
    const activeBy = Object.fromEntries([...by].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, r(v / Math.max(1, active))]));
    return { samples, meanActive: r(active / Math.max(1, samples)), meanIdleInTx: r(idleInTx / Math.max(1, samples)), meanConnections: r(conns / Math.max(1, samples)), activeBy };
  };
}
