import { createHmac, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { Account, ApiResponse, Factory, nextPhone, PASSWORD, ProducerAccount, startTestApp, TestApp } from '@app/testing';

/**
 * Who may see and touch what: object-level checks between farmers, role checks for buyers, staff and
 * admins, producer review status, and tokens that must not get anyone in.
 */

const PUBLIC_PRODUCER_KEYS = ['certifications', 'county', 'countyName', 'description', 'id', 'kind', 'name', 'township', 'village'].sort();
const ME_KEYS = ['createdAt', 'displayName', 'id', 'phone', 'role', 'status'].sort();

const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A JWT written by hand, so the test does not trust the library it is testing. */
function jwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }, hmac = 'sha256'): string {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac(hmac, secret).update(unsigned).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe('authorization', () => {
  let t: TestApp;
  let f: Factory;
  let admin: Account;
  let staff: Account;
  let buyer: Account;
  let farmerA: ProducerAccount;
  let farmerB: ProducerAccount;
  let pendingFarmer: ProducerAccount;
  let rejectedFarmer: ProducerAccount;
  let noProfileFarmer: Account;
  let service: string;
  let activeA: { id: string };
  let draftA: { id: string };
  let pausedA: { id: string };
  let productB: { id: string };
  let photoA: string;

  const api = () => t.api;

  async function jpeg(width = 400, height = 300): Promise<Blob> {
    const data = await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 30 } } }).jpeg().toBuffer();
    return new Blob([new Uint8Array(data)], { type: 'image/jpeg' });
  }
  async function uploadPhoto(productId: string, token: string): Promise<ApiResponse> {
    const form = new FormData();
    form.append('file', await jpeg(), 'photo.jpg');
    return api().request('POST', `/api/catalog/products/${productId}/photos`, { raw: form, token });
  }
  const productRow = async (id: string) => (await t.db.query(`SELECT * FROM catalog.products WHERE id = $1`, [id]))[0];
  const producerRow = async (id: string) => (await t.db.query(`SELECT * FROM catalog.producers WHERE id = $1`, [id]))[0];
  async function counts() {
    const [row] = await t.db.query(`
      SELECT (SELECT count(*) FROM identity.users)::int AS users,
             (SELECT count(*) FROM catalog.producers)::int AS producers,
             (SELECT count(*) FROM catalog.products)::int AS products,
             (SELECT count(*) FROM catalog.reservations)::int AS reservations,
             (SELECT count(*) FROM catalog.outbox)::int AS catalog_outbox`);
    return row;
  }
  const files = () => (readdirSync(t.env.UPLOAD_DIR, { recursive: true }) as string[]).map(String).sort();
  const browseIds = async (query = '', token?: string): Promise<string[]> => {
    const res = await api().get(`/api/catalog/products?limit=50${query ? `&${query}` : ''}`, token);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { id: string }) => i.id);
  };

  /** An error in the one shape; the body is in the diff when the status or code is wrong. */
  function expectError(res: ApiResponse, status: number, code: string) {
    expect({ status: res.status, code: res.body?.code, body: res.body }).toMatchObject({ status, code });
    expect(res.body.status).toBe(status);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.length).toBeGreaterThan(0);
  }
  /** A 404 that says no more than the 404 for an id that never existed. */
  function expectSameAsMissing(res: ApiResponse, missing: ApiResponse) {
    expectError(res, 404, 'NOT_FOUND');
    const { requestId: _a, ...body } = res.body;
    const { requestId: _b, ...missingBody } = missing.body;
    expect(body).toEqual(missingBody);
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    admin = await f.admin();
    service = f.serviceToken();
    buyer = await f.buyer();
    farmerA = await f.producer({ name: '鲁甸苹果园 A' });
    farmerB = await f.producer({ name: '彝良天麻园 B', county: 'yiliang' });
    pendingFarmer = await f.producer({ name: '巧家花椒 待审' }, false);
    rejectedFarmer = await f.producer({ name: '永善枇杷 驳回' }, false);
    const rejected = await api().post(`/api/catalog/producers/${rejectedFarmer.producerId}/review`, { decision: 'reject', note: '资料不全' }, admin.token);
    expect(rejected.status).toBe(200);
    noProfileFarmer = await f.register('farmer');
    const staffPhone = nextPhone();
    const made = await api().post('/api/auth/users', { phone: staffPhone, password: PASSWORD, role: 'staff', displayName: '自提点' }, admin.token);
    expect(made.status).toBe(201);
    const staffLogin = await api().post('/api/auth/login', { phone: staffPhone, password: PASSWORD });
    expect(staffLogin.status).toBe(200);
    staff = { id: made.body.id, phone: staffPhone, token: staffLogin.body.accessToken };

    activeA = await f.product(farmerA, { titleZh: '昭通苹果 A 在售', priceFen: 680 }, { stock: 100 });
    draftA = await f.product(farmerA, { titleZh: '昭通苹果 A 草稿' }, { activate: false });
    pausedA = await f.product(farmerA, { titleZh: '昭通苹果 A 暂停' });
    expect((await api().post(`/api/catalog/products/${pausedA.id}/status`, { status: 'paused' }, farmerA.token)).status).toBe(200);
    productB = await f.product(farmerB, { titleZh: '小草坝天麻 B', category: 'medicinal', priceFen: 12000 });
    const photo = await uploadPhoto(activeA.id, farmerA.token);
    expect(photo.status).toBe(201);
    photoA = photo.body.photos[0].id;
  });
  afterAll(() => t?.close());

  describe("farmer B and farmer A's products", () => {
    it.each(['draft', 'paused'] as const)("hides A's %s product from B, buyers and anonymous callers (404), not from A or an admin", async (state) => {
      const id = state === 'draft' ? draftA.id : pausedA.id;
      const missing = await api().get(`/api/catalog/products/${randomUUID()}`, farmerB.token);
      for (const token of [farmerB.token, buyer.token, staff.token, undefined]) {
        expectSameAsMissing(await api().get(`/api/catalog/products/${id}`, token), missing);
      }
      const own = await api().get(`/api/catalog/products/${id}`, farmerA.token);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id, status: state });
      const asAdmin = await api().get(`/api/catalog/products/${id}`, admin.token);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.status).toBe(state);
      expect(await browseIds('', farmerB.token)).not.toContain(id);
    });

    it("refuses B every change to A's product with the same 404 as for a missing one, and changes nothing", async () => {
      const before = await productRow(activeA.id);
      const filesBefore = files();
      const countsBefore = await counts();
      const attempts: Array<[string, (id: string) => Promise<ApiResponse>]> = [
        ['PATCH', (id) => api().patch(`/api/catalog/products/${id}`, { priceFen: 1, titleZh: '被改了' }, farmerB.token)],
        ['pause', (id) => api().post(`/api/catalog/products/${id}/status`, { status: 'paused' }, farmerB.token)],
        ['archive', (id) => api().post(`/api/catalog/products/${id}/status`, { status: 'archived' }, farmerB.token)],
        ['stock', (id) => api().put(`/api/catalog/products/${id}/stock`, { available: 0 }, farmerB.token)],
        ['add photo', (id) => uploadPhoto(id, farmerB.token)],
        ['remove photo', (id) => api().delete(`/api/catalog/products/${id}/photos/${photoA}`, farmerB.token)],
      ];
      for (const [what, attempt] of attempts) {
        const missing = await attempt(randomUUID());
        const res = await attempt(activeA.id);
        try {
          expectSameAsMissing(res, missing);
        } catch (err) {
          throw new Error(`${what}: ${(err as Error).message}`);
        }
      }
      expect(await productRow(activeA.id)).toEqual(before);
      expect(files()).toEqual(filesBefore);
      expect(await counts()).toEqual(countsBefore);
      const view = await api().get(`/api/catalog/products/${activeA.id}`, farmerA.token);
      expect(view.body).toMatchObject({ priceFen: 680, titleZh: '昭通苹果 A 在售', status: 'active', stockAvailable: 100 });
      expect(view.body.photos.map((p: { id: string }) => p.id)).toEqual([photoA]);
    });

    it("gives B only B's own profile and products", async () => {
      const me = await api().get('/api/catalog/producers/me', farmerB.token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: farmerB.producerId, userId: farmerB.id });
      const mine = await api().get('/api/catalog/producers/me/products', farmerB.token);
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([productB.id]);
      const mineA = await api().get('/api/catalog/producers/me/products?limit=50', farmerA.token);
      expect(mineA.body.items.map((i: { id: string }) => i.id).sort()).toEqual([activeA.id, draftA.id, pausedA.id].sort());
    });

    it("shows A's approved profile to others with public fields only: no contact phone, name or review state", async () => {
      for (const token of [farmerB.token, buyer.token, staff.token, undefined]) {
        const res = await api().get(`/api/catalog/producers/${farmerA.producerId}`, token);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(PUBLIC_PRODUCER_KEYS);
        expect(JSON.stringify(res.body)).not.toContain(farmerA.phone);
        expect(JSON.stringify(res.body)).not.toContain('王建国');
      }
      const own = await api().get(`/api/catalog/producers/${farmerA.producerId}`, farmerA.token);
      expect(own.body).toMatchObject({ contactPhone: farmerA.phone, status: 'approved', userId: farmerA.id });
      const asAdmin = await api().get(`/api/catalog/producers/${farmerA.producerId}`, admin.token);
      expect(asAdmin.body).toMatchObject({ contactPhone: farmerA.phone, status: 'approved' });
    });

    it('lists producers to non-admins with public fields only, approved ones only, whatever status they ask for', async () => {
      for (const token of [farmerB.token, buyer.token, undefined]) {
        for (const query of ['', '?status=pending', '?status=rejected', '?status=suspended']) {
          const res = await api().get(`/api/catalog/producers${query}`, token);
          expect(res.status).toBe(200);
          const ids = res.body.items.map((p: { id: string }) => p.id);
          expect(ids).not.toContain(pendingFarmer.producerId);
          expect(ids).not.toContain(rejectedFarmer.producerId);
          for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(PUBLIC_PRODUCER_KEYS);
          expect(JSON.stringify(res.body)).not.toMatch(/1[3-9]\d{9}/);
        }
      }
      const pendingForAdmin = await api().get('/api/catalog/producers?status=pending', admin.token);
      expect(pendingForAdmin.body.items.map((p: { id: string }) => p.id)).toContain(pendingFarmer.producerId);
    });

    it.each(['pending', 'rejected'] as const)('answers 404 for a %s profile to anyone but its owner and admins', async (state) => {
      const owner = state === 'pending' ? pendingFarmer : rejectedFarmer;
      const missing = await api().get(`/api/catalog/producers/${randomUUID()}`);
      for (const token of [farmerA.token, buyer.token, staff.token, undefined]) {
        expectSameAsMissing(await api().get(`/api/catalog/producers/${owner.producerId}`, token), missing);
      }
      const own = await api().get(`/api/catalog/producers/${owner.producerId}`, owner.token);
      expect(own.body).toMatchObject({ status: state, contactPhone: owner.phone });
      const asAdmin = await api().get(`/api/catalog/producers/${owner.producerId}`, admin.token);
      expect(asAdmin.body.status).toBe(state);
    });

    it("shows buyers a product without its producer's contact details or the stock counters", async () => {
      const res = await api().get(`/api/catalog/products/${activeA.id}`, buyer.token);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.producer).sort()).toEqual(['certifications', 'county', 'id', 'kind', 'name', 'township']);
      for (const hidden of ['stockReserved', 'stockSold', 'publishedAt', 'createdAt', 'updatedAt']) expect(res.body).not.toHaveProperty(hidden);
      expect(JSON.stringify(res.body)).not.toContain(farmerA.phone);
      const list = await api().get(`/api/catalog/products?producerId=${farmerA.producerId}`);
      expect(JSON.stringify(list.body)).not.toContain(farmerA.phone);
    });
  });

  describe('buyers', () => {
    it('cannot create products or producer profiles, touch stock, reserve, review or manage users (403), and nothing is written', async () => {
      const before = await counts();
      const productBefore = await productRow(activeA.id);
      const attempts: Array<[string, () => Promise<ApiResponse>]> = [
        ['create a product', () => api().post('/api/catalog/products', { category: 'fruit', titleZh: '买家的苹果', unit: 'jin', priceFen: 100 }, buyer.token)],
        ['apply as a producer', () => api().post('/api/catalog/producers', { kind: 'farmer', name: '买家果园', contactName: '买家', contactPhone: buyer.phone, county: 'ludian', township: '龙头山镇' }, buyer.token)],
        ['read a producer profile of their own', () => api().get('/api/catalog/producers/me', buyer.token)],
        ['edit a product', () => api().patch(`/api/catalog/products/${activeA.id}`, { priceFen: 1 }, buyer.token)],
        ['set stock', () => api().put(`/api/catalog/products/${activeA.id}/stock`, { available: 0 }, buyer.token)],
        ['pause a product', () => api().post(`/api/catalog/products/${activeA.id}/status`, { status: 'paused' }, buyer.token)],
        ['add a photo', () => uploadPhoto(activeA.id, buyer.token)],
        ['remove a photo', () => api().delete(`/api/catalog/products/${activeA.id}/photos/${photoA}`, buyer.token)],
        ['reserve stock', () => api().post('/api/catalog/reservations', { idempotencyKey: `buyer-${randomUUID()}`, items: [{ productId: activeA.id, quantity: 100 }] }, buyer.token)],
        ['read a reservation', () => api().get(`/api/catalog/reservations/${randomUUID()}`, buyer.token)],
        ['commit a reservation', () => api().post(`/api/catalog/reservations/${randomUUID()}/commit`, undefined, buyer.token)],
        ['release a reservation', () => api().post(`/api/catalog/reservations/${randomUUID()}/release`, undefined, buyer.token)],
        ['review a producer', () => api().post(`/api/catalog/producers/${pendingFarmer.producerId}/review`, { decision: 'approve' }, buyer.token)],
        ['list users', () => api().get('/api/auth/users', buyer.token)],
        ['create a user', () => api().post('/api/auth/users', { phone: nextPhone(), password: PASSWORD, role: 'admin' }, buyer.token)],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        try {
          expectError(res, 403, 'FORBIDDEN');
        } catch (err) {
          throw new Error(`${what}: ${(err as Error).message}`);
        }
      }
      expect(await counts()).toEqual(before);
      expect(await productRow(activeA.id)).toEqual(productBefore);
      expect((await producerRow(pendingFarmer.producerId)).status).toBe('pending');
    });

    it('leaves the user list to admins: farmers, staff and services get 403 too', async () => {
      for (const token of [farmerA.token, staff.token, service]) expectError(await api().get('/api/auth/users', token), 403, 'FORBIDDEN');
      const res = await api().get('/api/auth/users', admin.token);
      expect(res.status).toBe(200);
      expect(res.body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([buyer.id, farmerA.id, staff.id]));
      expect(JSON.stringify(res.body)).not.toMatch(/password|\$argon2/i);
    });
  });

  describe('producer review status', () => {
    const newProduct = { category: 'fruit', titleZh: '未审核的苹果', unit: 'jin', priceFen: 500, stock: 10 };

    it.each(['pending', 'rejected'] as const)('keeps a farmer whose profile is %s from creating products (403)', async (state) => {
      const owner = state === 'pending' ? pendingFarmer : rejectedFarmer;
      const before = await counts();
      expectError(await api().post('/api/catalog/products', newProduct, owner.token), 403, 'FORBIDDEN');
      expect(await counts()).toEqual(before);
      const mine = await api().get('/api/catalog/producers/me/products', owner.token);
      expect(mine.body.items).toEqual([]);
    });

    it('sends a farmer with no profile to apply first (404) when creating a product', async () => {
      const before = await counts();
      expectError(await api().post('/api/catalog/products', newProduct, noProfileFarmer.token), 404, 'NOT_FOUND');
      expect(await counts()).toEqual(before);
    });

    it("hides a suspended producer's products from everyone but the owner and admins, and shows them again on re-approval", async () => {
      const farmer = await f.producer({ name: '绥江半边红李 停牌' }, true);
      const listed = await f.product(farmer, { titleZh: '半边红李子', category: 'fruit', priceFen: 1500 }, { stock: 30 });
      const paused = await f.product(farmer, { titleZh: '半边红李子 二号', priceFen: 1600 });
      expect((await api().post(`/api/catalog/products/${paused.id}/status`, { status: 'paused' }, farmer.token)).status).toBe(200);
      expect(await browseIds()).toContain(listed.id);
      expect(await browseIds(`q=${encodeURIComponent('李子')}`)).toContain(listed.id);

      const suspended = await api().post(`/api/catalog/producers/${farmer.producerId}/review`, { decision: 'suspend', note: '抽检不合格' }, admin.token);
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      for (const token of [undefined, buyer.token, farmerB.token, staff.token]) {
        for (const query of ['', `producerId=${farmer.producerId}`, `q=${encodeURIComponent('李子')}`, 'sort=price_asc', 'sort=price_desc', 'category=fruit', 'inStock=true']) {
          expect(await browseIds(query, token)).not.toContain(listed.id);
        }
        expectError(await api().get(`/api/catalog/products/${listed.id}`, token), 404, 'NOT_FOUND');
        expectError(await api().get(`/api/catalog/producers/${farmer.producerId}`, token), 404, 'NOT_FOUND');
      }
      const own = await api().get(`/api/catalog/products/${listed.id}`, farmer.token);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: listed.id, status: 'active', stockReserved: 0 });
      const ownList = await api().get('/api/catalog/producers/me/products', farmer.token);
      expect(ownList.body.items.map((i: { id: string }) => i.id).sort()).toEqual([listed.id, paused.id].sort());
      expect((await api().get(`/api/catalog/producers/${farmer.producerId}`, farmer.token)).body.status).toBe('suspended');
      expect((await api().get(`/api/catalog/products/${listed.id}`, admin.token)).status).toBe(200);

      // Nor can it be sold, put back on sale, or added to.
      const before = await counts();
      expectError(
        await api().post('/api/catalog/reservations', { idempotencyKey: `order-${randomUUID()}`, items: [{ productId: listed.id, quantity: 1 }] }, service),
        409,
        'PRODUCT_UNAVAILABLE',
      );
      expectError(await api().post(`/api/catalog/products/${paused.id}/status`, { status: 'active' }, farmer.token), 403, 'FORBIDDEN');
      expectError(await api().post('/api/catalog/products', newProduct, farmer.token), 403, 'FORBIDDEN');
      expect(await counts()).toEqual(before);
      expect((await productRow(listed.id)).stock_available).toBe(30);
      expect((await productRow(paused.id)).status).toBe('paused');

      expect((await api().post(`/api/catalog/producers/${farmer.producerId}/review`, { decision: 'approve' }, admin.token)).status).toBe(200);
      expect(await browseIds(`producerId=${farmer.producerId}`, buyer.token)).toEqual([listed.id]);
      expect((await api().get(`/api/catalog/products/${listed.id}`, buyer.token)).status).toBe(200);
    });

    it.each(['pending', 'rejected', 'suspended'] as const)('never lists an active product whose producer is %s, under any filter or sort', async (state) => {
      const farmer = await f.producer({ name: `大关筇竹笋 ${state}` });
      const p = await f.product(farmer, { titleZh: `筇竹笋 ${state}`, category: 'bamboo_shoot', priceFen: 3300 }, { stock: 40 });
      expect(await browseIds(`producerId=${farmer.producerId}`)).toEqual([p.id]);
      // A producer that is no longer approved, however it got there.
      await t.db.query(`UPDATE catalog.producers SET status = $2 WHERE id = $1`, [farmer.producerId, state]);
      expect((await productRow(p.id)).status).toBe('active');
      const queries = [
        '',
        `producerId=${farmer.producerId}`,
        'category=bamboo_shoot',
        `q=${encodeURIComponent('筇竹笋')}`,
        `q=${encodeURIComponent('筇竹笋')}&sort=newest`,
        'sort=price_asc',
        'sort=price_desc',
        'minPrice=3300&maxPrice=3300',
        'inStock=true',
        'inSeason=true',
        'county=ludian',
      ];
      for (const query of queries) expect(await browseIds(query, buyer.token)).not.toContain(p.id);
      expectError(await api().get(`/api/catalog/products/${p.id}`, buyer.token), 404, 'NOT_FOUND');
      expectError(await api().get(`/api/catalog/products/${p.id}`), 404, 'NOT_FOUND');
    });
  });

  describe('admins and reviews', () => {
    it('lets no one but an admin review a producer (403), not even the farmer reviewing their own profile', async () => {
      const before = await producerRow(pendingFarmer.producerId);
      const attempts: Array<[string, string]> = [
        ['the farmer themself', pendingFarmer.token],
        ['another farmer', farmerA.token],
        ['a buyer', buyer.token],
        ['staff', staff.token],
        ['a service', service],
      ];
      for (const [who, token] of attempts) {
        for (const decision of ['approve', 'reject']) {
          const res = await api().post(`/api/catalog/producers/${pendingFarmer.producerId}/review`, { decision }, token);
          try {
            expectError(res, 403, 'FORBIDDEN');
          } catch (err) {
            throw new Error(`${who} ${decision}: ${(err as Error).message}`);
          }
        }
      }
      expect(await producerRow(pendingFarmer.producerId)).toEqual(before);
      expect(before.status).toBe('pending');
    });

    it('lets an admin pause any active product, but not edit it, restock it, add photos, archive or activate it', async () => {
      const p = await f.product(farmerB, { titleZh: '彝良天麻 管理员暂停', priceFen: 20000 }, { stock: 12 });
      const paused = await api().post(`/api/catalog/products/${p.id}/status`, { status: 'paused' }, admin.token);
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('paused');
      expect(await browseIds('', buyer.token)).not.toContain(p.id);

      const before = await productRow(p.id);
      const filesBefore = files();
      expectError(await api().patch(`/api/catalog/products/${p.id}`, { priceFen: 1, titleZh: '管理员改的' }, admin.token), 403, 'FORBIDDEN');
      expectError(await api().put(`/api/catalog/products/${p.id}/stock`, { available: 0 }, admin.token), 403, 'FORBIDDEN');
      expectError(await uploadPhoto(p.id, admin.token), 403, 'FORBIDDEN');
      expectError(await api().post(`/api/catalog/products/${p.id}/status`, { status: 'active' }, admin.token), 403, 'FORBIDDEN');
      expectError(await api().post(`/api/catalog/products/${p.id}/status`, { status: 'archived' }, admin.token), 403, 'FORBIDDEN');
      expect(await productRow(p.id)).toEqual(before);
      expect(files()).toEqual(filesBefore);

      // The owner decides when it goes back on sale.
      const back = await api().post(`/api/catalog/products/${p.id}/status`, { status: 'active' }, farmerB.token);
      expect(back.status).toBe(200);
      expect(back.body.status).toBe('active');
    });

    it('lets staff and services change no product status (403)', async () => {
      const before = await productRow(activeA.id);
      for (const token of [staff.token, service]) {
        expectError(await api().post(`/api/catalog/products/${activeA.id}/status`, { status: 'paused' }, token), 403, 'FORBIDDEN');
      }
      expect(await productRow(activeA.id)).toEqual(before);
    });
  });

  describe('tokens', () => {
    const protectedPaths: Array<[string, () => string, (() => unknown)?]> = [
      ['GET', () => '/api/auth/me'],
      ['GET', () => '/api/auth/users'],
      ['POST', () => '/api/auth/users', () => ({ phone: '13700000001', password: PASSWORD, role: 'admin' })],
      ['POST', () => '/api/catalog/producers', () => ({ kind: 'farmer', name: '无名果园', contactName: '无名', contactPhone: '13700000002', county: 'ludian', township: '龙头山镇' })],
      ['GET', () => '/api/catalog/producers/me'],
      ['PATCH', () => '/api/catalog/producers/me', () => ({ name: '改名' })],
      ['GET', () => '/api/catalog/producers/me/products'],
      ['POST', () => `/api/catalog/producers/${pendingFarmer.producerId}/review`, () => ({ decision: 'approve' })],
      ['POST', () => '/api/catalog/products', () => ({ category: 'fruit', titleZh: '无主苹果', unit: 'jin', priceFen: 100 })],
      ['PATCH', () => `/api/catalog/products/${activeA.id}`, () => ({ priceFen: 1 })],
      ['PUT', () => `/api/catalog/products/${activeA.id}/stock`, () => ({ available: 0 })],
      ['POST', () => `/api/catalog/products/${activeA.id}/status`, () => ({ status: 'paused' })],
      ['POST', () => `/api/catalog/products/${activeA.id}/photos`],
      ['DELETE', () => `/api/catalog/products/${activeA.id}/photos/${photoA}`],
      ['POST', () => '/api/catalog/reservations', () => ({ idempotencyKey: 'order-no-token-1', items: [{ productId: activeA.id, quantity: 1 }] })],
      ['GET', () => `/api/catalog/reservations/${randomUUID()}`],
      ['POST', () => `/api/catalog/reservations/${randomUUID()}/commit`],
      ['POST', () => `/api/catalog/reservations/${randomUUID()}/release`],
    ];

    async function expectAllRefused(headers: () => Record<string, string>, label: string) {
      const before = await counts();
      const productBefore = await productRow(activeA.id);
      const pendingBefore = await producerRow(pendingFarmer.producerId);
      for (const [method, path, body] of protectedPaths) {
        const res = await api().request(method, path(), { body: body?.(), headers: headers() });
        try {
          expectError(res, 401, 'UNAUTHENTICATED');
        } catch (err) {
          throw new Error(`${label}, ${method} ${path()}: ${(err as Error).message}`);
        }
      }
      expect(await counts()).toEqual(before);
      expect(await productRow(activeA.id)).toEqual(productBefore);
      expect(await producerRow(pendingFarmer.producerId)).toEqual(pendingBefore);
    }

    it('answers 401 on every protected path without a token', async () => {
      await expectAllRefused(() => ({}), 'no token');
    });

    it('still serves the public paths without a token', async () => {
      expect((await api().get('/api/catalog/products')).status).toBe(200);
      expect((await api().get(`/api/catalog/products/${activeA.id}`)).status).toBe(200);
      expect((await api().get('/api/catalog/producers')).status).toBe(200);
      expect((await api().get(`/api/catalog/producers/${farmerA.producerId}`)).status).toBe(200);
    });

    const forged: Array<[string, () => string]> = [
      ['a garbage token', () => 'Bearer not.a.jwt'],
      ['a random string', () => `Bearer ${randomUUID()}`],
      ['an empty bearer', () => 'Bearer '],
      ['another scheme', () => `Basic ${Buffer.from(`${farmerA.phone}:${PASSWORD}`).toString('base64')}`],
      ['a token signed with another secret', () => `Bearer ${jwt({ sub: admin.id, role: 'admin', iat: now(), exp: now() + 3600 }, 'another-secret-that-is-long-enough-0123456789')}`],
      ['an expired token', () => `Bearer ${jwt({ sub: admin.id, role: 'admin', iat: now() - 7200, exp: now() - 60 }, t.env.JWT_SECRET)}`],
      ['a token with alg none', () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: admin.id, role: 'admin', iat: now(), exp: now() + 3600 })}.`],
      ['a token signed HS512 with the right secret', () => `Bearer ${jwt({ sub: admin.id, role: 'admin', iat: now(), exp: now() + 3600 }, t.env.JWT_SECRET, { alg: 'HS512', typ: 'JWT' }, 'sha512')}`],
      [
        "a buyer's token with the role changed to admin",
        () => {
          const [header, , signature] = buyer.token.split('.');
          const claims = JSON.parse(Buffer.from(buyer.token.split('.')[1], 'base64url').toString());
          return `Bearer ${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`;
        },
      ],
      ['a token for a role that does not exist', () => `Bearer ${jwt({ sub: admin.id, role: 'superuser', iat: now(), exp: now() + 3600 }, t.env.JWT_SECRET)}`],
      ['a token without a subject', () => `Bearer ${jwt({ role: 'admin', iat: now(), exp: now() + 3600 }, t.env.JWT_SECRET)}`],
      ['a token with its signature cut off', () => `Bearer ${admin.token.split('.').slice(0, 2).join('.')}.`],
    ];

    it.each(forged)('answers 401 on every protected path to %s', async (label, authorization) => {
      await expectAllRefused(() => ({ authorization: authorization() }), label);
    });

    it('accepts a hand-signed HS256 token with the right secret (so the 401s above are about the token)', async () => {
      const res = await api().get('/api/auth/me', jwt({ sub: buyer.id, role: 'buyer', iat: now(), exp: now() + 3600 }, t.env.JWT_SECRET));
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(buyer.id);
    });
  });

  describe('GET /api/auth/me', () => {
    it('returns the caller and only the caller, without the password hash', async () => {
      const accounts: Array<[Account, string]> = [
        [buyer, 'buyer'],
        [farmerA, 'farmer'],
        [farmerB, 'farmer'],
        [staff, 'staff'],
        [admin, 'admin'],
      ];
      for (const [account, role] of accounts) {
        const res = await api().get(`/api/auth/me?id=${farmerA.id === account.id ? buyer.id : farmerA.id}`, account.token);
        expect(res.status).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(ME_KEYS);
        expect(res.body).toMatchObject({ id: account.id, phone: account.phone, role, status: 'active' });
      }
    });

    it('answers 404 for a service token, which has no account', async () => {
      expectError(await api().get('/api/auth/me', service), 404, 'NOT_FOUND');
    });

    it('answers 404 for a valid token whose account does not exist', async () => {
      const ghost = jwt({ sub: randomUUID(), role: 'admin', iat: now(), exp: now() + 3600 }, t.env.JWT_SECRET);
      expectError(await api().get('/api/auth/me', ghost), 404, 'NOT_FOUND');
    });
  });

  describe('registration', () => {
    it.each(['admin', 'staff', 'service', 'Admin', ' admin'])('cannot make a %j account (400 naming role), and nothing is written', async (role) => {
      const before = await counts();
      const phone = nextPhone();
      const res = await api().post('/api/auth/register', { phone, password: 'strong-pass-2026', role });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'role', message: expect.any(String) }]);
      expect(await counts()).toEqual(before);
      expect(await t.db.query(`SELECT 1 FROM identity.users WHERE phone = $1`, [phone])).toEqual([]);
    });

    it('cannot smuggle a role or status past the whitelist', async () => {
      const before = await counts();
      const res = await api().post('/api/auth/register', { phone: nextPhone(), password: 'strong-pass-2026', role: 'buyer', isAdmin: true, roles: ['admin'], status: 'active' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['isAdmin', 'roles', 'status']);
      expect(await counts()).toEqual(before);
    });

    it('makes exactly the account asked for, and its token carries that role', async () => {
      const phone = nextPhone();
      const res = await api().post('/api/auth/register', { phone, password: 'strong-pass-2026', role: 'buyer' });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ phone, role: 'buyer' });
      const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ sub: res.body.user.id, role: 'buyer' });
      expectError(await api().get('/api/auth/users', res.body.accessToken), 403, 'FORBIDDEN');
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM identity.users WHERE role IN ('admin', 'staff')`);
      expect(count).toBe(2); // the seeded admin and the staff account the admin made
    });
  });
});
