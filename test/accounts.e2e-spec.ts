import { RedisConnection } from '@app/queue';
import { eventually, Factory, PASSWORD, startTestApp, TestApp } from '@app/testing';

/** An admin disables an account: it cannot log in, and the tokens it holds stop working in every process. */
describe('accounts: disabling one stops its tokens at once', () => {
  let t: TestApp;
  let other: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    // Another process on the same database and Redis, hosting the catalog only.
    other = await startTestApp({ DATABASE_URL: t.env.DATABASE_URL, QUEUE_PREFIX: t.env.QUEUE_PREFIX, SERVICES: 'catalog', AUTH_DISABLED_REFRESH_MS: '200' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const status = (token: string, id: string, value: unknown) => t.api.request('PATCH', `/api/auth/users/${id}/status`, { token, body: { status: value } });

  it('refuses a disabled account’s token here at once and in another process within its refresh time, and lets it back in when enabled', async () => {
    const admin = await f.admin();
    const farmer = await f.producer();
    const buyer = await f.buyer();
    expect((await t.api.get('/api/auth/me', farmer.token)).status).toBe(200);
    expect((await other.api.get('/api/catalog/producers/me', farmer.token)).status).toBe(200);

    const off = await status(admin.token, farmer.id, 'disabled');
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: farmer.id, status: 'disabled' });
    const refused = await t.api.get('/api/auth/me', farmer.token);
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([401, 'UNAUTHENTICATED', 'This account is disabled']);
    await eventually(async () => (await other.api.get('/api/catalog/producers/me', farmer.token)).status === 401, 'the other process to refuse the token');
    expect((await t.api.post('/api/auth/login', { phone: farmer.phone, password: PASSWORD })).status).toBe(403);
    // Nobody else is touched.
    expect((await t.api.get('/api/cart', buyer.token)).status).toBe(200);
    expect((await other.api.get('/api/catalog/products?limit=1', buyer.token)).status).toBe(200);

    expect((await status(admin.token, farmer.id, 'active')).body.status).toBe('active');
    expect((await t.api.get('/api/auth/me', farmer.token)).status).toBe(200);
    await eventually(async () => (await other.api.get('/api/catalog/producers/me', farmer.token)).status === 200, 'the other process to accept it again');
    expect((await t.api.post('/api/auth/login', { phone: farmer.phone, password: PASSWORD })).status).toBe(200);
  });

  it('keeps the list when the service starts again: it is a copy of the accounts table', async () => {
    const admin = await f.admin();
    const buyer = await f.buyer();
    expect((await status(admin.token, buyer.id, 'disabled')).status).toBe(200);
    // Redis lost the list (a restart without persistence); a process of the identity service starts.
    const key = `${t.env.QUEUE_PREFIX}:disabled-accounts`;
    await t.app.get(RedisConnection).client.del(key);
    const again = await startTestApp({ DATABASE_URL: t.env.DATABASE_URL, QUEUE_PREFIX: t.env.QUEUE_PREFIX, SERVICES: 'identity' });
    try {
      expect((await again.api.get('/api/auth/me', buyer.token)).status).toBe(401);
      expect(await t.app.get(RedisConnection).client.sismember(key, buyer.id)).toBe(1);
    } finally {
      await again.app.close();
    }
  });

  it('lets only admins change an account, never their own, and refuses bad input', async () => {
    const admin = await f.admin();
    const buyer = await f.buyer();
    const farmer = await f.producer();
    expect((await status(buyer.token, farmer.id, 'disabled')).status).toBe(403);
    expect((await status(farmer.token, buyer.id, 'disabled')).status).toBe(403);
    expect((await status('', buyer.id, 'disabled')).status).toBe(401);
    const self = await status(admin.token, admin.id, 'disabled');
    expect([self.status, self.body.code]).toEqual([409, 'CONFLICT']);
    expect((await status(admin.token, '00000000-0000-4000-8000-000000000000', 'disabled')).status).toBe(404);
    expect((await status(admin.token, 'not-an-id', 'disabled')).status).toBe(404);
    const bad = await status(admin.token, buyer.id, 'banned');
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'status']);
    // Admins find accounts by the first digits of their phone number.
    const found = await t.api.get(`/api/auth/users?phone=${buyer.phone.slice(0, 9)}`, admin.token);
    expect(found.body.items.map((u: { id: string }) => u.id)).toContain(buyer.id);
    expect(found.body.items.every((u: { phone: string }) => u.phone.startsWith(buyer.phone.slice(0, 9)))).toBe(true);
    expect((await t.api.get(`/api/auth/users?phone=${buyer.phone}`, admin.token)).body.items).toEqual([expect.objectContaining({ id: buyer.id, status: 'active' })]);
    const badPhone = await t.api.get('/api/auth/users?phone=13a', admin.token);
    expect([badPhone.status, badPhone.body.errors?.[0]?.field]).toEqual([400, 'phone']);
    expect((await t.api.get(`/api/auth/users?phone=${buyer.phone}`, buyer.token)).status).toBe(403);
    // None of that changed anything.
    expect((await t.api.get('/api/auth/me', buyer.token)).status).toBe(200);
    expect((await t.api.get('/api/auth/me', admin.token)).status).toBe(200);
  });

  it('finds accounts by part of a name or the start of a number, newest first, a page at a time', async () => {
    const admin = await f.admin();
    const tag = `坝子${Date.now() % 100000}`;
    // Written in one statement, so they share one created_at: the pages must still neither skip nor repeat.
    const made: Array<{ id: string; phone: string }> = await t.db.query(
      `INSERT INTO identity.users (phone, password_hash, role, display_name)
       SELECT '199' || lpad((floor(random() * 1e8))::bigint::text, 8, '0') || '', 'x', 'farmer', $1 || ' 杨大姐 ' || n FROM generate_series(1, 7) n
       RETURNING id, phone`,
      [tag],
    );
    const find = (query: string) => t.api.get(`/api/auth/users${query}`, admin.token);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await find(`?q=${encodeURIComponent(`${tag} 杨大姐`)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((u) => u.id).sort());
    // Digits are a phone number's start, not a name; LIKE's wildcards are only letters.
    expect((await find(`?q=${made[0].phone}`)).body.items).toEqual([expect.objectContaining({ id: made[0].id, displayName: expect.stringContaining('杨大姐') })]);
    expect((await find(`?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
    expect((await find(`?q=${encodeURIComponent(`${tag}_`)}`)).body.items).toEqual([]);
    // Disabled ones alone, for an admin looking for who to let back in.
    expect((await status(admin.token, made[1].id, 'disabled')).status).toBe(200);
    expect((await find(`?q=${encodeURIComponent(tag)}&status=disabled`)).body.items.map((u: { id: string }) => u.id)).toEqual([made[1].id]);
    for (const bad of ['?cursor=bm9wZQ', '?limit=0', '?limit=201', '?status=gone', `?q=${'名'.repeat(41)}`, '?q=%20']) {
      const res = await find(bad);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });
});
