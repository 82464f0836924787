import { EntityManager } from 'typeorm';

/**
 * Records that `consumer` handled `messageId` inside the consumer's own transaction. Returns false when
 * it already had, so a redelivered job changes nothing twice.
 */
export async function firstDelivery(tx: EntityManager, schema: string, consumer: string, messageId: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO "${schema}".inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
    [consumer, messageId],
  );
  return rows.length === 1;
}
