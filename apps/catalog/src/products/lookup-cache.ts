import type { ProductSummary } from '@app/contracts';

/**
 * Product summaries this process read a moment ago, by id. What this process changes it forgets (or, for
 * stock it has just reserved, learns) as soon as the change commits; what another process changes shows
 * here at most `ttlMs` late. A read that began before a change may not fill the cache after it: `generation`
 * moves on every change, and a read only keeps its answer if the generation it began in is still current.
 */
export class LookupCache {
  private readonly entries = new Map<string, { at: number; product: ProductSummary }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** What is fresh, and the ids that must be read. */
  take(ids: string[], now = Date.now()): { found: ProductSummary[]; missing: string[] } {
    if (!this.enabled) return { found: [], missing: ids };
    const found: ProductSummary[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.entries.get(id);
      if (hit && now - hit.at < this.ttlMs) found.push(hit.product);
      else missing.push(id);
    }
    return { found, missing };
  }

  /** A ticket for a read about to begin; `keep` with it stores the answer unless something changed meanwhile. */
  begin(): { generation: number; at: number } {
    return { generation: this.generation, at: Date.now() };
  }

  keep(ticket: { generation: number; at: number }, products: ProductSummary[]): void {
    if (!this.enabled || ticket.generation !== this.generation) return;
    for (const product of products) {
      this.entries.delete(product.id); // re-inserted last, so the map stays oldest first
      this.entries.set(product.id, { at: ticket.at, product });
    }
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(id);
    }
  }

  /**
   * Stock a reservation of this process has just taken: the lower figure wins, because replies may come
   * back out of order and stock only goes up through changes that forget.
   */
  learnStock(productId: string, stockAvailable: number): void {
    const hit = this.entries.get(productId);
    if (hit && stockAvailable < hit.product.stockAvailable) hit.product = { ...hit.product, stockAvailable };
  }

  /** Some products changed (all of them when no ids are given): read them again next time. */
  forget(ids?: Iterable<string>): void {
    this.generation++;
    if (!ids) return this.entries.clear();
    for (const id of ids) this.entries.delete(id);
  }
}
