import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, requireRole } from '@app/auth';
import { queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { OutboxService, ParcelManifest } from '@app/queue';
import { ParcelStatus } from '../parcels/parcel-status';
import { parcelContents, TaskLine } from '../tasks/task-row';
import { publishTracked, SCHEMA } from '../tracking';
import { PlanningService } from './planning.service';
import { nextRunState, RunStep } from './run-status';
import { RUN_COLUMNS, RunRow, runDetail, runsOfDay, runSummaries } from './run-views';
import { settleRun } from './settle';

interface MovedParcel {
  id: string;
  order_id: string;
  producer_id: string;
}

/** The admin's side of collection runs: look at them and move them along, one step at a time. */
@Injectable()
export class RunsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly planning: PlanningService,
  ) {}

  async list(caller: AuthUser, day?: string) {
    requireRole(caller, 'admin');
    const db = this.uow.dataSource.manager;
    const runs = day
      ? await runsOfDay(db, day)
      : await queryRows<RunRow>(db, `SELECT ${RUN_COLUMNS} FROM logistics.runs ORDER BY day DESC, county, created_at LIMIT 200`);
    return { items: await runSummaries(db, runs) };
  }

  async get(caller: AuthUser, id: string) {
    requireRole(caller, 'admin');
    const db = this.uow.dataSource.manager;
    return runDetail(db, await this.find(db, id));
  }

  async plan(caller: AuthUser, day: string) {
    requireRole(caller, 'admin');
    return this.planning.plan(day);
  }

  /** Plans the run's day and county again while it is still planned: late parcels in, voided ones out, stops re-ordered. */
  async replan(caller: AuthUser, id: string) {
    requireRole(caller, 'admin');
    const run = await this.find(this.uow.dataSource.manager, id);
    nextRunState({ status: run.status, atHub: run.at_hub_at !== null }, 'replan');
    await this.planning.plan(run.day, run.county);
    return this.get(caller, id).catch((err) => {
      // Nothing was left to carry: the run was dropped.
      if (err instanceof AppError && err.code === 'NOT_FOUND') return { id, removed: true };
      throw err;
    });
  }

  /** The driver has picked the parcels up from the producers. */
  collect(caller: AuthUser, id: string) {
    return this.step(caller, id, 'collect', async (tx, run, at) => {
      const moved = await this.moveParcels(tx, run.id, 'packed', 'collected', 'collected_at', at);
      if (!moved.length) throw new AppError('INVALID_TRANSITION', 'This run has no packed parcels to collect: plan it again or leave it', { status: run.status });
      await tx.query(`UPDATE logistics.runs SET status = 'collecting', collecting_at = $2, updated_at = now() WHERE id = $1`, [run.id, at]);
      await publishTracked(this.outbox, tx, moved, 'collected', at);
    });
  }

  /** The parcels reached the county hub. */
  hub(caller: AuthUser, id: string) {
    return this.step(caller, id, 'hub', async (tx, run, at) => {
      const moved = await this.moveParcels(tx, run.id, 'collected', 'at_hub', null, at);
      await tx.query(`UPDATE logistics.runs SET at_hub_at = $2, updated_at = now() WHERE id = $1`, [run.id, at]);
      await publishTracked(this.outbox, tx, moved, 'at_hub', at);
    });
  }

  /** The run leaves for the pickup points: each point is told what comes (its shipment's manifest). */
  deliver(caller: AuthUser, id: string) {
    return this.step(caller, id, 'deliver', async (tx, run, at) => {
      const moved = await this.moveParcels(tx, run.id, 'at_hub', 'out_for_delivery', 'dispatched_at', at);
      await tx.query(`UPDATE logistics.runs SET status = 'delivering', delivering_at = $2, updated_at = now() WHERE id = $1`, [run.id, at]);
      await this.dispatchShipments(tx, run, moved.map((p) => p.id), at);
      await publishTracked(this.outbox, tx, moved, 'out_for_delivery', at);
      // A run whose parcels were all voided on the way has nothing left to wait for.
      await settleRun(tx, run.id);
    });
  }

  private async step(caller: AuthUser, id: string, step: RunStep, work: (tx: EntityManager, run: RunRow, at: Date) => Promise<void>) {
    requireRole(caller, 'admin');
    await this.uow.run(async (tx) => {
      const run = await this.find(tx, id, true);
      nextRunState({ status: run.status, atHub: run.at_hub_at !== null }, step);
      await work(tx, run, new Date());
    });
    return this.get(caller, id);
  }

  /** Moves the run's parcels that are `from` to `to`; `stamp` sets a time column to $4 (`at`). */
  private moveParcels(tx: EntityManager, runId: string, from: ParcelStatus, to: ParcelStatus, stamp: 'collected_at' | 'dispatched_at' | null, at: Date): Promise<MovedParcel[]> {
    return queryRows<MovedParcel>(
      tx,
      `UPDATE logistics.parcels SET status = $3, ${stamp ? `${stamp} = $4, ` : ''}updated_at = now()
        WHERE run_id = $1 AND status = $2 RETURNING id, order_id, producer_id`,
      stamp ? [runId, from, to, at] : [runId, from, to],
    );
  }

  private async dispatchShipments(tx: EntityManager, run: RunRow, parcelIds: string[], at: Date) {
    const rows = await queryRows<{
      id: string; code: string; order_id: string; producer_id: string; producer_name: string; goods_fen: number; shipment_id: string;
      buyer_id: string; payment_method: 'online' | 'pay_at_pickup'; lines: TaskLine[];
    }>(
      tx,
      `SELECT p.id, p.code, p.order_id, p.producer_id, p.producer_name, p.goods_fen, p.shipment_id, t.buyer_id, t.payment_method, t.lines
         FROM logistics.parcels p JOIN logistics.pack_tasks t ON t.id = p.task_id
        WHERE p.id = ANY($1::uuid[]) ORDER BY p.code`,
      [parcelIds],
    );
    const shipments = await queryRows<{ id: string; pickup_point_id: string }>(
      tx,
      `SELECT id, pickup_point_id FROM logistics.shipments WHERE run_id = $1 ORDER BY stop_seq`,
      [run.id],
    );
    for (const s of shipments) {
      const parcels: ParcelManifest[] = rows
        .filter((r) => r.shipment_id === s.id)
        .map((r) => ({
          parcelId: r.id,
          parcelCode: r.code,
          orderId: r.order_id,
          buyerId: r.buyer_id,
          producerId: r.producer_id,
          producerName: r.producer_name,
          paymentMethod: r.payment_method,
          goodsFen: r.goods_fen,
          ...parcelContents(r.lines),
        }));
      if (!parcels.length) {
        await tx.query(`UPDATE logistics.shipments SET status = 'done', done_at = $2 WHERE id = $1`, [s.id, at]);
        continue;
      }
      await tx.query(`UPDATE logistics.shipments SET status = 'dispatched', dispatched_at = $2 WHERE id = $1`, [s.id, at]);
      await this.outbox.publish(tx, SCHEMA, 'logistics.shipment.dispatched', {
        shipmentId: s.id,
        runId: run.id,
        pickupPointId: s.pickup_point_id,
        pickupDay: run.day,
        parcels,
      });
    }
  }

  private async find(db: EntityManager, id: string, lock = false): Promise<RunRow> {
    const [run] = await queryRows<RunRow>(db, `SELECT ${RUN_COLUMNS} FROM logistics.runs WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!run) throw notFound('Collection run');
    return run;
  }
}
