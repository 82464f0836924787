import { loadEnv } from '@app/config';
import { earliestPickupDay } from '@app/contracts';
import { DEMO_ACCOUNTS } from './seed/accounts';

/**
 * `npm run up` runs this once the server is ready: the demo buyer orders from the demo farmer to the demo
 * staff's station for the first pickup day, through the real API, and the farmer packs one of them — so the
 * demo farmer has a pack list, the buyer has orders to follow, and the fulfilment jobs have run. The
 * Idempotency-Keys name the day, so running it again that day adds nothing.
 */
const env = loadEnv({ JWT_SECRET: 'x'.repeat(32), ...process.env });
const base = process.argv[2] ?? `http://127.0.0.1:${env.PORT}`;

async function call<T = any>(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

async function login(role: string) {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return (await call('POST', '/api/auth/login', undefined, { phone: a.phone, password: a.password })).accessToken as string;
}

async function main() {
  const [buyer, farmer, staff] = await Promise.all([login('buyer'), login('farmer'), login('staff')]);
  const points = await call('GET', '/api/pickup-points/mine', staff);
  const point = (points.items ?? points)[0];
  const mine = await call('GET', '/api/catalog/producers/me/products?limit=50', farmer);
  const products = (mine.items ?? mine).filter(
    (p: { status: string; stockAvailable: number; preSale: boolean; minOrderQty: number }) => p.status === 'active' && !p.preSale && p.stockAvailable >= 10 && p.minOrderQty <= 2,
  );
  if (!point || products.length < 2) throw new Error('the demo data is missing (run npm run seed)');
  const day = earliestPickupDay(new Date(), env.ORDER_CUTOFF);
  const baskets = [
    [{ productId: products[0].id, quantity: 5 }],
    [{ productId: products[1].id, quantity: 2 }],
    [{ productId: products[0].id, quantity: 3 }, { productId: products[1].id, quantity: 1 }],
  ];
  const orders: string[] = [];
  for (const [i, items] of baskets.entries()) {
    const order = await call('POST', '/api/orders', buyer, { pickupPointId: point.id, pickupDay: day, paymentMethod: 'pay_at_pickup', items }, { 'idempotency-key': `demo-${day}-${i}` });
    orders.push(order.id);
  }
  // The pack tasks come from the confirmed events through the queue: wait for them, then pack the first.
  let tasks: Array<{ id: string; orderId: string; status: string; lines: Array<{ productId: string; soldByWeight: boolean; orderedGrams: number | null }> }> = [];
  for (let i = 0; i < 60 && tasks.length < orders.length; i++) {
    tasks = (await call('GET', `/api/logistics/pack-tasks?day=${day}`, farmer)).items.filter((t: { orderId: string }) => orders.includes(t.orderId));
    if (tasks.length < orders.length) await new Promise((r) => setTimeout(r, 500));
  }
  const first = tasks.find((t) => t.orderId === orders[0]);
  if (first?.status === 'open') {
    await call('POST', `/api/logistics/pack-tasks/${first.id}/pack`, farmer, {
      lines: first.lines.map((l) => (l.soldByWeight ? { productId: l.productId, packedGrams: l.orderedGrams } : { productId: l.productId })),
    });
  }
  console.log(`demo orders: ${orders.length} pay-at-pickup orders for ${day} to ${point.name}; ${tasks.length} pack tasks for the demo farmer, one packed`);
}

main().catch((err) => {
  console.error(`demo orders: skipped: ${(err as Error).message}`);
  process.exit(1);
});
