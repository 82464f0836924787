import { randomUUID } from 'node:crypto';
import { inParallel } from '../../libs/testing/src/in-parallel';
import { StripeStandIn } from '../../libs/testing/src/stripe-stand-in';
import { HttpClient, Reply } from '../checkout/http';
import { accessToken } from '../shared/tokens';
import { Farmer, Point } from './seed';

export interface DriveOptions {
  orders: number;
  payment: 'pay_at_pickup' | 'online' | 'mixed';
  buyers: number;
  packersPerFarmer: number;
  runEveryMs: number;
  day: string;
  secret: string;
  /** backlog: every order is placed first, then farmers, admin and staff start; pipeline: all at once. */
  mode: 'backlog' | 'pipeline';
}

/** What each actor did and how it went; errors are kept with a sample so a failed run says why. */
export class Tally {
  readonly counts = new Map<string, number>();
  readonly errors = new Map<string, { n: number; sample: string }>();

  add(what: string, n = 1) {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  check(what: string, reply: Reply, ok: number[] = [200, 201]): boolean {
    if (ok.includes(reply.status)) {
      this.add(what);
      return true;
    }
    const key = `${what} ${reply.status}`;
    const e = this.errors.get(key) ?? { n: 0, sample: JSON.stringify(reply.body).slice(0, 300) };
    e.n++;
    this.errors.set(key, e);
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The producers in order i: one or two, so tasks per order vary as in a real day. */
export function producersOf(i: number, farmers: Farmer[]): Farmer[] {
  const a = farmers[i % farmers.length];
  return i % 2 === 0 && farmers.length > 1 ? [a, farmers[(i + 1) % farmers.length]] : [a];
}

/**
 * As fast as they can: buyers place (and pay) the orders; each farmer keeps packing their
 * open tasks; the admin plans the day and drives every planned run to the points every `runEveryMs`; each
 * point's staff check in every shipment that arrives. In backlog mode the others start once every order is
 * placed (the workers already make the pack tasks meanwhile). `done()` says when every order is ready for pickup.
 */
export async function drive(http: HttpClient, stripe: StripeStandIn | null, farmers: Farmer[], points: Point[], adminToken: string, o: DriveOptions, done: () => Promise<boolean>) {
  const tally = new Tally();
  let finished = false;
  const expectedTasks = new Map<string, number>(farmers.map((f) => [f.producerId, 0]));
  for (let i = 0; i < o.orders; i++) for (const f of producersOf(i, farmers)) expectedTasks.set(f.producerId, expectedTasks.get(f.producerId)! + 1);
  let placedAll = false;

  const buyerTokens = Array.from({ length: o.buyers }, () => accessToken(o.secret, 'buyer'));
  const buyers = (async () => {
    await inParallel(Array.from({ length: o.orders }, (_, i) => i), o.buyers, async (i) => {
      const online = o.payment === 'online' || (o.payment === 'mixed' && i % 2 === 1);
      const placed = await http.call('POST', '/api/orders', {
        token: buyerTokens[i % buyerTokens.length],
        headers: { 'idempotency-key': randomUUID() },
        json: {
          pickupPointId: points[i % points.length].id,
          pickupDay: o.day,
          paymentMethod: online ? 'online' : 'pay_at_pickup',
          items: producersOf(i, farmers).map((f) => ({ productId: f.productId, quantity: 1 })),
        },
      });
      if (!tally.check('order placed', placed, [201]) || !online) return;
      const intent = (placed.body.payment.clientSecret as string).split('_secret_')[0];
      const signed = stripe!.signedEvent('payment_intent.succeeded', stripe!.succeeded(intent));
      const paid = await http.call('POST', '/api/payments/stripe/webhook', { raw: signed.payload, headers: { 'stripe-signature': signed.signature } });
      tally.check('webhook paid', paid);
    });
    placedAll = true;
  })();

  let releasedAt = Date.now();
  const gate = o.mode === 'backlog' ? buyers.then(() => (releasedAt = Date.now())) : Promise.resolve();

  const farmerLoops = farmers.map(async (f) => {
    await gate;
    let packed = 0;
    while (!finished && packed < expectedTasks.get(f.producerId)!) {
      const list = await http.call('GET', `/api/logistics/pack-tasks?day=${o.day}&status=open`, { token: f.token });
      if (!tally.check('pack list read', list)) {
        await sleep(200);
        continue;
      }
      const open: Array<{ id: string }> = list.body.items;
      if (!open.length) {
        await sleep(placedAll ? 100 : 50);
        continue;
      }
      await inParallel(open, o.packersPerFarmer, async (task) => {
        const res = await http.call('POST', `/api/logistics/pack-tasks/${task.id}/pack`, { token: f.token, json: { lines: [{ productId: f.productId }] } });
        if (tally.check('task packed', res)) packed++;
      });
    }
  });

  const admin = (async () => {
    await gate;
    while (!finished) {
      const started = Date.now();
      const plan = await http.call('POST', '/api/logistics/runs/plan', { token: adminToken, json: { day: o.day } });
      if (tally.check('plan', plan)) {
        const ready = (plan.body.runs as Array<{ id: string; status: string; parcelCount: number }>).filter((r) => r.status === 'planned' && r.parcelCount > 0);
        await Promise.all(
          ready.map(async (run) => {
            for (const step of ['collect', 'hub', 'deliver']) {
              if (!tally.check(`run ${step}`, await http.call('POST', `/api/logistics/runs/${run.id}/${step}`, { token: adminToken }))) return;
            }
            tally.add('runs delivered');
          }),
        );
      }
      await sleep(Math.max(0, o.runEveryMs - (Date.now() - started)));
    }
  })();

  const staff = points.map(async (p) => {
    await gate;
    const checkedIn = new Set<string>();
    while (!finished) {
      const list = await http.call('GET', `/api/pickup-points/${p.id}/parcels?status=expected&limit=200`, { token: p.staffToken });
      const shipments = tally.check('expected read', list)
        ? [...new Set((list.body.items as Array<{ shipmentId: string }>).map((x) => x.shipmentId))].filter((s) => !checkedIn.has(s))
        : [];
      for (const s of shipments) {
        if (tally.check('shipment checked in', await http.call('POST', `/api/pickup-points/${p.id}/shipments/${s}/check-in`, { token: p.staffToken }))) checkedIn.add(s);
      }
      await sleep(shipments.length ? 0 : 150);
    }
  });

  const watcher = (async () => {
    while (!(await done())) await sleep(250);
    finished = true;
  })();
  return { tally, all: Promise.all([buyers, ...farmerLoops, admin, ...staff, watcher]), stop: () => (finished = true), releasedAt: () => releasedAt };
}
