import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { queryRows, UnitOfWork } from '@app/database';
import { firstDelivery, JobPayloads, OnJob, ParcelManifest } from '@app/queue';
import { CollectionLifecycle } from '../collections/collection-lifecycle';

const CONSUMER = 'pickup-receiving';

/**
 * Logistics dispatched a shipment to a point: the point now expects its parcels, grouped into one open
 * collection per order. A parcel dispatched again (a replanned run) follows its latest shipment while it
 * is still expected; once it is received, later news about it changes nothing.
 */
@Injectable()
export class DispatchedConsumer {
  private readonly logger = new Logger('PickupReceiving');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: CollectionLifecycle,
  ) {}

  @OnJob('logistics.shipment.dispatched', 'pickup')
  dispatched(data: JobPayloads['logistics.shipment.dispatched'], job: Job) {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'pickup', CONSUMER, String(job.id)))) return 'duplicate';
      const pointId = data.pickupPointId.toLowerCase();
      const points = await queryRows(tx, `SELECT 1 FROM pickup.points WHERE id = $1`, [pointId]);
      if (!points.length) {
        // Retrying cannot make the point exist; the inbox row keeps the job from coming back.
        this.logger.warn({ msg: 'shipment dispatched to an unknown pickup point', shipmentId: data.shipmentId, pointId });
        return 'unknown-point';
      }
      const emptied = new Set<string>();
      const collections = new Map<string, string>(); // order id → its open collection here
      const parcels = [...data.parcels].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
      for (const p of parcels) {
        const collectionId = collections.get(p.orderId) ?? (await this.openCollection(tx, pointId, p));
        collections.set(p.orderId, collectionId);
        const [before] = await queryRows<{ collection_id: string; status: string }>(tx, `SELECT collection_id, status FROM pickup.parcels WHERE id = $1`, [
          p.parcelId,
        ]);
        await tx.query(
          `INSERT INTO pickup.parcels (id, code, point_id, collection_id, shipment_id, run_id, pickup_day, order_id, buyer_id, producer_id,
                                       producer_name, perishable, payment_method, goods_fen, items)
           VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (id) DO UPDATE SET point_id = EXCLUDED.point_id, collection_id = EXCLUDED.collection_id, shipment_id = EXCLUDED.shipment_id,
             run_id = EXCLUDED.run_id, pickup_day = EXCLUDED.pickup_day, updated_at = now()
           WHERE pickup.parcels.status = 'expected'`,
          [
            p.parcelId,
            p.parcelCode.toUpperCase(),
            pointId,
            collectionId,
            data.shipmentId,
            data.runId,
            data.pickupDay,
            p.orderId,
            p.buyerId,
            p.producerId,
            p.producerName,
            p.perishable,
            p.paymentMethod,
            p.goodsFen,
            JSON.stringify(p.items),
          ],
        );
        if (before && before.status === 'expected' && before.collection_id !== collectionId) emptied.add(before.collection_id);
      }
      // A parcel moved to another point leaves its old collection: cancelled if nothing else is coming there.
      for (const id of [...emptied].sort()) await this.lifecycle.settle(tx, id);
      this.logger.log({ msg: 'shipment expected', shipmentId: data.shipmentId, pointId, parcels: data.parcels.length });
      return 'applied';
    });
  }

  /** The order's open collection at the point, made if there is none, locked for the transaction. */
  private async openCollection(tx: EntityManager, pointId: string, p: ParcelManifest): Promise<string> {
    await tx.query(
      `INSERT INTO pickup.collections (order_id, point_id, buyer_id, payment_method) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id, point_id) WHERE status IN ('expected', 'waiting') DO NOTHING`,
      [p.orderId, pointId, p.buyerId, p.paymentMethod],
    );
    const [collection] = await queryRows<{ id: string }>(
      tx,
      `SELECT id FROM pickup.collections WHERE order_id = $1 AND point_id = $2 AND status IN ('expected', 'waiting') FOR UPDATE`,
      [p.orderId, pointId],
    );
    return collection.id;
  }
}
