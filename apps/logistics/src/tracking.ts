import { EntityManager } from 'typeorm';
import { OutboxService, TrackingKind } from '@app/queue';

export const SCHEMA = 'logistics';
/** The inbox consumer name of every logistics job handler. */
export const CONSUMER = 'logistics';

/** Tracking lines for the buyers' orders, in the transaction that moved the parcels: one message for them all. */
export async function publishTracked(
  outbox: OutboxService,
  tx: EntityManager,
  parcels: Array<{ id: string; order_id: string; producer_id: string }>,
  kind: TrackingKind,
  at: Date,
  note?: string,
): Promise<void> {
  if (!parcels.length) return;
  await outbox.publish(tx, SCHEMA, 'logistics.parcels.tracked', {
    kind,
    at: at.toISOString(),
    ...(note ? { note } : {}),
    parcels: parcels.map((p) => ({ orderId: p.order_id, parcelId: p.id, producerId: p.producer_id })),
  });
}
