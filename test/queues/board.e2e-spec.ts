import { Hs256 } from '@app/auth';
import { BOARD_COOKIE, QueueClients } from '@app/queue';
import { Account, eventually, Factory, startTestApp, TestApp } from '@app/testing';

/** Queue health figures, and the bull-board UI behind its own short-lived admin cookie. */
describe('queues: health figures and the bull-board UI', () => {
  let t: TestApp;
  let f: Factory;
  let admin: Account;
  let buyer: Account;

  const overview = async () => {
    const res = await t.api.get('/api/admin/queues', admin.token);
    expect(res.status).toBe(200);
    return res.body as {
      role: string;
      queues: Array<{ queue: string; paused: boolean; counts: Record<string, number>; oldestWaitingSeconds: number | null }>;
      outbox: Array<{ schema: string; unrelayed: number; oldestUnrelayedSeconds: number | null }>;
    };
  };
  const queueOf = async (name: string) => (await overview()).queues.find((q) => q.queue === name)!;
  const openBoard = async (token: string) => t.api.post('/api/admin/queues/session', undefined, token);
  const cookieOf = (setCookie: string | null) => setCookie!.split(';')[0];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    admin = await f.admin();
    buyer = await f.buyer();
  });
  afterAll(() => t.close());

  it('lists every hosted queue and the dead letters, and each schema of the process with its outbox backlog', async () => {
    const body = await overview();
    expect(body.role).toBe('all');
    expect(body.queues.map((q) => q.queue).sort()).toEqual(['catalog', 'dead-letter', 'identity', 'logistics', 'ordering', 'pickup']);
    expect(body.outbox.map((o) => o.schema).sort()).toEqual(['catalog', 'identity', 'logistics', 'ordering', 'pickup']);
    for (const q of body.queues) expect(Object.keys(q.counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
  });

  it('counts what really waits, is delayed, completed and paused, and how old the oldest waiting job is', async () => {
    // The identity queue has no jobs routed to it, so no worker takes what is added here.
    const identity = t.app.get(QueueClients).get('identity');
    expect(await queueOf('identity')).toMatchObject({ paused: false, counts: { waiting: 0, delayed: 0 }, oldestWaitingSeconds: null });
    await identity.add('qtest.first', {}, { jobId: 'qtest-first', timestamp: Date.now() - 30_000 });
    await identity.add('qtest.second', {}, { jobId: 'qtest-second' });
    await identity.add('qtest.later', {}, { jobId: 'qtest-later', delay: 60_000 });
    const seen = await queueOf('identity');
    expect(seen.counts).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0, completed: 0 });
    expect(seen.oldestWaitingSeconds).toBeGreaterThanOrEqual(30);
    expect(seen.oldestWaitingSeconds).toBeLessThan(60);

    await identity.pause();
    expect((await queueOf('identity')).paused).toBe(true);
    await identity.resume();

    // A job the catalog worker runs: it shows as completed.
    const before = (await queueOf('catalog')).counts.completed;
    await t.app.get(QueueClients).get('catalog').add('catalog.reservation.expire', { reservationId: '00000000-0000-4000-8000-000000000000' }, { jobId: 'qtest-expire' });
    await eventually(async () => (await queueOf('catalog')).counts.completed === before + 1, 'the catalog job to complete');
  });

  it('shows an outbox row the relay cannot deliver as backlog, with its age', async () => {
    // An event type the registry does not know stops the relay at that row; pickup is the last schema it visits.
    const [{ id }] = await t.db.query(
      `INSERT INTO pickup.outbox (type, payload, created_at) VALUES ('qtest.unknown', '{}', now() - interval '90 seconds') RETURNING id`,
    );
    try {
      await new Promise((r) => setTimeout(r, 700)); // a relay round has been and gone
      const pickup = (await overview()).outbox.find((o) => o.schema === 'pickup')!;
      expect(pickup.unrelayed).toBe(1);
      expect(pickup.oldestUnrelayedSeconds).toBeGreaterThanOrEqual(90);
      expect((await overview()).outbox.find((o) => o.schema === 'catalog')).toMatchObject({ unrelayed: 0, oldestUnrelayedSeconds: null });
    } finally {
      await t.db.query(`DELETE FROM pickup.outbox WHERE id = $1`, [id]);
    }
  });

  it('opens the board only with the session cookie, which only an admin gets', async () => {
    const page = await t.api.request('GET', '/admin/queues');
    expect(page.status).toBe(401);
    expect(page.body.code).toBe('UNAUTHENTICATED');
    expect((await t.api.request('GET', '/admin/queues/api/queues')).status).toBe(401);
    // An admin's API token is no board cookie, and a bearer header does not open the board.
    expect((await t.api.request('GET', '/admin/queues', { headers: { cookie: `${BOARD_COOKIE}=${admin.token}` } })).status).toBe(401);
    expect((await t.api.request('GET', '/admin/queues', { token: admin.token })).status).toBe(401);

    expect((await openBoard(buyer.token)).status).toBe(403);
    expect((await t.api.post('/api/admin/queues/session')).status).toBe(401);
    const session = await openBoard(admin.token);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ board: '/admin/queues', expiresIn: 900 });
    const setCookie = session.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${BOARD_COOKIE}=[^;]+; Path=/admin; Max-Age=900; HttpOnly; SameSite=Strict$`));
    const cookie = cookieOf(setCookie);

    const html = await t.api.request('GET', '/admin/queues', { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(String(html.body)).toContain('<base href="/admin/queues/" />');
    // Its scripts and styles load behind the same cookie.
    const asset = `/admin/queues/${/src="(static\/js\/[^"]+)"/.exec(String(html.body))![1]}`;
    expect((await t.api.request('GET', asset, { headers: { cookie } })).status).toBe(200);
    expect((await t.api.request('GET', asset)).status).toBe(401);
    const api = await t.api.request('GET', '/admin/queues/api/queues', { headers: { cookie } });
    expect(api.status).toBe(200);
    const shown = (api.body.queues as Array<{ name: string; readOnlyMode: boolean }>).map((q) => [q.name, q.readOnlyMode]);
    expect(shown).toContainEqual(['dead-letter', true]);
    expect(shown).toContainEqual(['ordering', true]);
    // Read-only: the board cannot retry or clean behind the dead-letter bookkeeping.
    expect((await t.api.request('PUT', '/admin/queues/api/queues/ordering/retry/failed', { headers: { cookie } })).status).toBe(405);

    // The board token opens the board and nothing else: as a bearer token the API refuses it.
    expect((await t.api.get('/api/admin/queues', cookie.slice(BOARD_COOKIE.length + 1))).status).toBe(401);
  });

  it('refuses an expired or forged board cookie', async () => {
    const jwt = t.app.get(Hs256);
    const expired = jwt.sign({ sub: admin.id, use: 'queue-board' }, 60, Math.floor(Date.now() / 1000) - 120);
    expect((await t.api.request('GET', '/admin/queues', { headers: { cookie: `${BOARD_COOKIE}=${expired}` } })).status).toBe(401);
    const [h, , s] = cookieOf((await openBoard(admin.token)).headers.get('set-cookie')).split('=')[1].split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: buyer.id, use: 'queue-board', exp: 9_999_999_999 })).toString('base64url')}.${s}`;
    expect((await t.api.request('GET', '/admin/queues', { headers: { cookie: `${BOARD_COOKIE}=${forged}` } })).status).toBe(401);
  });
});
