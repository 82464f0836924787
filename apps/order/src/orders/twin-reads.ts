import { UnitOfWork } from '@app/database';

export interface Twin {
  id: string;
  request_hash: string;
  status: string;
}

/**
 * Reads "is there already an order under this buyer's key?" for many requests in one statement: all that
 * ask in the same turn of the event loop share it. A flash sale refuses nearly two thousand buyers in a
 * second, and each refusal must first make sure its key has no order (a retry of a placed order is answered
 * with that order, not refused); asked one by one, those reads would be most of the sale's statements.
 */
export class TwinReads {
  private batch: Map<string, { buyerId: string; key: string; waiting: Array<{ resolve: (twin: Twin | null) => void; reject: (err: unknown) => void }> }> | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  find(buyerId: string, key: string): Promise<Twin | null> {
    if (!this.batch) {
      this.batch = new Map();
      setImmediate(() => void this.flush());
    }
    const id = `${buyerId}\u0000${key}`;
    let entry = this.batch.get(id);
    if (!entry) this.batch.set(id, (entry = { buyerId, key, waiting: [] }));
    const { waiting } = entry;
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  private async flush() {
    const batch = [...this.batch!.values()];
    this.batch = null;
    try {
      const rows = await this.uow.statement<Twin & { buyer_id: string; idempotency_key: string }>(
        `SELECT o.id, o.request_hash, o.status, o.buyer_id, o.idempotency_key
           FROM unnest($1::uuid[], $2::text[]) AS k(buyer_id, idempotency_key)
           JOIN ordering.orders o ON o.buyer_id = k.buyer_id AND o.idempotency_key = k.idempotency_key`,
        [batch.map((b) => b.buyerId), batch.map((b) => b.key)],
      );
      const found = new Map(rows.map((r) => [`${r.buyer_id}\u0000${r.idempotency_key}`, { id: r.id, request_hash: r.request_hash, status: r.status }]));
      for (const b of batch) for (const w of b.waiting) w.resolve(found.get(`${b.buyerId}\u0000${b.key}`) ?? null);
    } catch (err) {
      for (const b of batch) for (const w of b.waiting) w.reject(err);
    }
  }
}
