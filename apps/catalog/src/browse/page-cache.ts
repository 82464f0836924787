/**
 * A short-lived cache of public list pages, in this process. Browse pages are the same for every buyer,
 * and the busy ones (the home page, 天麻, 苹果) are asked for many times a second; answering them from
 * memory for a couple of seconds costs a buyer at most that much staleness on a list (a product page and
 * checkout always read the database). Concurrent misses for one page share one query.
 */
export class PageCache {
  private readonly entries = new Map<string, { at: number; value: Promise<string> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string, load: () => Promise<string>): Promise<string> {
    if (!this.enabled) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.delete(key); // re-inserted at the end, so iteration order stays oldest first
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key)); // never keep a failure
    if (this.entries.size > this.maxEntries) this.evictOldest(now);
    return value;
  }

  private evictOldest(now: number) {
    for (const [k, e] of this.entries) {
      if (now - e.at >= this.ttlMs || this.entries.size > this.maxEntries) this.entries.delete(k);
      else break;
    }
  }
}
