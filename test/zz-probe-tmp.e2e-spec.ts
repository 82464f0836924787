import { Factory, startTestApp, TestApp } from '@app/testing';

describe('probe', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => { t = await startTestApp(); f = new Factory(t); });
  afterAll(() => t.close());

  it('probes', async () => {
    const svc = f.serviceToken();
    const farmer = await f.producer();
    const p = await f.product(farmer);
    const r = await t.api.post(`/api/catalog/reservations`, { idempotencyKey: 'abcdefgh13', items: [{ productId: p.id, quantity: 1 }] }, svc);
    console.log(r.status, JSON.stringify(r.body), t.logs.filter((l) => l.includes('"error"')).join('\n').slice(0, 500));
  });
});
