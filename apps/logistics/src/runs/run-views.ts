import { EntityManager } from 'typeorm';
import { County, countyZh } from '@app/contracts';
import { queryRows } from '@app/database';
import type { RunStatus } from './run-status';

export interface RunRow {
  id: string;
  day: string;
  county: County;
  status: RunStatus;
  created_at: Date;
  planned_at: Date;
  collecting_at: Date | null;
  at_hub_at: Date | null;
  delivering_at: Date | null;
  done_at: Date | null;
}

export const RUN_COLUMNS = `id, day::text AS day, county, status, created_at, planned_at, collecting_at, at_hub_at, delivering_at, done_at`;

/** A day's runs, in list order. */
export function runsOfDay(db: EntityManager, day: string): Promise<RunRow[]> {
  return queryRows<RunRow>(db, `SELECT ${RUN_COLUMNS} FROM logistics.runs WHERE day = $1::date ORDER BY county, created_at`, [day]);
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function runHead(r: RunRow) {
  return {
    id: r.id,
    day: r.day,
    county: r.county,
    countyName: countyZh(r.county),
    status: r.status,
    atHub: r.at_hub_at !== null,
    plannedAt: iso(r.planned_at),
    collectingAt: iso(r.collecting_at),
    atHubAt: iso(r.at_hub_at),
    deliveringAt: iso(r.delivering_at),
    doneAt: iso(r.done_at),
  };
}

/** Runs with their stop and parcel counts, for lists. */
export async function runSummaries(db: EntityManager, runs: RunRow[]) {
  if (!runs.length) return [];
  const counts: Array<{ run_id: string; status: string; n: number }> = await db.query(
    `SELECT run_id, status, count(*)::int AS n FROM logistics.parcels WHERE run_id = ANY($1::uuid[]) GROUP BY run_id, status`,
    [runs.map((r) => r.id)],
  );
  const stops: Array<{ run_id: string; n: number }> = await db.query(
    `SELECT run_id, count(*)::int AS n FROM logistics.shipments WHERE run_id = ANY($1::uuid[]) GROUP BY run_id`,
    [runs.map((r) => r.id)],
  );
  return runs.map((r) => {
    const byStatus = Object.fromEntries(counts.filter((c) => c.run_id === r.id).map((c) => [c.status, c.n]));
    return {
      ...runHead(r),
      stopCount: stops.find((s) => s.run_id === r.id)?.n ?? 0,
      parcelCount: Object.entries(byStatus).reduce((s, [status, n]) => (status === 'voided' ? s : s + n), 0),
      parcelsByStatus: byStatus,
    };
  });
}

/** One run with its stops in order, each stop's shipment and parcels. */
export async function runDetail(db: EntityManager, run: RunRow) {
  const [summary] = await runSummaries(db, [run]);
  const shipments: Array<{ id: string; pickup_point_id: string; point_name: string; stop_seq: number; leg_km: string; status: string; dispatched_at: Date | null; done_at: Date | null }> =
    await db.query(
      `SELECT id, pickup_point_id, point_name, stop_seq, leg_km, status, dispatched_at, done_at FROM logistics.shipments WHERE run_id = $1 ORDER BY stop_seq`,
      [run.id],
    );
  const parcels: Array<{ id: string; code: string; status: string; order_id: string; producer_name: string; shipment_id: string | null; goods_fen: number }> = await db.query(
    `SELECT id, code, status, order_id, producer_name, shipment_id, goods_fen FROM logistics.parcels WHERE run_id = $1 ORDER BY code`,
    [run.id],
  );
  return {
    ...summary,
    stops: shipments.map((s) => {
      const mine = parcels.filter((p) => p.shipment_id === s.id);
      return {
        seq: s.stop_seq,
        shipmentId: s.id,
        pickupPointId: s.pickup_point_id,
        pointName: s.point_name,
        legKm: Number(s.leg_km),
        status: s.status,
        dispatchedAt: iso(s.dispatched_at),
        doneAt: iso(s.done_at),
        parcelCount: mine.filter((p) => p.status !== 'voided').length,
        parcels: mine.map((p) => ({ id: p.id, code: p.code, status: p.status, orderId: p.order_id, producerName: p.producer_name, goodsFen: p.goods_fen })),
      };
    }),
  };
}
