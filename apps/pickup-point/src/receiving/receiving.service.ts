import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@app/auth';
import { queryRows, UnitOfWork } from '@app/database';
import { notFound } from '@app/errors';
import { OutboxService } from '@app/queue';
import { CollectionLifecycle, ReadyNews } from '../collections/collection-lifecycle';
import { shownStatus } from '../collections/collection-status';
import { CollectionRow, COLLECTION_COLUMNS, lockCollections } from '../collections/collection-store';
import { managedPoint } from '../operations/point-access';
import { ListParcelsDto, ReceiveParcelDto, ReportProblemDto } from './dto/receiving.dto';
import { assertParcelTransition, PARCEL_STATUSES } from './parcel-status';
import { PARCEL_COLUMNS, ParcelRow, parcelView } from './parcel.view';

/**
 * Staff take in what logistics dispatched: one parcel by scanning its code, or a whole shipment at once,
 * and report what is missing or damaged. Each change is one transaction with its outbox event; when the
 * last of an order's parcels is in, the collection becomes ready and the buyer gets a code.
 *
 * Lock order, everywhere: the collection rows (by id), then the parcel rows.
 */
@Injectable()
export class ReceivingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly lifecycle: CollectionLifecycle,
  ) {}

  async list(caller: AuthUser, pointId: string, dto: ListParcelsDto) {
    const db = this.uow.dataSource.manager;
    await managedPoint(db, caller, pointId);
    const params: unknown[] = [pointId];
    const scope = ['p.point_id = $1'];
    if (dto.day) scope.push(`p.pickup_day = $${params.push(dto.day)}::date`);
    if (dto.shipmentId) scope.push(`p.shipment_id = $${params.push(dto.shipmentId.toLowerCase())}`);
    const countsParams = [...params];
    const where = [...scope];
    if (dto.status) where.push(`p.status = $${params.push(dto.status)}`);
    const rows = await queryRows<ParcelRow>(
      db,
      `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE ${where.join(' AND ')}
        ORDER BY p.pickup_day, p.shipment_id, p.code LIMIT ${dto.limit ?? 200}`,
      params,
    );
    const counted = await queryRows<{ status: string; n: number }>(
      db,
      `SELECT p.status, count(*)::int AS n FROM pickup.parcels p WHERE ${scope.join(' AND ')} GROUP BY p.status`,
      countsParams,
    );
    const counts = Object.fromEntries(PARCEL_STATUSES.map((s) => [s, counted.find((c) => c.status === s)?.n ?? 0]));
    return { items: rows.map(parcelView), counts };
  }

  /** One scanned parcel. Scanning it again answers the same receipt; another point's code is not found. */
  async receive(caller: AuthUser, pointId: string, dto: ReceiveParcelDto) {
    return this.uow.run(async (tx) => {
      await managedPoint(tx, caller, pointId);
      const [found] = await queryRows<{ id: string; collection_id: string }>(
        tx,
        `SELECT id, collection_id FROM pickup.parcels WHERE code = $1 AND point_id = $2`,
        [dto.parcelCode, pointId],
      );
      if (!found) throw notFound('Parcel');
      await lockCollections(tx, [found.collection_id]);
      const parcel = await this.lockParcel(tx, found.id);
      if (parcel.status === 'expected') {
        await this.markReceived(tx, caller, [parcel]);
        await this.lifecycle.settle(tx, parcel.collection_id);
      } else if (parcel.status === 'missing' || parcel.status === 'damaged') {
        assertParcelTransition(parcel.status, 'received');
      }
      return this.receipt(tx, parcel.id);
    });
  }

  /** Every parcel of a shipment that is still expected here, received at once. Again: nothing new. */
  async checkIn(caller: AuthUser, pointId: string, shipmentId: string) {
    return this.uow.run(async (tx) => {
      await managedPoint(tx, caller, pointId);
      const all = await queryRows<{ id: string; collection_id: string }>(
        tx,
        `SELECT id, collection_id FROM pickup.parcels WHERE shipment_id = $1 AND point_id = $2`,
        [shipmentId, pointId],
      );
      if (!all.length) throw notFound('Shipment');
      const collectionIds = [...new Set(all.map((p) => p.collection_id))].sort();
      await lockCollections(tx, collectionIds);
      const expected = await queryRows<ParcelRow>(
        tx,
        `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.shipment_id = $1 AND p.point_id = $2 AND p.status = 'expected' ORDER BY p.id FOR UPDATE`,
        [shipmentId, pointId],
      );
      await this.markReceived(tx, caller, expected);
      const ready = new ReadyNews();
      for (const id of collectionIds) await this.lifecycle.settle(tx, id, ready);
      await this.lifecycle.publishReady(tx, pointId, ready);
      const parcels = await queryRows<ParcelRow>(
        tx,
        `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.shipment_id = $1 AND p.point_id = $2 ORDER BY p.code`,
        [shipmentId, pointId],
      );
      return { shipmentId, receivedNow: expected.length, parcels: parcels.map(parcelView) };
    });
  }

  /** Missing or damaged: the order side refunds (or does not charge) that parcel's goods. Repeating it changes nothing. */
  async reportProblem(caller: AuthUser, pointId: string, parcelId: string, dto: ReportProblemDto) {
    return this.uow.run(async (tx) => {
      await managedPoint(tx, caller, pointId);
      const [found] = await queryRows<{ collection_id: string }>(tx, `SELECT collection_id FROM pickup.parcels WHERE id = $1 AND point_id = $2`, [
        parcelId,
        pointId,
      ]);
      if (!found) throw notFound('Parcel');
      await lockCollections(tx, [found.collection_id]);
      const parcel = await this.lockParcel(tx, parcelId);
      if (parcel.status !== dto.kind) {
        assertParcelTransition(parcel.status, dto.kind);
        const note = dto.note || null;
        const at = new Date();
        await tx.query(
          `UPDATE pickup.parcels SET status = $2, problem_note = $3, problem_at = $4, problem_by = $5, updated_at = now() WHERE id = $1`,
          [parcel.id, dto.kind, note, at, caller.id],
        );
        await this.outbox.publish(tx, 'pickup', 'pickup.parcel.problem', {
          parcelId: parcel.id,
          orderId: parcel.order_id,
          producerId: parcel.producer_id,
          pointId,
          kind: dto.kind,
          note,
          at: at.toISOString(),
        });
        await this.lifecycle.settle(tx, parcel.collection_id);
      }
      return this.receipt(tx, parcel.id);
    });
  }

  private async markReceived(tx: EntityManager, caller: AuthUser, parcels: ParcelRow[]) {
    if (!parcels.length) return;
    const at = new Date();
    await tx.query(
      `UPDATE pickup.parcels SET status = 'received', received_at = $2, received_by = $3, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [parcels.map((p) => p.id), at, caller.id],
    );
    // One message for the whole scan or check-in: a shipment of 30 parcels is one job per consumer, not 30.
    await this.outbox.publish(tx, 'pickup', 'pickup.parcels.received', {
      pointId: parcels[0].point_id,
      at: at.toISOString(),
      parcels: parcels.map((p) => ({ parcelId: p.id, orderId: p.order_id, producerId: p.producer_id, shipmentId: p.shipment_id })),
    });
  }

  private async lockParcel(tx: EntityManager, id: string): Promise<ParcelRow> {
    const [p] = await queryRows<ParcelRow>(tx, `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.id = $1 FOR UPDATE`, [id]);
    return p;
  }

  /** The parcel and where its collection stands: enough for staff to shelve it. Never the pickup code. */
  private async receipt(tx: EntityManager, parcelId: string) {
    const [p] = await queryRows<ParcelRow>(tx, `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.id = $1`, [parcelId]);
    const [c] = await queryRows<CollectionRow>(tx, `SELECT ${COLLECTION_COLUMNS} FROM pickup.collections c WHERE c.id = $1`, [p.collection_id]);
    const [left] = await queryRows<{ n: number }>(tx, `SELECT count(*)::int AS n FROM pickup.parcels WHERE collection_id = $1 AND status = 'expected'`, [
      c.id,
    ]);
    return { parcel: parcelView(p), collection: { id: c.id, status: shownStatus(c), parcelsStillExpected: left.n } };
  }
}
