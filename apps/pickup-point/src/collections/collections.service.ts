import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, requireRole } from '@app/auth';
import { Env } from '@app/config';
import { queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { managedPoint } from '../operations/point-access';
import { PARCEL_CODE } from '../receiving/dto/receiving.dto';
import { PARCEL_COLUMNS, ParcelRow, parcelView } from '../receiving/parcel.view';
import { CollectionLifecycle } from './collection-lifecycle';
import { ShownCollectionStatus } from './collection-status';
import { COLLECTION_COLUMNS, CollectionRow } from './collection-store';
import { PARCEL_TALLY, ParcelTally, staffCollectionView } from './collection.view';
import { ListCollectionsDto } from './dto/collections.dto';

const FILTERS: Record<ShownCollectionStatus | 'open', string> = {
  open: `c.status IN ('expected', 'waiting')`,
  expected: `c.status = 'expected'`,
  waiting: `c.status = 'waiting' AND c.locked_at IS NULL AND c.deadline > now()`,
  locked: `c.status = 'waiting' AND c.locked_at IS NOT NULL AND c.deadline > now()`,
  overdue: `c.status = 'waiting' AND c.deadline <= now()`,
  handed_over: `c.status = 'handed_over'`,
  returned: `c.status = 'returned'`,
  cancelled: `c.status = 'cancelled'`,
};

const ORDER: Partial<Record<ShownCollectionStatus | 'open', string>> = {
  handed_over: 'c.handed_over_at DESC',
  returned: 'c.returned_at DESC',
};

/** What staff see of a point's collections, and the buyer's one request: a new pickup code. */
@Injectable()
export class CollectionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly env: Env,
    private readonly lifecycle: CollectionLifecycle,
  ) {}

  async list(caller: AuthUser, pointId: string, dto: ListCollectionsDto) {
    const db = this.uow.dataSource.manager;
    await managedPoint(db, caller, pointId);
    const filter = dto.status ?? 'open';
    const rows = await queryRows<CollectionRow & ParcelTally>(
      db,
      `SELECT ${COLLECTION_COLUMNS}, t.parcels, t.expected, t.received, t.received_fen
         FROM pickup.collections c ${PARCEL_TALLY}
        WHERE c.point_id = $1 AND ${FILTERS[filter]}
        ORDER BY ${ORDER[filter] ?? 'c.deadline NULLS LAST, c.created_at'}, c.id LIMIT ${dto.limit ?? 200}`,
      [pointId],
    );
    return { items: rows.map((r) => staffCollectionView(r, this.env.PICKUP_CODE_MAX_ATTEMPTS)) };
  }

  /** A scanned parcel code → its collection at this point (status, amount due, parcels). Never the pickup code. */
  async byParcelCode(caller: AuthUser, pointId: string, rawCode: string) {
    const db = this.uow.dataSource.manager;
    await managedPoint(db, caller, pointId);
    const code = rawCode.trim().toUpperCase();
    if (!PARCEL_CODE.test(code)) throw notFound('Parcel');
    const [parcel] = await queryRows<ParcelRow>(db, `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.code = $1 AND p.point_id = $2`, [code, pointId]);
    if (!parcel) throw notFound('Parcel');
    return { parcel: parcelView(parcel), collection: await this.collectionWithParcels(db, parcel.collection_id) };
  }

  /**
   * The buyer's own waiting (or locked) collection for an order gets a new code: unlocked, attempts reset,
   * the old code dead. The code reaches the buyer only as a notification, never in this answer.
   */
  async newCode(caller: AuthUser, orderId: string) {
    requireRole(caller, 'buyer');
    return this.uow.run(async (tx) => {
      const rows = await queryRows<CollectionRow>(
        tx,
        `SELECT ${COLLECTION_COLUMNS} FROM pickup.collections c WHERE c.order_id = $1 AND c.buyer_id = $2
          ORDER BY (c.status = 'waiting') DESC, c.created_at DESC LIMIT 1 FOR UPDATE`,
        [orderId, caller.id],
      );
      const c = rows[0];
      if (!c) throw notFound('Collection');
      if (c.status !== 'waiting') {
        throw new AppError('INVALID_TRANSITION', c.status === 'expected' ? 'Your order is not at the pickup point yet: the code comes when it arrives' : `This collection is ${c.status.replace('_', ' ')}: it needs no code`, {
          status: c.status,
        });
      }
      if (new Date(c.deadline!).getTime() <= Date.now()) throw new AppError('INVALID_TRANSITION', 'The pickup deadline has passed: the order is being returned', { status: 'overdue' });
      const notificationId = await this.lifecycle.renewCode(tx, c);
      return { collectionId: c.id, orderId: c.order_id, status: 'waiting' as const, deadline: new Date(c.deadline!).toISOString(), notificationId };
    });
  }

  async collectionWithParcels(db: EntityManager, collectionId: string) {
    const [c] = await queryRows<CollectionRow & ParcelTally>(
      db,
      `SELECT ${COLLECTION_COLUMNS}, t.parcels, t.expected, t.received, t.received_fen FROM pickup.collections c ${PARCEL_TALLY} WHERE c.id = $1`,
      [collectionId],
    );
    const parcels = await queryRows<ParcelRow>(db, `SELECT ${PARCEL_COLUMNS} FROM pickup.parcels p WHERE p.collection_id = $1 ORDER BY p.code`, [collectionId]);
    return { ...staffCollectionView(c, this.env.PICKUP_CODE_MAX_ATTEMPTS), parcelList: parcels.map(parcelView) };
  }
}
