import { Factory, startTestApp, TestApp } from '@app/testing';

describe('probe', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => { t = await startTestApp(); f = new Factory(t); });
  afterAll(() => t.close());

  it('probes', async () => {
    const svc = f.serviceToken();
    const r = await t.api.post(`/api/catalog/reservations`, { idempotencyKey: 'abcdefgh13', items: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, svc);
    console.log(r.status, t.logs.filter((l) => l.includes('error')).join('\n'));
  });
});
