import { startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { stripeEnv } from '../ordering/helpers';
import { defineFlowCases } from './flow-cases';
import { serviceGateway } from './gateway';

/** The same flow with identity, catalog, order, logistics and pickup-point each in its own app, talking over HTTP and Redis. */
describe('whole flow with the services apart, behind a gateway', () => {
  let stripe: StripeStandIn;
  let apps: Record<'catalog' | 'identity' | 'pickup' | 'logistics' | 'order', TestApp>;
  let gateway: TestApp;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    const catalog = await startTestApp({ SERVICES: 'catalog' });
    const shared = { DATABASE_URL: catalog.env.DATABASE_URL, QUEUE_PREFIX: catalog.env.QUEUE_PREFIX, UPLOAD_DIR: catalog.env.UPLOAD_DIR };
    const identity = await startTestApp({ ...shared, SERVICES: 'identity' });
    const pickup = await startTestApp({ ...shared, SERVICES: 'pickup-point', IDENTITY_URL: identity.baseUrl });
    const remote = { CATALOG_URL: catalog.baseUrl, PICKUP_URL: pickup.baseUrl };
    const logistics = await startTestApp({ ...shared, ...remote, SERVICES: 'logistics' });
    const order = await startTestApp({ ...shared, ...remote, ...stripeEnv(stripe), SERVICES: 'order' });
    apps = { catalog, identity, pickup, logistics, order };
    const api = serviceGateway({ identity: identity.baseUrl, catalog: catalog.baseUrl, order: order.baseUrl, logistics: logistics.baseUrl, pickup: pickup.baseUrl });
    gateway = { ...order, api };
  });
  afterAll(async () => {
    for (const t of [apps.order, apps.logistics, apps.pickup, apps.identity]) await t.app.close();
    await apps.catalog.close();
    await stripe.close();
  });

  defineFlowCases(() => ({ t: gateway, stripe, db: apps.catalog.db }));
});
