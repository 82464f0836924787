import { Injectable } from '@nestjs/common';
import { AuthUser, requireRole } from '@app/auth';
import { todayInChina } from '@app/contracts';
import { UnitOfWork } from '@app/database';

const hours = (since: Date | string, now: number) => Math.round(((now - new Date(since).getTime()) / 3_600_000) * 10) / 10;

/**
 * What is late, with how long it has waited: tasks still open on or after their pickup day, parcels packed
 * but not collected, parcels sent out but not received, and runs whose day has come that are not done.
 */
@Injectable()
export class StuckService {
  constructor(private readonly uow: UnitOfWork) {}

  async stuck(caller: AuthUser, afterHours: number) {
    requireRole(caller, 'admin');
    const db = this.uow.dataSource;
    const today = todayInChina();
    const now = Date.now();
    const tasks: Array<{ id: string; order_id: string; producer_id: string; pickup_point_id: string; pickup_day: string; created_at: Date }> = await db.query(
      `SELECT id, order_id, producer_id, pickup_point_id, pickup_day::text AS pickup_day, created_at FROM logistics.pack_tasks
        WHERE status = 'open' AND pickup_day <= $1::date ORDER BY pickup_day, created_at LIMIT 500`,
      [today],
    );
    const uncollected: Array<{ id: string; code: string; order_id: string; producer_id: string; run_id: string | null; pickup_day: string; packed_at: Date }> = await db.query(
      `SELECT id, code, order_id, producer_id, run_id, pickup_day::text AS pickup_day, packed_at FROM logistics.parcels
        WHERE status = 'packed' AND (packed_at < now() - make_interval(hours => $1) OR pickup_day <= $2::date) ORDER BY packed_at LIMIT 500`,
      [afterHours, today],
    );
    const unreceived: Array<{ id: string; code: string; order_id: string; pickup_point_id: string; run_id: string; status: string; dispatched_at: Date }> = await db.query(
      `SELECT id, code, order_id, pickup_point_id, run_id, status, dispatched_at FROM logistics.parcels
        WHERE status IN ('out_for_delivery', 'delivered') AND dispatched_at < now() - make_interval(hours => $1) ORDER BY dispatched_at LIMIT 500`,
      [afterHours],
    );
    const runs: Array<{ id: string; day: string; county: string; status: string; planned_at: Date }> = await db.query(
      `SELECT id, day::text AS day, county, status, planned_at FROM logistics.runs WHERE status <> 'done' AND day <= $1::date ORDER BY day, county LIMIT 500`,
      [today],
    );
    return {
      today,
      afterHours,
      openTasks: tasks.map((t) => ({ id: t.id, orderId: t.order_id, producerId: t.producer_id, pickupPointId: t.pickup_point_id, pickupDay: t.pickup_day, ageHours: hours(t.created_at, now) })),
      parcelsNotCollected: uncollected.map((p) => ({ id: p.id, code: p.code, orderId: p.order_id, producerId: p.producer_id, runId: p.run_id, pickupDay: p.pickup_day, ageHours: hours(p.packed_at, now) })),
      parcelsNotReceived: unreceived.map((p) => ({ id: p.id, code: p.code, orderId: p.order_id, pickupPointId: p.pickup_point_id, runId: p.run_id, status: p.status, ageHours: hours(p.dispatched_at, now) })),
      runsNotDone: runs.map((r) => ({ id: r.id, day: r.day, county: r.county, status: r.status, ageHours: hours(r.planned_at, now) })),
    };
  }
}
