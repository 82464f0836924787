const KEY = 'zt.checkout.key';

/**
 * One key per order the buyer means to place: a double tap, a retry after a dropped answer or a reload
 * sends the same body with the same key, so the server makes one order. A changed choice is a new order.
 */
export function idempotencyKeyFor(body: unknown): string {
  const text = JSON.stringify(body);
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { key: string; body: string } | null;
    if (saved && saved.body === text) return saved.key;
  } catch {
    /* a damaged entry is replaced below */
  }
  const key = randomKey();
  sessionStorage.setItem(KEY, JSON.stringify({ key, body: text }));
  return key;
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}

/** crypto.randomUUID exists only on https and localhost; a phone on plain http to a test server gets this. */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
