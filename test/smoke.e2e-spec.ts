import { Factory, startTestApp, TestApp } from '@app/testing';

describe('platform basics', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('answers /health and /ready', async () => {
    expect((await t.api.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.api.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'up' });
  });

  it('lists a product of an approved producer', async () => {
    const farmer = await f.producer();
    const p = await f.product(farmer, { titleZh: '小草坝天麻' });
    const res = await t.api.get(`/api/catalog/products?q=${encodeURIComponent('天麻')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });
});
