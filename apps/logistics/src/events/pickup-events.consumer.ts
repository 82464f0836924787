import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { queryRows, UnitOfWork } from '@app/database';
import { firstDelivery, JobPayloads, OnJob } from '@app/queue';
import { canMoveParcel, ParcelStatus } from '../parcels/parcel-status';
import { settleRun } from '../runs/settle';
import { CONSUMER, SCHEMA } from '../tracking';

type Outcome = 'duplicate' | 'unknown-parcel' | 'unchanged' | 'applied';

/**
 * What the pickup points report about the parcels logistics sent them. A received or reported parcel may
 * close its shipment and run; handovers and returns finish the parcel's story. The order service tracks
 * these reports for the buyer itself, so no tracking event is sent from here.
 */
@Injectable()
export class PickupEventsConsumer {
  private readonly logger = new Logger('LogisticsPickupReports');

  constructor(private readonly uow: UnitOfWork) {}

  @OnJob('pickup.parcels.received', 'logistics')
  received(data: JobPayloads['pickup.parcels.received'], job: Job) {
    return this.once(job, async (tx) => {
      let outcome: Outcome = 'unchanged';
      // In id order, so two check-ins touching the same parcels lock them in the same order.
      for (const p of [...data.parcels].sort((a, b) => a.parcelId.localeCompare(b.parcelId))) {
        if ((await this.moveParcel(tx, p.parcelId, 'received', `received_at = now()`, false)) === 'applied') outcome = 'applied';
      }
      const runs = await queryRows<{ run_id: string }>(
        tx,
        `SELECT DISTINCT run_id FROM logistics.parcels WHERE id = ANY($1::uuid[]) AND run_id IS NOT NULL ORDER BY run_id`,
        [data.parcels.map((p) => p.parcelId)],
      );
      for (const r of runs) await settleRun(tx, r.run_id);
      return outcome;
    });
  }

  @OnJob('pickup.parcel.problem', 'logistics')
  problem(data: JobPayloads['pickup.parcel.problem'], job: Job) {
    return this.once(job, (tx) => this.moveParcel(tx, data.parcelId, data.kind, null));
  }

  @OnJob('pickup.collection.handed_over', 'logistics')
  handedOver(data: JobPayloads['pickup.collection.handed_over'], job: Job) {
    return this.once(job, (tx) => this.closeCollection(tx, data, 'handed_over', []));
  }

  @OnJob('pickup.collection.returned', 'logistics')
  returned(data: JobPayloads['pickup.collection.returned'], job: Job) {
    return this.once(job, (tx) => this.closeCollection(tx, data, 'returned', data.producerIds ?? []));
  }

  private once(job: Job, work: (tx: EntityManager) => Promise<Outcome>): Promise<Outcome> {
    return this.uow.run(async (tx) => ((await firstDelivery(tx, SCHEMA, CONSUMER, String(job.id))) ? work(tx) : 'duplicate'));
  }

  /** The order's received parcels at the point, all or only those of `producerIds`, end their story as `to`. */
  private async closeCollection(
    tx: EntityManager,
    c: { orderId: string; pointId: string },
    to: 'handed_over' | 'returned',
    producerIds: string[],
  ): Promise<Outcome> {
    const moved = await queryRows(
      tx,
      `UPDATE logistics.parcels SET status = $3, updated_at = now()
        WHERE order_id = $1 AND pickup_point_id = $2 AND status = 'received' AND (cardinality($4::uuid[]) = 0 OR producer_id = ANY($4::uuid[]))
        RETURNING id`,
      [c.orderId, c.pointId, to, producerIds],
    );
    return moved.length ? 'applied' : 'unchanged';
  }

  private async moveParcel(tx: EntityManager, parcelId: string, to: ParcelStatus, stamp: string | null, settle = true): Promise<Outcome> {
    const [parcel] = await queryRows<{ status: ParcelStatus; run_id: string | null }>(
      tx,
      `SELECT status, run_id FROM logistics.parcels WHERE id = $1 FOR UPDATE`,
      [parcelId],
    );
    if (!parcel) {
      this.logger.warn({ msg: 'report about a parcel logistics does not know', parcelId, to });
      return 'unknown-parcel';
    }
    if (parcel.status === to) return 'unchanged';
    if (!canMoveParcel(parcel.status, to)) {
      // Recorded, not retried: a retry cannot make the report fit, and the stuck list shows the parcel.
      this.logger.warn({ msg: 'pickup report does not fit the parcel state', parcelId, from: parcel.status, to });
      return 'unchanged';
    }
    await tx.query(`UPDATE logistics.parcels SET status = $2, ${stamp ? `${stamp}, ` : ''}updated_at = now() WHERE id = $1`, [parcelId, to]);
    if (settle) await settleRun(tx, parcel.run_id);
    return 'applied';
  }
}
