import { Factory, startTestApp, TestApp } from '@app/testing';

describe('catalog: a farmer becomes a producer and manages a product through its life', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('takes an application through review: pending, rejected, edited back to pending, approved', async () => {
    const admin = await f.admin();
    const farmer = await f.register('farmer');
    const applied = await t.api.post(
      '/api/catalog/producers',
      { kind: 'cooperative', name: '彝良县小草坝天麻专业合作社', contactName: '李华', contactPhone: farmer.phone, county: 'yiliang', township: '小草坝镇', certifications: ['geographic_indication', 'organic'] },
      farmer.token,
    );
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'pending', countyName: '彝良县' });
    expect((await t.api.post('/api/catalog/producers', { ...applied.body }, farmer.token)).status).toBe(400); // unknown fields
    const twice = await t.api.post('/api/catalog/producers', { kind: 'farmer', name: '第二个', contactName: '李', contactPhone: farmer.phone, county: 'yiliang', township: '龙海乡' }, farmer.token);
    expect(twice.status).toBe(409);

    const pendingList = await t.api.get('/api/catalog/producers?status=pending', admin.token);
    expect(pendingList.body.items.map((p: { id: string }) => p.id)).toContain(applied.body.id);
    expect((await t.api.get('/api/catalog/producers')).body.items.map((p: { id: string }) => p.id)).not.toContain(applied.body.id);

    const rejected = await t.api.post(`/api/catalog/producers/${applied.body.id}/review`, { decision: 'reject', note: '请补充营业执照' }, admin.token);
    expect(rejected.body).toMatchObject({ status: 'rejected', reviewNote: '请补充营业执照' });
    expect((await t.api.post(`/api/catalog/producers/${applied.body.id}/review`, { decision: 'suspend' }, admin.token)).status).toBe(409);
    const edited = await t.api.patch('/api/catalog/producers/me', { description: '合作社成立于2012年' }, farmer.token);
    expect(edited.body.status).toBe('pending');
    const approved = await t.api.post(`/api/catalog/producers/${applied.body.id}/review`, { decision: 'approve' }, admin.token);
    expect(approved.body.status).toBe('approved');

    const publicView = await t.api.get(`/api/catalog/producers/${applied.body.id}`);
    expect(publicView.body.name).toBe('彝良县小草坝天麻专业合作社');
    expect(publicView.body.contactPhone).toBeUndefined();
    const events = await t.db.query(`SELECT payload->>'status' AS status FROM catalog.outbox WHERE type = 'catalog.producer.reviewed' AND payload->>'producerId' = $1 ORDER BY id`, [applied.body.id]);
    expect(events.map((e: { status: string }) => e.status)).toEqual(['rejected', 'approved']);
  });

  it('lists 昭通苹果 at ¥6.80/斤 with 500 斤, edits, pauses, resumes and archives it', async () => {
    const farmer = await f.producer({ county: 'zhaoyang', township: '洒渔镇', certifications: ['geographic_indication'] });
    const created = await t.api.post(
      '/api/catalog/products',
      { category: 'fruit', titleZh: '昭通苹果', descriptionZh: '高原红富士，脆甜多汁', unit: 'jin', priceFen: 680, grade: 'first', stock: 500, harvestFrom: '2026-08-20', harvestTo: '2026-12-31' },
      farmer.token,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', priceFen: 680, unitName: '斤', stockAvailable: 500, stockReserved: 0, stockSold: 0, originCounty: 'zhaoyang', gradeName: '一级' });
    const id = created.body.id;
    const listed = async () => (await t.api.get(`/api/catalog/products?producerId=${farmer.producerId}`)).body.items.map((p: { id: string }) => p.id);
    expect(await listed()).toEqual([]);

    expect((await t.api.post(`/api/catalog/products/${id}/status`, { status: 'paused' }, farmer.token)).status).toBe(409);
    const live = await t.api.post(`/api/catalog/products/${id}/status`, { status: 'active' }, farmer.token);
    expect(live.body).toMatchObject({ status: 'active' });
    expect(live.body.publishedAt).not.toBeNull();
    expect(await listed()).toEqual([id]);

    const edited = await t.api.patch(`/api/catalog/products/${id}`, { priceFen: 720, titleEn: 'Zhaotong apples' }, farmer.token);
    expect(edited.body).toMatchObject({ priceFen: 720, titleEn: 'Zhaotong apples', titleZh: '昭通苹果', grade: 'first' });
    const found = await t.api.get(`/api/catalog/products?q=${encodeURIComponent('苹果')}&producerId=${farmer.producerId}`);
    expect(found.body.items[0]).toMatchObject({ id, priceFen: 720 });
    expect((await t.api.put(`/api/catalog/products/${id}/stock`, { available: 320 }, farmer.token)).body.stockAvailable).toBe(320);

    expect((await t.api.patch(`/api/catalog/products/${id}`, { preSale: true }, farmer.token)).status).toBe(400); // needs a ship date
    expect((await t.api.patch(`/api/catalog/products/${id}`, { harvestTo: '2026-01-01' }, farmer.token)).body.errors[0].field).toBe('harvestTo');

    await t.api.post(`/api/catalog/products/${id}/status`, { status: 'paused' }, farmer.token);
    expect(await listed()).toEqual([]);
    await t.api.post(`/api/catalog/products/${id}/status`, { status: 'active' }, farmer.token);
    expect(await listed()).toEqual([id]);
    expect((await t.api.post(`/api/catalog/products/${id}/status`, { status: 'archived' }, farmer.token)).body.status).toBe('archived');
    const revive = await t.api.post(`/api/catalog/products/${id}/status`, { status: 'active' }, farmer.token);
    expect(revive.status).toBe(409);
    expect(revive.body.code).toBe('INVALID_TRANSITION');
    expect((await t.api.patch(`/api/catalog/products/${id}`, { priceFen: 1 }, farmer.token)).status).toBe(409);

    const mine = await t.api.get('/api/catalog/producers/me/products?status=archived', farmer.token);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const changes = await t.db.query(`SELECT payload->>'status' AS status, (payload->>'priceFen')::int AS price FROM catalog.outbox WHERE type = 'catalog.product.changed' AND payload->>'productId' = $1 ORDER BY id`, [id]);
    expect(changes).toEqual([
      { status: 'active', price: 680 },
      { status: 'active', price: 720 },
      { status: 'paused', price: 720 },
      { status: 'active', price: 720 },
      { status: 'archived', price: 720 },
    ]);
  });

  it('lets an admin pause any product, and hides a suspended producer’s products', async () => {
    const admin = await f.admin();
    const farmer = await f.producer();
    const p = await f.product(farmer, { titleZh: '巧家花椒' });
    const paused = await t.api.post(`/api/catalog/products/${p.id}/status`, { status: 'paused' }, admin.token);
    expect(paused.body.status).toBe('paused');
    await t.api.post(`/api/catalog/products/${p.id}/status`, { status: 'active' }, farmer.token);
    expect((await t.api.get(`/api/catalog/products/${p.id}`)).status).toBe(200);
    await t.api.post(`/api/catalog/producers/${farmer.producerId}/review`, { decision: 'suspend', note: '抽检不合格' }, admin.token);
    expect((await t.api.get(`/api/catalog/products/${p.id}`)).status).toBe(404);
    expect((await t.api.get(`/api/catalog/products/${p.id}`, farmer.token)).status).toBe(200);
    expect((await t.api.post('/api/catalog/products', { category: 'spice', titleZh: '花椒', unit: 'jin', priceFen: 5000 }, farmer.token)).status).toBe(403);
  });
});
