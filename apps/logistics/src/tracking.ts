import { EntityManager } from 'typeorm';
import { OutboxService, TrackingKind } from '@app/queue';

export const SCHEMA = 'logistics';
/** The inbox consumer name of every logistics job handler. */
export const CONSUMER = 'logistics';

/** One tracking line per parcel for the buyer's order, in the transaction that moved the parcels. */
export async function publishTracked(
  outbox: OutboxService,
  tx: EntityManager,
  parcels: Array<{ id: string; order_id: string; producer_id: string }>,
  kind: TrackingKind,
  at: Date,
  note?: string,
): Promise<void> {
  for (const p of parcels) {
    await outbox.publish(tx, SCHEMA, 'logistics.parcel.tracked', {
      orderId: p.order_id,
      parcelId: p.id,
      producerId: p.producer_id,
      kind,
      at: at.toISOString(),
      ...(note ? { note } : {}),
    });
  }
}
