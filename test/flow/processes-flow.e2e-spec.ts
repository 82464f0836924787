import { freePort, StripeStandIn, TestApp } from '@app/testing';
import { stripeEnv } from '../ordering/helpers';
import { defineFlowCases } from './flow-cases';
import { serviceGateway } from './gateway';
import { ProcessSuite, ServiceProcess } from './process-harness';

/**
 * The whole flow with identity, catalog, order, logistics and pickup-point each in its own OS process,
 * started from dist/ as a container would start them: one database, one Redis key prefix, HTTP between the
 * services (CATALOG_URL, PICKUP_URL, IDENTITY_URL) and a gateway in front, as deploy/nginx.conf routes paths.
 */
describe('whole flow with each service in its own OS process', () => {
  let stripe: StripeStandIn;
  let suite: ProcessSuite;
  let t: TestApp & { destroy: () => Promise<void> };
  const procs: Record<string, ServiceProcess> = {};

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    suite = await ProcessSuite.create();
    // Ports first: order and logistics must know where the catalog and the pickup points answer, and the
    // pickup points where identity does.
    const [identityPort, catalogPort, pickupPort] = [await freePort(), await freePort(), await freePort()];
    const remote = { CATALOG_URL: `http://127.0.0.1:${catalogPort}`, PICKUP_URL: `http://127.0.0.1:${pickupPort}` };
    const started = await Promise.all([
      suite.start('identity', 'identity', {}, identityPort),
      suite.start('catalog', 'catalog', {}, catalogPort),
      suite.start('pickup-point', 'pickup-point', { IDENTITY_URL: `http://127.0.0.1:${identityPort}` }, pickupPort),
      suite.start('logistics', 'logistics', remote),
      suite.start('order', 'order', { ...remote, ...stripeEnv(stripe) }),
    ]);
    for (const p of started) procs[p.name] = p;
    const api = serviceGateway({
      identity: procs.identity.baseUrl,
      catalog: procs.catalog.baseUrl,
      order: procs.order.baseUrl,
      logistics: procs.logistics.baseUrl,
      pickup: procs['pickup-point'].baseUrl,
    });
    t = await suite.testApp(api, stripeEnv(stripe));
  }, 120_000);

  afterAll(async () => {
    await t?.destroy();
    await suite?.close();
    await stripe?.close();
  });

  it('runs five separate processes, each serving only its own paths', async () => {
    const pids = new Set(Object.values(procs).map((p) => p.proc.pid));
    expect(pids.size).toBe(5);
    expect((await fetch(`${procs.catalog.baseUrl}/api/orders`)).status).toBe(404);
    expect((await fetch(`${procs.order.baseUrl}/api/catalog/products`)).status).toBe(404);
    expect((await fetch(`${procs.catalog.baseUrl}/api/catalog/products`)).status).toBe(200);
  });

  defineFlowCases(() => ({ t, stripe, db: t.db }));

  it('no job failed and none was dead-lettered along the way', async () => {
    for (const name of ['catalog', 'ordering', 'logistics', 'pickup', 'dead-letter']) {
      const counts = await suite.withQueue(name, (q) => q.getJobCounts('failed', 'waiting', 'active', 'completed'));
      expect([name, counts.failed]).toEqual([name, 0]);
      if (name === 'dead-letter') expect(counts.completed + counts.waiting + counts.active).toBe(0);
    }
    for (const p of Object.values(procs)) expect([p.name, p.running]).toEqual([p.name, true]);
  });
});
