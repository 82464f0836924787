import { UnitOfWork } from '@app/database';

export interface Twin {
  id: string;
  request_hash: string;
  status: string;
}

const keyOf = (buyerId: string, key: string) => `${buyerId}\u0000${key}`;

/**
 * Reads "is there already an order under this buyer's key?" for many requests in one statement: all that
 * ask in the same turn of the event loop share it. A flash sale refuses nearly two thousand buyers in a
 * second, and each refusal must first make sure its key has no order (a retry of a placed order is answered
 * with that order, not refused); asked one by one, those reads would be most of the sale's statements.
 */
export class TwinReads {
  private batch: { keys: Map<string, { buyerId: string; key: string }>; found: Promise<Map<string, Twin>> } | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  async find(buyerId: string, key: string): Promise<Twin | null> {
    if (!this.batch) {
      const keys = new Map<string, { buyerId: string; key: string }>();
      const found = new Promise((next) => setImmediate(next)).then(() => {
        this.batch = null; // whoever asks from now on starts the next batch
        return this.read([...keys.values()]);
      });
      this.batch = { keys, found };
    }
    this.batch.keys.set(keyOf(buyerId, key), { buyerId, key });
    return (await this.batch.found).get(keyOf(buyerId, key)) ?? null;
  }

  private async read(asked: Array<{ buyerId: string; key: string }>): Promise<Map<string, Twin>> {
    const rows = await this.uow.statement<Twin & { buyer_id: string; idempotency_key: string }>(
      `SELECT o.id, o.request_hash, o.status, o.buyer_id, o.idempotency_key
         FROM unnest($1::uuid[], $2::text[]) AS k(buyer_id, idempotency_key)
         JOIN ordering.orders o ON o.buyer_id = k.buyer_id AND o.idempotency_key = k.idempotency_key`,
      [asked.map((a) => a.buyerId), asked.map((a) => a.key)],
    );
    return new Map(rows.map((r) => [keyOf(r.buyer_id, r.idempotency_key), { id: r.id, request_hash: r.request_hash, status: r.status }]));
  }
}
