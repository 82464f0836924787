import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { Account, ApiResponse, Factory, nextPhone, PASSWORD, ProducerAccount, startTestApp, TestApp } from '@app/testing';

/**
 * Bad input at every write endpoint (and the query endpoints): each request gets a 4xx in the one
 * error shape, never a 5xx, and nothing is written — no row is added, and the product, producers,
 * reservation, users and upload folder are exactly as they were.
 */

type Fields = string[] | 'any' | 'none';

interface Case {
  name: string;
  send: () => Promise<ApiResponse>;
  status: number;
  code: string;
  /** The exact set of fields named in `errors`; 'any' = at least one; 'none' = no field errors. */
  fields?: Fields;
}

const MALFORMED = 'MALFORMED_BODY';
const INVALID = 'VALIDATION_FAILED';
const BIG = 300 * 1024; // over the 256 KB body limit
const NUL = 'a\u0000b';
/** An array nested `levels` deep, as JSON text (too deep for JSON.stringify to write). */
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('bad input: 4xx in the error shape, and nothing written', () => {
  let t: TestApp;
  let f: Factory;
  let admin: Account;
  let farmer: ProducerAccount; // approved, owns `product`
  let newFarmer: Account; // a farmer with no producer profile yet
  let pending: ProducerAccount; // an application waiting for review
  let product: { id: string };
  let otherProduct: { id: string };
  let photoId: string;
  let reservationId: string;
  let service: string;
  const freshPhone = nextPhone();

  const api = () => t.api;
  const sendJson = (method: string, path: string, body: unknown, token?: string) => api().request(method, path, { body, token });
  const sendRaw = (method: string, path: string, raw: string | Buffer | FormData, contentType: string | undefined, token?: string) =>
    api().request(method, path, { raw, token, headers: contentType ? { 'content-type': contentType } : {} });
  const sendNothing = (method: string, path: string, token?: string) => api().request(method, path, { token });

  function uploadedFiles(): string[] {
    return (readdirSync(t.env.UPLOAD_DIR, { recursive: true }) as string[]).map(String).sort();
  }

  /** Everything a bad request could have changed. */
  async function state() {
    const [counts] = await t.db.query(`
      SELECT (SELECT count(*) FROM identity.users)::int AS users,
             (SELECT count(*) FROM identity.outbox)::int AS identity_outbox,
             (SELECT count(*) FROM catalog.producers)::int AS producers,
             (SELECT count(*) FROM catalog.products)::int AS products,
             (SELECT count(*) FROM catalog.reservations)::int AS reservations,
             (SELECT count(*) FROM catalog.reservation_lines)::int AS reservation_lines,
             (SELECT count(*) FROM catalog.outbox)::int AS catalog_outbox`);
    const users = await t.db.query(`SELECT id, phone, role, display_name, status, updated_at FROM identity.users ORDER BY id`);
    const producers = await t.db.query(
      `SELECT id, user_id, kind, name, contact_name, contact_phone, county, township, village, certifications, description,
              status, review_note, reviewed_at, updated_at
         FROM catalog.producers ORDER BY id`,
    );
    const products = await t.db.query(
      `SELECT id, producer_id, title_zh, title_en, description_zh, price_fen, category, unit, harvest_from, harvest_to,
              pre_sale, expected_ship_date, perishable, shelf_life_days, min_order_qty, photos, status,
              stock_available, stock_reserved, stock_sold, published_at, updated_at
         FROM catalog.products ORDER BY id`,
    );
    const reservations = await t.db.query(`SELECT id, status, expires_at, updated_at FROM catalog.reservations ORDER BY id`);
    // The product as its owner reads it through the API.
    const view = await api().get(`/api/catalog/products/${product.id}`, farmer.token);
    expect(view.status).toBe(200);
    const { priceFen, stockAvailable, stockReserved, stockSold, status, photos, titleZh, updatedAt } = view.body;
    return {
      counts,
      users,
      producers,
      products,
      reservations,
      files: uploadedFiles(),
      productView: { priceFen, stockAvailable, stockReserved, stockSold, status, photos, titleZh, updatedAt },
    };
  }

  function expectErrorShape(res: ApiResponse, c: Pick<Case, 'status' | 'code' | 'fields'>) {
    // Status and code first, with the body in the diff when they are wrong.
    expect({ status: res.status, code: res.body?.code, body: res.body }).toMatchObject({ status: c.status, code: c.code });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.status).toBe(res.status);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.message.trim().length).toBeGreaterThan(0);
    expect(typeof res.body.requestId).toBe('string');
    const errors: Array<{ field: unknown; message: unknown }> = res.body.errors ?? [];
    for (const e of errors) {
      expect(typeof e.field).toBe('string');
      expect((e.field as string).length).toBeGreaterThan(0);
      expect(typeof e.message).toBe('string');
      expect((e.message as string).length).toBeGreaterThan(0);
    }
    if (c.fields === 'any') expect(errors.length).toBeGreaterThan(0);
    else if (c.fields === 'none') expect(errors).toEqual([]);
    else if (c.fields) expect([...new Set(errors.map((e) => e.field))].sort()).toEqual([...c.fields].sort());
  }

  async function runCase(c: Case) {
    const before = await state();
    const res = await c.send();
    expectErrorShape(res, c);
    expect(await state()).toEqual(before);
  }

  /**
   * What every JSON write endpoint must refuse, whatever its fields: broken or non-object bodies, wrong
   * content types, an oversized body, unknown fields, NUL characters and absurd nesting.
   */
  function bodyCases(
    method: string,
    path: () => string,
    token: () => string | undefined,
    valid: () => Record<string, unknown>,
    opts: { required?: string[]; textField: string },
  ): Case[] {
    const cases: Case[] = [
      { name: 'malformed JSON', send: () => sendRaw(method, path(), '{"a": 1,', 'application/json', token()), status: 400, code: MALFORMED, fields: 'none' },
      { name: 'an empty JSON body', send: () => sendRaw(method, path(), '', 'application/json', token()), status: 400, code: MALFORMED, fields: 'none' },
      { name: 'a JSON array holding the valid body', send: () => sendJson(method, path(), [valid()], token()), status: 400, code: INVALID, fields: 'any' },
      { name: 'an empty JSON array', send: () => sendJson(method, path(), [], token()), status: 400, code: INVALID, fields: 'any' },
      { name: 'a JSON string', send: () => sendJson(method, path(), 'hello', token()), status: 400, code: INVALID, fields: 'any' },
      { name: 'a JSON number', send: () => sendJson(method, path(), 42, token()), status: 400, code: INVALID, fields: 'any' },
      { name: 'JSON null', send: () => sendRaw(method, path(), 'null', 'application/json', token()), status: 400, code: INVALID, fields: 'any' },
      {
        name: 'the valid body sent as text/plain',
        send: () => sendRaw(method, path(), JSON.stringify(valid()), 'text/plain', token()),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'the valid body sent as a urlencoded form',
        send: () =>
          sendRaw(method, path(), new URLSearchParams(Object.entries(valid()).map(([k, v]): [string, string] => [k, String(v)])).toString(), 'application/x-www-form-urlencoded', token()),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a body over 256 KB',
        send: () => sendJson(method, path(), { ...valid(), padding: 'x'.repeat(BIG) }, token()),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      { name: 'an unknown field', send: () => sendJson(method, path(), { ...valid(), hacker: true }, token()), status: 400, code: INVALID, fields: ['hacker'] },
      {
        name: `a NUL character in ${opts.textField}`,
        send: () => sendJson(method, path(), { ...valid(), [opts.textField]: NUL }, token()),
        status: 400,
        code: INVALID,
        fields: [opts.textField],
      },
      {
        name: 'an unknown field nested 5000 levels deep',
        send: () => sendRaw(method, path(), `${JSON.stringify(valid()).slice(0, -1)},"nest":${deep(5000)}}`, 'application/json', token()),
        status: 400,
        code: INVALID,
        fields: ['nest'],
      },
    ];
    if (opts.required) {
      cases.push({ name: 'no body at all', send: () => sendNothing(method, path(), token()), status: 400, code: INVALID, fields: opts.required });
      cases.push({ name: 'an empty object', send: () => sendJson(method, path(), {}, token()), status: 400, code: INVALID, fields: opts.required });
    }
    return cases;
  }

  /** One field replaced by a bad value: 400 naming that field. */
  const fieldCase = (method: string, path: () => string, token: () => string | undefined, valid: () => Record<string, unknown>) =>
    (name: string, patch: Record<string, unknown> | (() => Record<string, unknown>), fields: string[] = Object.keys(patch)): Case => ({
      name,
      send: () => sendJson(method, path(), { ...valid(), ...(typeof patch === 'function' ? patch() : patch) }, token()),
      status: 400,
      code: INVALID,
      fields,
    });

  /** Path ids that cannot name anything: 404, never a database error. */
  const badIds = (method: string, path: (id: string) => string, token: () => string | undefined, body?: () => unknown, label = 'path id'): Case[] =>
    ['not-a-uuid', '12345', encodeURIComponent("1' OR '1'='1"), '..%2F..%2Fetc%2Fpasswd', `${randomUUID()}0`].map((id) => ({
      name: `${label} ${decodeURIComponent(id)}`,
      send: () => (body ? sendJson(method, path(id), body(), token()) : sendNothing(method, path(id), token())),
      status: 404,
      code: 'NOT_FOUND',
    }));

  const unknownId = (method: string, path: (id: string) => string, token: () => string | undefined, body?: () => unknown, label = 'a well-formed id of nothing'): Case => ({
    name: label,
    send: () => (body ? sendJson(method, path(randomUUID()), body(), token()) : sendNothing(method, path(randomUUID()), token())),
    status: 404,
    code: 'NOT_FOUND',
  });

  async function jpeg(width: number, height: number): Promise<Buffer> {
    return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } }).jpeg().toBuffer();
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    admin = await f.admin();
    service = f.serviceToken();
    farmer = await f.producer();
    newFarmer = await f.register('farmer');
    pending = await f.producer({ name: '巧家花椒合作社' }, false);
    product = await f.product(farmer, { titleZh: '昭通苹果 红富士', priceFen: 680 }, { stock: 500 });
    otherProduct = await f.product(farmer, { titleZh: '鲁甸花椒', category: 'spice', priceFen: 9000 }, { stock: 20 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await jpeg(400, 300))], { type: 'image/jpeg' }), 'apple.jpg');
    const photo = await t.api.request('POST', `/api/catalog/products/${product.id}/photos`, { raw: form, token: farmer.token });
    expect(photo.status).toBe(201);
    photoId = photo.body.photos[0].id;
    const held = await t.api.post('/api/catalog/reservations', { idempotencyKey: `order-${randomUUID()}`, items: [{ productId: product.id, quantity: 2 }] }, service);
    expect(held.status).toBe(201);
    reservationId = held.body.id;
  });
  afterAll(() => t?.close());

  it('starts from the state the cases rely on', async () => {
    const s = await state();
    expect(s.productView).toMatchObject({ priceFen: 680, stockAvailable: 498, stockReserved: 2, stockSold: 0, status: 'active' });
    expect(s.productView.photos).toHaveLength(1);
    expect(s.reservations).toEqual([expect.objectContaining({ id: reservationId, status: 'held' })]);
    expect(s.files).toEqual(expect.arrayContaining([expect.stringContaining(`${photoId}-s.webp`), expect.stringContaining(`${photoId}-l.webp`)]));
  });

  describe('POST /api/auth/register', () => {
    const path = () => '/api/auth/register';
    const token = () => undefined;
    const valid = () => ({ phone: freshPhone, password: 'apple-2026', role: 'buyer', displayName: '张三' });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['phone', 'password', 'role'], textField: 'displayName' }),
      field('phone as a number', { phone: 13912345678 }),
      field('phone not a mainland mobile number', { phone: '12345678901' }),
      field('phone with spaces around it', { phone: ' 13912345678 ' }),
      field('phone null', { phone: null }),
      field('password as a number', { password: 12345678 }),
      field('password too short', { password: 'a1b2' }),
      field('password without a digit', { password: 'no-digits-here' }),
      field('password of 129 characters', { password: `a1${'x'.repeat(127)}` }),
      field('password as an object', { password: { $gt: '' } }),
      field('role admin', { role: 'admin' }),
      field('role staff', { role: 'staff' }),
      field('role service', { role: 'service' }),
      field('role Buyer in capitals', { role: 'Buyer' }),
      field('role as an array', { role: ['buyer'] }),
      field('role null', { role: null }),
      field('displayName of 41 characters', { displayName: '名'.repeat(41) }),
      field('displayName of 200,000 characters', { displayName: 'x'.repeat(200_000) }),
      field('displayName as a number', { displayName: 7 }),
      field('displayName as an object', { displayName: { zh: '张三' } }),
      field('mass assignment: status, id, passwordHash, createdAt', { status: 'active', id: randomUUID(), passwordHash: 'x', createdAt: '2020-01-01' }),
      {
        name: 'a phone number that is already registered',
        send: () => sendJson('POST', path(), { ...valid(), phone: farmer.phone }),
        status: 409,
        code: 'CONFLICT',
        fields: ['phone'],
      },
    ])('$name', runCase);
  });

  describe('POST /api/auth/login', () => {
    const path = () => '/api/auth/login';
    const token = () => undefined;
    const valid = () => ({ phone: farmer.phone, password: PASSWORD });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['phone', 'password'], textField: 'password' }),
      field('phone as a number', { phone: 13900000000 }),
      field('phone null', { phone: null }),
      field('password null', { password: null }),
      field('password empty', { password: '' }),
      field('password as an object (operator injection)', { password: { $ne: null } }),
      field('password of 10,000 characters', { password: 'x'.repeat(10_000) }),
      field('role in a login', { role: 'admin' }),
    ])('$name', runCase);
  });

  describe('POST /api/auth/users (admin)', () => {
    const path = () => '/api/auth/users';
    const token = () => admin.token;
    const valid = () => ({ phone: freshPhone, password: 'staff-pass-2026', role: 'staff', displayName: '自提点员工' });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['phone', 'password', 'role'], textField: 'displayName' }),
      field('role root', { role: 'root' }),
      field('role service', { role: 'service' }),
      field('role null', { role: null }),
      field('phone as a number', { phone: 13700000009 }),
      field('password too short', { password: 'short' }),
      field('displayName of 41 characters', { displayName: 'y'.repeat(41) }),
      field('mass assignment: status, id', { status: 'disabled', id: randomUUID() }),
    ])('$name', runCase);
  });

  describe('POST /api/catalog/producers', () => {
    const path = () => '/api/catalog/producers';
    const token = () => newFarmer.token;
    const valid = () => ({ kind: 'cooperative', name: '彝良天麻合作社', contactName: '李四', contactPhone: '13812345678', county: 'yiliang', township: '小草坝镇' });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['kind', 'name', 'contactName', 'contactPhone', 'county', 'township'], textField: 'name' }),
      field('kind company', { kind: 'company' }),
      field('kind null', { kind: null }),
      field('name of one character', { name: '社' }),
      field('name of 61 characters', { name: '社'.repeat(61) }),
      field('name only spaces', { name: '     ' }),
      field('name as a number', { name: 42 }),
      field('name null', { name: null }),
      field('contactPhone as a number', { contactPhone: 13812345678 }),
      field('contactPhone a landline', { contactPhone: '0870-1234567' }),
      field('county outside Zhaotong', { county: 'beijing' }),
      field('township of 31 characters', { township: '镇'.repeat(31) }),
      field('village as a number', { village: 5 }),
      field('certifications as an object', { certifications: { organic: true } }),
      field('certifications as a string', { certifications: 'organic' }),
      field('certifications with an unknown code', { certifications: ['iso9001'] }),
      field('certifications repeated', { certifications: ['organic', 'organic'] }),
      field('description of 200,000 characters', { description: 'd'.repeat(200_000) }),
      field('mass assignment: status, userId, id, reviewNote, reviewedAt', {
        status: 'approved',
        userId: randomUUID(),
        id: randomUUID(),
        reviewNote: 'ok',
        reviewedAt: '2026-01-01T00:00:00Z',
      }),
      {
        name: 'a second application by a farmer who has one',
        send: () => sendJson('POST', path(), valid(), farmer.token),
        status: 409,
        code: 'CONFLICT',
      },
    ])('$name', runCase);
  });

  describe('PATCH /api/catalog/producers/me', () => {
    const path = () => '/api/catalog/producers/me';
    const token = () => farmer.token;
    const valid = () => ({ name: '鲁甸苹果园 二号' });
    const field = fieldCase('PATCH', path, token, valid);
    it.each<Case>([
      ...bodyCases('PATCH', path, token, valid, { textField: 'township' }),
      ...['kind', 'name', 'contactName', 'contactPhone', 'county', 'township', 'certifications', 'description'].map((k) =>
        field(`${k} null (it cannot be empty)`, { [k]: null }),
      ),
      field('name of 61 characters', { name: '园'.repeat(61) }),
      field('name only spaces', { name: '   ' }),
      field('contactPhone not a mobile number', { contactPhone: '123' }),
      field('county as a number', { county: 1 }),
      field('certifications as an object', { certifications: { organic: true } }),
      field('mass assignment: status', { status: 'approved' }),
      field('mass assignment: userId, id, reviewNote', { userId: randomUUID(), id: randomUUID(), reviewNote: 'self-approved' }),
    ])('$name', runCase);
  });

  describe('POST /api/catalog/producers/:id/review', () => {
    const path = () => `/api/catalog/producers/${pending.producerId}/review`;
    const token = () => admin.token;
    const valid = () => ({ decision: 'approve', note: '资料齐全' });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['decision'], textField: 'note' }),
      field('decision nuke', { decision: 'nuke' }),
      field('decision null', { decision: null }),
      field('decision as a number', { decision: 1 }),
      field('decision as an array', { decision: ['approve'] }),
      field('note of 201 characters', { note: 'n'.repeat(201) }),
      field('note as an object', { note: { text: 'x' } }),
      field('mass assignment: status', { status: 'approved' }),
      ...badIds('POST', (id) => `/api/catalog/producers/${id}/review`, token, valid),
      unknownId('POST', (id) => `/api/catalog/producers/${id}/review`, token, valid),
      {
        name: 'the id of a product, not a producer',
        send: () => sendJson('POST', `/api/catalog/producers/${product.id}/review`, valid(), admin.token),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'a decision the producer cannot take (suspend a pending one)',
        send: () => sendJson('POST', path(), { decision: 'suspend' }, admin.token),
        status: 409,
        code: 'INVALID_TRANSITION',
      },
    ])('$name', runCase);
  });

  describe('POST /api/catalog/products', () => {
    const path = () => '/api/catalog/products';
    const token = () => farmer.token;
    const valid = () => ({ category: 'fruit', titleZh: '昭通苹果 冰糖心', unit: 'jin', priceFen: 780, stock: 100 });
    const field = fieldCase('POST', path, token, valid);
    const rawPrice = (literal: string): Case => ({
      name: `priceFen written ${literal}`,
      send: () => sendRaw('POST', path(), `{"category":"fruit","titleZh":"昭通苹果","unit":"jin","priceFen":${literal}}`, 'application/json', token()),
      status: 400,
      code: INVALID,
      fields: ['priceFen'],
    });
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['category', 'titleZh', 'unit', 'priceFen'], textField: 'titleZh' }),
      field('priceFen as a string', { priceFen: '680' }),
      field('priceFen in yuan with a decimal point', { priceFen: 6.8 }),
      field('priceFen negative', { priceFen: -680 }),
      field('priceFen zero', { priceFen: 0 }),
      field('priceFen beyond ¥100,000', { priceFen: 10_000_001 }),
      field('priceFen beyond a 32-bit integer', { priceFen: 2 ** 31 }),
      field('priceFen 1e20', { priceFen: 1e20 }),
      field('priceFen "NaN"', { priceFen: 'NaN' }),
      field('priceFen "Infinity"', { priceFen: 'Infinity' }),
      field('priceFen null', { priceFen: null }),
      field('priceFen true', { priceFen: true }),
      field('priceFen as an array', { priceFen: [680] }),
      field('priceFen as an object', { priceFen: { fen: 680 } }),
      rawPrice('1e400'),
      rawPrice('-1e400'),
      field('stock negative', { stock: -1 }),
      field('stock fractional', { stock: 1.5 }),
      field('stock as a string', { stock: '100' }),
      field('stock beyond a million', { stock: 1_000_001 }),
      field('minOrderQty zero', { minOrderQty: 0 }),
      field('minOrderQty beyond 1000', { minOrderQty: 1001 }),
      field('shelfLifeDays beyond a year', { shelfLifeDays: 366 }),
      field('titleZh of one character', { titleZh: '果' }),
      field('titleZh of 61 characters', { titleZh: '果'.repeat(61) }),
      field('titleZh of 200,000 characters', { titleZh: 'x'.repeat(200_000) }),
      field('titleZh as a number', { titleZh: 123 }),
      field('titleZh as an array', { titleZh: ['昭通苹果'] }),
      field('titleZh null', { titleZh: null }),
      field('descriptionZh of 2001 characters', { descriptionZh: 'd'.repeat(2001) }),
      field('descriptionZh with a NUL character', { descriptionZh: `好吃${NUL}` }),
      field('category meat', { category: 'meat' }),
      field('unit ton', { unit: 'ton' }),
      field('grade super', { grade: 'super' }),
      field('originCounty outside Zhaotong', { originCounty: 'kunming' }),
      field('harvestFrom 2026-02-30', { harvestFrom: '2026-02-30' }),
      field('harvestFrom with slashes', { harvestFrom: '2026/08/15' }),
      field('harvestFrom as a number', { harvestFrom: 20260815 }),
      field('harvestFrom with a time', { harvestFrom: '2026-08-15T00:00:00Z' }),
      field('harvestFrom in year 0000', { harvestFrom: '0000-01-01' }),
      field('preSale as the string "true"', { preSale: 'true' }),
      field('perishable as 1', { perishable: 1 }),
      field('harvestTo before harvestFrom', { harvestFrom: '2026-10-01', harvestTo: '2026-09-01' }, ['harvestTo']),
      field('preSale without expectedShipDate', { preSale: true }, ['expectedShipDate']),
      field('perishable without shelfLifeDays', { perishable: true }, ['shelfLifeDays']),
      field('mass assignment: status, producerId, id, seq', { status: 'active', producerId: randomUUID(), id: randomUUID(), seq: 1 }),
      field('mass assignment: stock counters', { stockAvailable: 9, stockReserved: 5, stockSold: 7 }),
      field('mass assignment: photos, publishedAt', { photos: [{ id: randomUUID(), small: '/x', large: '/y' }], publishedAt: '2026-01-01T00:00:00Z' }),
    ])('$name', runCase);
  });

  describe('PATCH /api/catalog/products/:id', () => {
    const path = () => `/api/catalog/products/${product.id}`;
    const token = () => farmer.token;
    const valid = () => ({ priceFen: 990 });
    const field = fieldCase('PATCH', path, token, valid);
    it.each<Case>([
      ...bodyCases('PATCH', path, token, valid, { textField: 'titleEn' }),
      ...['titleZh', 'priceFen', 'category', 'unit', 'descriptionZh', 'originCounty', 'preSale', 'perishable', 'minOrderQty'].map((k) =>
        field(`${k} null (it cannot be empty)`, { [k]: null }),
      ),
      field('priceFen as a string', { priceFen: '990' }),
      field('priceFen fractional', { priceFen: 9.9 }),
      field('priceFen negative', { priceFen: -1 }),
      field('priceFen a billion', { priceFen: 1_000_000_000 }),
      field('titleZh of 61 characters', { titleZh: '梨'.repeat(61) }),
      field('unit ton', { unit: 'ton' }),
      field('expectedShipDate in year 0000', { expectedShipDate: '0000-02-29' }),
      field('harvestTo before harvestFrom', { harvestFrom: '2026-10-01', harvestTo: '2026-09-01' }, ['harvestTo']),
      field('perishable without shelfLifeDays', { perishable: true }, ['shelfLifeDays']),
      field('preSale without expectedShipDate', { preSale: true }, ['expectedShipDate']),
      field('stock (set through PUT …/stock only)', { stock: 10 }),
      field('mass assignment: status', { status: 'archived' }),
      field('mass assignment: stock counters', { stockAvailable: 1, stockReserved: 0, stockSold: 0 }),
      field('mass assignment: producerId, id, seq, photos', { producerId: randomUUID(), id: randomUUID(), seq: 99, photos: [] }),
      ...badIds('PATCH', (id) => `/api/catalog/products/${id}`, token, valid),
      unknownId('PATCH', (id) => `/api/catalog/products/${id}`, token, valid),
    ])('$name', runCase);
  });

  describe('PUT /api/catalog/products/:id/stock', () => {
    const path = () => `/api/catalog/products/${product.id}/stock`;
    const token = () => farmer.token;
    const valid = () => ({ available: 7 });
    const field = fieldCase('PUT', path, token, valid);
    it.each<Case>([
      ...bodyCases('PUT', path, token, valid, { required: ['available'], textField: 'note' }).filter((c) => !c.name.startsWith('a NUL')),
      field('available as a string', { available: '7' }),
      field('available fractional', { available: 7.5 }),
      field('available negative', { available: -1 }),
      field('available beyond a million', { available: 1_000_001 }),
      field('available 2^53', { available: 2 ** 53 }),
      field('available null', { available: null }),
      field('available true', { available: true }),
      field('available as an array', { available: [7] }),
      field('available "NaN"', { available: 'NaN' }),
      field('mass assignment: stockReserved, stockSold', { stockReserved: 0, stockSold: 0 }),
      field('mass assignment: stock', { stock: 7 }),
      ...badIds('PUT', (id) => `/api/catalog/products/${id}/stock`, token, valid),
      unknownId('PUT', (id) => `/api/catalog/products/${id}/stock`, token, valid),
    ])('$name', runCase);
  });

  describe('POST /api/catalog/products/:id/status', () => {
    const path = () => `/api/catalog/products/${product.id}/status`;
    const token = () => farmer.token;
    const valid = () => ({ status: 'paused' });
    const field = fieldCase('POST', path, token, valid);
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['status'], textField: 'status' }),
      field('status draft (not a target)', { status: 'draft' }),
      field('status deleted', { status: 'deleted' }),
      field('status PAUSED in capitals', { status: 'PAUSED' }),
      field('status null', { status: null }),
      field('status as an array', { status: ['paused'] }),
      field('status as a number', { status: 2 }),
      field('mass assignment: publishedAt', { publishedAt: '2020-01-01T00:00:00Z' }),
      {
        name: 'a transition the machine does not allow (active → active)',
        send: () => sendJson('POST', path(), { status: 'active' }, token()),
        status: 409,
        code: 'INVALID_TRANSITION',
      },
      ...badIds('POST', (id) => `/api/catalog/products/${id}/status`, token, valid),
      unknownId('POST', (id) => `/api/catalog/products/${id}/status`, token, valid),
    ])('$name', runCase);
  });

  describe('POST /api/catalog/products/:id/photos', () => {
    const path = () => `/api/catalog/products/${product.id}/photos`;
    const token = () => farmer.token;
    const upload = (...parts: Array<[string, Blob | string, string?]>) => {
      const form = new FormData();
      for (const [name, value, filename] of parts) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, value, filename);
      }
      return api().request('POST', path(), { raw: form, token: token() });
    };
    const blob = (data: Buffer, type = 'image/jpeg') => new Blob([new Uint8Array(data)], { type });
    it.each<Case>([
      { name: 'no file (an empty multipart body)', send: () => sendRaw('POST', path(), '--zz--\r\n', 'multipart/form-data; boundary=zz', token()), status: 400, code: INVALID, fields: ['file'] },
      { name: 'no body at all', send: () => sendNothing('POST', path(), token()), status: 400, code: INVALID, fields: ['file'] },
      { name: 'a JSON body instead of a file', send: () => sendJson('POST', path(), { file: 'apple.jpg' }, token()), status: 400, code: INVALID, fields: ['file'] },
      {
        name: 'a text file renamed .jpg',
        send: () => upload(['file', blob(Buffer.from('this is not a picture, just words\n'.repeat(20))), 'apple.jpg']),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a GIF',
        send: async () => upload(['file', blob(await sharp({ create: { width: 300, height: 300, channels: 3, background: '#0a0' } }).gif().toBuffer(), 'image/gif'), 'a.gif']),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a JPEG cut off halfway',
        send: async () => {
          const whole = await jpeg(600, 600);
          return upload(['file', blob(whole.subarray(0, Math.floor(whole.length / 2))), 'half.jpg']);
        },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      { name: 'a picture under 200×200', send: async () => upload(['file', blob(await jpeg(199, 400)), 'tiny.jpg']), status: 400, code: INVALID, fields: ['file'] },
      {
        name: 'a file over 10 MB',
        send: () => upload(['file', blob(Buffer.alloc(10 * 1024 * 1024 + 1, 0xff)), 'huge.jpg']),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'two files',
        send: async () => upload(['file', blob(await jpeg(300, 300)), 'a.jpg'], ['file', blob(await jpeg(300, 300)), 'b.jpg']),
        status: 400,
        code: INVALID,
      },
      { name: 'the file under another field name', send: async () => upload(['photo', blob(await jpeg(300, 300)), 'a.jpg']), status: 400, code: INVALID },
      { name: 'a text field besides the file', send: async () => upload(['caption', '红富士'], ['file', blob(await jpeg(300, 300)), 'a.jpg']), status: 400, code: INVALID },
      {
        name: 'a multipart body cut off',
        send: () => sendRaw('POST', path(), '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff', 'multipart/form-data; boundary=zz', token()),
        status: 400,
        code: INVALID,
      },
      { name: 'multipart without a boundary', send: () => sendRaw('POST', path(), 'abc', 'multipart/form-data', token()), status: 400, code: INVALID },
      {
        name: 'a picture for a product id that is not a UUID',
        send: async () => {
          const form = new FormData();
          form.append('file', blob(await jpeg(300, 300)), 'a.jpg');
          return api().request('POST', '/api/catalog/products/not-a-uuid/photos', { raw: form, token: token() });
        },
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'a picture for a product that does not exist',
        send: async () => {
          const form = new FormData();
          form.append('file', blob(await jpeg(300, 300)), 'a.jpg');
          return api().request('POST', `/api/catalog/products/${randomUUID()}/photos`, { raw: form, token: token() });
        },
        status: 404,
        code: 'NOT_FOUND',
      },
    ])('$name', runCase);
  });

  describe('DELETE /api/catalog/products/:id/photos/:photoId', () => {
    const token = () => farmer.token;
    it.each<Case>([
      ...badIds('DELETE', (id) => `/api/catalog/products/${product.id}/photos/${id}`, token, undefined, 'photo id'),
      ...badIds('DELETE', (id) => `/api/catalog/products/${id}/photos/${photoId}`, token, undefined, 'product id'),
      unknownId('DELETE', (id) => `/api/catalog/products/${product.id}/photos/${id}`, token, undefined, 'a well-formed photo id of nothing'),
      unknownId('DELETE', (id) => `/api/catalog/products/${id}/photos/${photoId}`, token, undefined, 'a well-formed product id of nothing'),
      {
        name: 'the photo id under another product',
        send: () => sendNothing('DELETE', `/api/catalog/products/${otherProduct.id}/photos/${photoId}`, token()),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'malformed JSON along with it',
        send: () => sendRaw('DELETE', `/api/catalog/products/${product.id}/photos/${photoId}`, '{"x":', 'application/json', token()),
        status: 400,
        code: MALFORMED,
      },
    ])('$name', runCase);
  });

  describe('POST /api/catalog/reservations', () => {
    const path = () => '/api/catalog/reservations';
    const token = () => service;
    const valid = () => ({ idempotencyKey: `order-${randomUUID()}`, items: [{ productId: product.id, quantity: 1 }] });
    const field = fieldCase('POST', path, token, valid);
    const item = (patch: Record<string, unknown>) => () => ({ items: [{ productId: product.id, quantity: 1, ...patch }] });
    it.each<Case>([
      ...bodyCases('POST', path, token, valid, { required: ['idempotencyKey', 'items'], textField: 'idempotencyKey' }),
      field('idempotencyKey too short', { idempotencyKey: 'short' }),
      field('idempotencyKey of 101 characters', { idempotencyKey: 'k'.repeat(101) }),
      field('idempotencyKey with spaces', { idempotencyKey: 'order 123 456' }),
      field('idempotencyKey as a number', { idempotencyKey: 12345678 }),
      field('idempotencyKey null', { idempotencyKey: null }),
      field('items as an object', { items: { productId: randomUUID(), quantity: 1 } }),
      field('items empty', { items: [] }),
      field('items null', { items: null }),
      field('items a string', { items: 'apples' }),
      field('items with 51 lines', { items: Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })) }),
      field('an item that is null', { items: [null] }, ['items.0']),
      field('an item that is a string', { items: ['apple'] }, ['items.0']),
      field('quantity zero', item({ quantity: 0 }), ['items.0.quantity']),
      field('quantity negative', item({ quantity: -3 }), ['items.0.quantity']),
      field('quantity fractional', item({ quantity: 1.5 }), ['items.0.quantity']),
      field('quantity as a string', item({ quantity: '1' }), ['items.0.quantity']),
      field('quantity beyond 100,000', item({ quantity: 100_001 }), ['items.0.quantity']),
      field('productId not a UUID', item({ productId: 'apple' }), ['items.0.productId']),
      field('productId as a number', item({ productId: 7 }), ['items.0.productId']),
      field('an item with a price of its own', item({ unitPriceFen: 1 }), ['items.0.unitPriceFen']),
      field('ttlSeconds zero', { ttlSeconds: 0 }),
      field('ttlSeconds beyond a day', { ttlSeconds: 86_401 }),
      field('ttlSeconds fractional', { ttlSeconds: 1.5 }),
      field('ttlSeconds as a string', { ttlSeconds: '60' }),
      field('mass assignment: status, requestedBy, expiresAt, id', { status: 'committed', requestedBy: 'admin', expiresAt: '2099-01-01T00:00:00Z', id: randomUUID() }),
      {
        name: 'more than the stock (the whole reservation is refused)',
        send: () => sendJson('POST', path(), { ...valid(), items: [{ productId: otherProduct.id, quantity: 1 }, { productId: product.id, quantity: 499 }] }, token()),
        status: 409,
        code: 'INSUFFICIENT_STOCK',
      },
      {
        name: 'a product that does not exist',
        send: () => sendJson('POST', path(), { ...valid(), items: [{ productId: otherProduct.id, quantity: 1 }, { productId: randomUUID(), quantity: 1 }] }, token()),
        status: 409,
        code: 'PRODUCT_UNAVAILABLE',
      },
    ])('$name', runCase);
  });

  describe.each(['commit', 'release'])('POST /api/catalog/reservations/:id/%s', (action) => {
    const path = () => `/api/catalog/reservations/${reservationId}/${action}`;
    const token = () => service;
    it.each<Case>([
      ...badIds('POST', (id) => `/api/catalog/reservations/${id}/${action}`, token),
      unknownId('POST', (id) => `/api/catalog/reservations/${id}/${action}`, token),
      { name: 'malformed JSON', send: () => sendRaw('POST', path(), '{"status":', 'application/json', token()), status: 400, code: MALFORMED },
      { name: 'a text/plain body', send: () => sendRaw('POST', path(), 'commit please', 'text/plain', token()), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'a urlencoded form', send: () => sendRaw('POST', path(), 'status=committed', 'application/x-www-form-urlencoded', token()), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'a body over 256 KB', send: () => sendJson('POST', path(), { padding: 'x'.repeat(BIG) }, token()), status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ])('$name', runCase);
  });

  describe('GET /api/catalog/products with a bad query', () => {
    let cursorFromNewest: string;
    beforeAll(async () => {
      const page = await t.api.get('/api/catalog/products?limit=1');
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toEqual(expect.any(String));
      cursorFromNewest = page.body.nextCursor;
    });
    const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const q = (query: string | (() => string), fields: string[]): Case => ({
      name: typeof query === 'string' ? query : 'cursor of another sort',
      send: () => api().get(`/api/catalog/products?${typeof query === 'string' ? query : query()}`),
      status: 400,
      code: INVALID,
      fields,
    });
    it.each<Case>([
      ...['limit=abc', 'limit=0', 'limit=51', 'limit=1.5', 'limit=-1', 'limit=', 'limit=1e1', 'limit=0x10', 'limit=99999999999999999999', 'limit=1&limit=2'].map(
        (s) => q(s, ['limit']),
      ),
      q('cursor=not-a-cursor', ['cursor']),
      q(`cursor=${'a'.repeat(201)}`, ['cursor']),
      q(`cursor=${cursorOf(['newest', 'x'])}`, ['cursor']),
      q(`cursor=${cursorOf(['newest', 1.5])}`, ['cursor']),
      q(`cursor=${cursorOf(['newest', 1e300])}`, ['cursor']),
      q(`cursor=${cursorOf({ sort: 'newest' })}`, ['cursor']),
      q(`cursor=${cursorOf(['newest', 1, 2, 3])}`, ['cursor']),
      q(() => `sort=price_asc&cursor=${cursorFromNewest}`, ['cursor']),
      q('sort=cheapest', ['sort']),
      q('sort=relevance', ['sort']),
      q('sort=', ['sort']),
      ...['minPrice=abc', 'minPrice=-5', 'minPrice=1.5', 'minPrice=999999999999999999999', 'minPrice=100000001'].map((s) => q(s, ['minPrice'])),
      q('maxPrice=1e3', ['maxPrice']),
      q('minPrice=500&maxPrice=100', ['maxPrice']),
      ...['inSeason=maybe', 'inSeason=', 'inSeason=yes', 'inSeason=TRUE', 'inSeason=2'].map((s) => q(s, ['inSeason'])),
      q('inStock=perhaps', ['inStock']),
      ...['q=', 'q=%20%20%20', `q=${'a'.repeat(51)}`, 'q=!!!', 'q=%00', 'q=a&q=b'].map((s) => q(s, ['q'])),
      q('producerId=not-a-uuid', ['producerId']),
      q('category=meat', ['category']),
      q('county=beijing', ['county']),
      q('status=draft', ['status']),
      q('hacker=1', ['hacker']),
    ])('$name', runCase);
  });

  describe('GET /api/catalog/producers and /api/auth/users with a bad query', () => {
    const q = (path: string, who: 'anonymous' | 'admin', fields: string[]): Case => ({
      name: `${path} as ${who}`,
      send: () => api().get(path, who === 'admin' ? admin.token : undefined),
      status: 400,
      code: INVALID,
      fields,
    });
    it.each<Case>([
      ...(['anonymous', 'admin'] as const).flatMap((who) => [
        q('/api/catalog/producers?status=bogus', who, ['status']),
        q('/api/catalog/producers?status=', who, ['status']),
        q('/api/catalog/producers?status=APPROVED', who, ['status']),
        q('/api/catalog/producers?status=pending&status=approved', who, ['status']),
        q('/api/catalog/producers?county=kunming', who, ['county']),
        q('/api/catalog/producers?userId=x', who, ['userId']),
      ]),
      q('/api/auth/users?role=root', 'admin', ['role']),
      q('/api/auth/users?role=', 'admin', ['role']),
    ])('$name', runCase);
  });

  it('ends in the state it started from', async () => {
    const s = await state();
    expect(s.productView).toMatchObject({ priceFen: 680, stockAvailable: 498, stockReserved: 2, stockSold: 0, status: 'active' });
    expect(s.productView.photos.map((p: { id: string }) => p.id)).toEqual([photoId]);
    expect(s.reservations).toEqual([expect.objectContaining({ id: reservationId, status: 'held' })]);
    expect(s.producers.find((p: { id: string }) => p.id === pending.producerId)).toMatchObject({ status: 'pending', review_note: null });
    expect(t.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });
});
