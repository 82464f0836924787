import { Factory, nextPhone, PASSWORD, startTestApp, TestApp } from '@app/testing';

describe('identity: register, log in, roles', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('registers a buyer, logs in and answers /me with the caller only', async () => {
    const phone = nextPhone();
    const reg = await t.api.post('/api/auth/register', { phone, password: 'apple2026', role: 'buyer', displayName: '张三' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ tokenType: 'Bearer', user: { phone, role: 'buyer', displayName: '张三' } });
    expect(reg.body.user.passwordHash).toBeUndefined();

    const login = await t.api.post('/api/auth/login', { phone, password: 'apple2026' });
    expect(login.status).toBe(200);
    const me = await t.api.get('/api/auth/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: reg.body.user.id, phone, role: 'buyer' });

    const stored = await t.db.query(`SELECT password_hash FROM identity.users WHERE phone = $1`, [phone]);
    expect(stored[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account on the same phone with 409 on the phone field', async () => {
    const phone = nextPhone();
    expect((await t.api.post('/api/auth/register', { phone, password: 'apple2026', role: 'farmer' })).status).toBe(201);
    const again = await t.api.post('/api/auth/register', { phone, password: 'other2026', role: 'buyer' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'phone', message: 'already registered' }]);
  });

  it('answers a wrong password and an unknown phone alike', async () => {
    const buyer = await f.buyer();
    const wrong = await t.api.post('/api/auth/login', { phone: buyer.phone, password: 'not-the-password1' });
    const unknown = await t.api.post('/api/auth/login', { phone: nextPhone(), password: 'not-the-password1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('lets only an admin make staff accounts, which can then log in as staff', async () => {
    const admin = await f.admin();
    const buyer = await f.buyer();
    const phone = nextPhone();
    const body = { phone, password: 'staff-pass-1', role: 'staff', displayName: '服务站小李' };
    expect((await t.api.post('/api/auth/users', body, buyer.token)).status).toBe(403);
    const made = await t.api.post('/api/auth/users', body, admin.token);
    expect(made.status).toBe(201);
    expect(made.body.role).toBe('staff');
    const login = await t.api.post('/api/auth/login', { phone, password: 'staff-pass-1' });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('staff');
    const listed = await t.api.get('/api/auth/users?role=staff', admin.token);
    expect(listed.body.items.map((u: { phone: string }) => u.phone)).toContain(phone);
  });

  it('never writes a phone number or a password into the logs', async () => {
    const phone = nextPhone();
    await t.api.post('/api/auth/register', { phone, password: 'secret-word-77', role: 'buyer' });
    await t.api.post('/api/auth/login', { phone, password: 'secret-word-77' });
    await t.api.post('/api/auth/login', { phone, password: 'wrong-word-77' });
    await t.api.get(`/api/catalog/products?q=${phone}`);
    const text = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(3);
    expect(text).not.toContain(phone);
    expect(text).not.toContain('secret-word-77');
    expect(text).not.toContain('wrong-word-77');
  });
});

describe('identity: login rate limits', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_PER_PHONE: '3', LOGIN_MAX_PER_ADDRESS: '12' });
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('locks a phone after repeated failures, even for the right password, and not other phones', async () => {
    const victim = await f.buyer();
    const other = await f.buyer();
    for (let i = 0; i < 3; i++) expect((await t.api.post('/api/auth/login', { phone: victim.phone, password: 'guess-000' + i })).status).toBe(401);
    const locked = await t.api.post('/api/auth/login', { phone: victim.phone, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.api.post('/api/auth/login', { phone: other.phone, password: PASSWORD })).status).toBe(200);
  });

  it('limits attempts from one client address across phones', async () => {
    // 3 attempts were made from this address above, plus 1 per login here until the limit of 12.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.api.post('/api/auth/login', { phone: nextPhone(), password: 'whatever-1' })).status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(6);
    expect(statuses[statuses.length - 1]).toBe(429);
  });
});

describe('identity: sign-up rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ REGISTER_MAX_PER_ADDRESS: '3' });
  });
  afterAll(() => t.close());

  it('refuses sign-ups from one address past the limit with 429, and writes no account', async () => {
    const signUp = () => t.api.post('/api/auth/register', { phone: nextPhone(), password: 'buyer-2026', role: 'buyer' });
    for (let i = 0; i < 3; i++) expect((await signUp()).status).toBe(201);
    const refused = await signUp();
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM identity.users`))[0].n).toBe(3);
    // Logging in is counted apart.
    expect((await t.api.post('/api/auth/login', { phone: nextPhone(), password: 'whatever-1' })).status).toBe(401);
  });
});
