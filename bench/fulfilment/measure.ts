import { Pool } from 'pg';
import { percentile as pct } from '../shared/stats';

/** Which inbox records which outbox's messages: message_id = '<outbox schema>-<outbox id>'. */
const PAIRS: Array<[inbox: string, outbox: string]> = [
  ['logistics', 'ordering'],
  ['logistics', 'pickup'],
  ['ordering', 'logistics'],
  ['ordering', 'pickup'],
  ['pickup', 'logistics'],
];

export interface LagRow {
  type: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Outbox → handled, per message: inbox.processed_at − outbox.deliver_at. Both are the now() of their
 * transactions (the event's and the handler's), so this is relay + queue + worker wait + handler start.
 */
export async function outboxLag(db: Pool): Promise<LagRow[]> {
  const union = PAIRS.map(
    ([inbox, outbox]) =>
      `SELECT o.type, extract(epoch FROM i.processed_at - o.deliver_at) * 1000 AS ms
         FROM "${inbox}".inbox i JOIN "${outbox}".outbox o ON i.message_id = '${outbox}-' || o.id`,
  ).join(' UNION ALL ');
  const { rows } = await db.query(
    `WITH lag AS (${union})
     SELECT coalesce(type, 'all') AS type, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
       FROM lag GROUP BY ROLLUP (type) ORDER BY type = 'all', type`,
  );
  return rows.map((r) => ({ type: r.type, n: r.n, p50: Number(r.p50), p95: Number(r.p95), p99: Number(r.p99), max: Number(r.max) }));
}

export interface FlowRates {
  orders: number;
  /** First paid/confirmed → last ready_for_pickup. */
  spanS: number;
  overallPerS: number;
  /** Ready orders per second between the 10th and the 90th percentile of the ready times. */
  steadyPerS: number;
  /** How fast the orders came in (first → last paid/confirmed): fulfilment cannot run ahead of it. */
  intakePerS: number;
  /** Backlog mode: orders/s from the moment farmers, admin and staff started to the last ready order. */
  fromReleasePerS: number | null;
  latencyS: { p50: number; p95: number; p99: number; max: number };
  stages: Array<{ stage: string; first: number; last: number }>;
}

export async function flowRates(db: Pool, releasedAt: number | null): Promise<FlowRates> {
  const { rows } = await db.query(
    `SELECT order_id,
            extract(epoch FROM min(at) FILTER (WHERE to_status IN ('paid', 'confirmed'))) AS start,
            extract(epoch FROM min(at) FILTER (WHERE to_status = 'ready_for_pickup')) AS ready
       FROM ordering.order_events GROUP BY order_id`,
  );
  const done = rows.filter((r) => r.start !== null && r.ready !== null).map((r) => ({ start: Number(r.start), ready: Number(r.ready) }));
  const starts = done.map((r) => r.start).sort((a, b) => a - b);
  const readies = done.map((r) => r.ready).sort((a, b) => a - b);
  const latencies = done.map((r) => r.ready - r.start).sort((a, b) => a - b);
  const n = done.length;
  const spanS = readies[n - 1] - starts[0];
  const lo = Math.floor(0.1 * n);
  const hi = Math.ceil(0.9 * n) - 1;
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  // Where the time went: the first and last moment of each step, relative to the first paid/confirmed order.
  const stage = async (name: string, sql: string) => {
    const [s] = (await db.query(sql)).rows;
    return { stage: name, first: r3(Number(s.first) - starts[0]), last: r3(Number(s.last) - starts[0]) };
  };
  const span = (col: string, table: string, where = 'true') =>
    `SELECT extract(epoch FROM min(${col})) AS first, extract(epoch FROM max(${col})) AS last FROM ${table} WHERE ${where}`;
  const stages = [
    await stage('paid/confirmed', `SELECT ${starts[0]} AS first, ${starts[n - 1]} AS last`),
    ...(releasedAt ? [await stage('actors started', `SELECT ${releasedAt} AS first, ${releasedAt} AS last`)] : []),
    await stage('pack task made', span('created_at', 'logistics.pack_tasks')),
    await stage('packed', span('packed_at', 'logistics.pack_tasks')),
    await stage('dispatched', span('dispatched_at', 'logistics.parcels')),
    await stage('expected at point', span('created_at', 'pickup.parcels')),
    await stage('received', span('received_at', 'pickup.parcels')),
    await stage('ready_for_pickup', `SELECT ${readies[0]} AS first, ${readies[n - 1]} AS last`),
  ];
  return {
    orders: n,
    spanS: r3(spanS),
    overallPerS: Math.round((n / spanS) * 10) / 10,
    steadyPerS: Math.round(((hi - lo) / (readies[hi] - readies[lo])) * 10) / 10,
    intakePerS: Math.round((n / (starts[n - 1] - starts[0])) * 10) / 10,
    fromReleasePerS: releasedAt ? Math.round((n / (readies[n - 1] - releasedAt)) * 10) / 10 : null,
    latencyS: { p50: r3(pct(latencies, 50)), p95: r3(pct(latencies, 95)), p99: r3(pct(latencies, 99)), max: r3(latencies[n - 1]) },
    stages,
  };
}
