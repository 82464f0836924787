import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { COUNTY_SEATS, County, PICKUP_CLIENT, PickupClient, PickupPointPlace } from '@app/contracts';
import { queryRows, UnitOfWork } from '@app/database';
import { orderStops } from './stops';
import { RUN_COLUMNS, RunRow, runsOfDay, runSummaries } from './run-views';

export interface PlanResult {
  day: string;
  /** Parcels put into a run by this planning. */
  added: number;
  /** Parcels whose pickup point the pickup-point service does not know: left unplanned. */
  unplaceable: string[];
  runs: Awaited<ReturnType<typeof runSummaries>>;
}

/**
 * Groups a pickup day's packed parcels into collection runs, one planned run per county of the destination
 * point, stops nearest-first from the county seat. Planning again adds late parcels to the still-planned
 * run, drops voided ones and re-orders the stops; it never makes a second planned run for a county and day
 * (a partial unique index says so) and planners of one day take turns (an advisory lock).
 */
@Injectable()
export class PlanningService {
  private readonly logger = new Logger('CollectionPlanning');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(PICKUP_CLIENT) private readonly pickup: PickupClient,
  ) {}

  async plan(day: string, county?: County): Promise<PlanResult> {
    // The points' places come from the pickup-point service, asked before the transaction opens.
    const pointIds = await this.uow.dataSource.query(
      `SELECT DISTINCT pickup_point_id AS id FROM logistics.parcels
        WHERE pickup_day = $1::date AND status = 'packed'
          AND (run_id IS NULL OR run_id IN (SELECT id FROM logistics.runs WHERE day = $1::date AND status = 'planned'))`,
      [day],
    );
    const places = new Map((await this.pickup.places(pointIds.map((r: { id: string }) => r.id))).map((p) => [p.id, p]));
    const result = await this.uow.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('logistics.plan'), hashtext($1))`, [day]);
      const planned = await this.plannedRuns(tx, day, county);
      if (planned.length) {
        await tx.query(
          `UPDATE logistics.parcels SET run_id = NULL, shipment_id = NULL, updated_at = now() WHERE run_id = ANY($1::uuid[]) AND status = 'voided'`,
          [planned.map((r) => r.id)],
        );
      }
      const waiting = await queryRows<{ id: string; pickup_point_id: string }>(
        tx,
        `SELECT id, pickup_point_id FROM logistics.parcels WHERE pickup_day = $1::date AND status = 'packed' AND run_id IS NULL ORDER BY id FOR UPDATE`,
        [day],
      );
      const unplaceable: string[] = [];
      const byCounty = new Map<County, string[]>();
      for (const p of waiting) {
        const place = places.get(p.pickup_point_id);
        if (!place || !(place.county in COUNTY_SEATS)) {
          unplaceable.push(p.id);
          continue;
        }
        if (county && place.county !== county) continue;
        byCounty.set(place.county as County, [...(byCounty.get(place.county as County) ?? []), p.id]);
      }
      let added = 0;
      for (const [c, parcelIds] of byCounty) {
        const runId = await this.plannedRunFor(tx, day, c);
        const moved = await queryRows(
          tx,
          `UPDATE logistics.parcels SET run_id = $2, updated_at = now() WHERE id = ANY($1::uuid[]) AND run_id IS NULL AND status = 'packed' RETURNING id`,
          [parcelIds, runId],
        );
        added += moved.length;
      }
      for (const run of await this.plannedRuns(tx, day, county)) await this.arrangeStops(tx, run, places);
      return { added, unplaceable };
    });
    if (result.unplaceable.length) this.logger.warn({ msg: 'parcels for unknown pickup points left unplanned', day, parcels: result.unplaceable });
    const db = this.uow.dataSource.manager;
    return { day, ...result, runs: await runSummaries(db, await runsOfDay(db, day)) };
  }

  private plannedRuns(tx: EntityManager, day: string, county?: County): Promise<RunRow[]> {
    return queryRows<RunRow>(
      tx,
      `SELECT ${RUN_COLUMNS} FROM logistics.runs WHERE day = $1::date AND status = 'planned' ${county ? 'AND county = $2' : ''} ORDER BY county FOR UPDATE`,
      county ? [day, county] : [day],
    );
  }

  private async plannedRunFor(tx: EntityManager, day: string, county: County): Promise<string> {
    const made = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO logistics.runs (day, county) VALUES ($1::date, $2) ON CONFLICT (day, county) WHERE status = 'planned' DO NOTHING RETURNING id`,
      [day, county],
    );
    if (made[0]) return made[0].id;
    const [found] = await queryRows<{ id: string }>(tx, `SELECT id FROM logistics.runs WHERE day = $1::date AND county = $2 AND status = 'planned' FOR UPDATE`, [day, county]);
    return found.id;
  }

  /** One shipment per point the run's parcels go to, stops in route order; an emptied run is deleted. */
  private async arrangeStops(tx: EntityManager, run: RunRow, places: Map<string, PickupPointPlace>) {
    const points = await queryRows<{ pickup_point_id: string }>(
      tx,
      `SELECT DISTINCT pickup_point_id FROM logistics.parcels WHERE run_id = $1 AND status <> 'voided'`,
      [run.id],
    );
    const known = points.map((p) => places.get(p.pickup_point_id)).filter((p): p is PickupPointPlace => Boolean(p));
    const unknown = points.filter((p) => !places.has(p.pickup_point_id));
    const stops = orderStops(COUNTY_SEATS[run.county], known).map((s) => ({ pointId: s.place.id, name: s.place.name, seq: s.seq, legKm: s.legKm }));
    for (const p of unknown) stops.push({ pointId: p.pickup_point_id, name: '(unknown point)', seq: stops.length + 1, legKm: 0 });
    for (const s of stops) {
      const [shipment] = await queryRows<{ id: string }>(
        tx,
        `INSERT INTO logistics.shipments (run_id, pickup_point_id, point_name, stop_seq, leg_km) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT shipments_one_per_point DO UPDATE SET point_name = EXCLUDED.point_name, stop_seq = EXCLUDED.stop_seq, leg_km = EXCLUDED.leg_km
         RETURNING id`,
        [run.id, s.pointId, s.name, s.seq, s.legKm],
      );
      await tx.query(`UPDATE logistics.parcels SET shipment_id = $3 WHERE run_id = $1 AND pickup_point_id = $2 AND shipment_id IS DISTINCT FROM $3`, [
        run.id,
        s.pointId,
        shipment.id,
      ]);
    }
    await tx.query(
      `DELETE FROM logistics.shipments s WHERE s.run_id = $1 AND NOT EXISTS (SELECT 1 FROM logistics.parcels p WHERE p.shipment_id = s.id)`,
      [run.id],
    );
    if (!stops.length) await tx.query(`DELETE FROM logistics.runs r WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM logistics.parcels p WHERE p.run_id = r.id)`, [run.id]);
    else await tx.query(`UPDATE logistics.runs SET planned_at = now(), updated_at = now() WHERE id = $1`, [run.id]);
  }
}
