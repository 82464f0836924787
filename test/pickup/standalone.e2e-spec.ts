import { randomUUID } from 'node:crypto';
import { TokenService } from '@app/auth';
import { HttpPickupClient, todayInChina } from '@app/contracts';
import { eventually, startTestApp, TestApp } from '@app/testing';
import { addDays, pointBody } from './helpers';

describe('pickup points: the service alone (SERVICES=pickup-point)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SERVICES: 'pickup-point' });
  });
  afterAll(() => t.close());

  it('serves its own paths only, holds slots for a remote order service, and relays its events', async () => {
    const tokens = t.app.get(TokenService);
    const admin = tokens.issue(randomUUID(), 'admin').accessToken;
    expect((await t.api.post('/api/auth/login', { phone: '13800000001', password: 'x' })).status).toBe(404);

    const created = await t.api.post('/api/pickup-points', pointBody({ capacityPerDay: 2 }), admin);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.api.post(`/api/pickup-points/${id}/status`, { status: 'active' }, admin)).status).toBe(200);

    const client = new HttpPickupClient(t.baseUrl, () => tokens.serviceToken('order'));
    const day = addDays(todayInChina(), 1);
    const orderId = randomUUID();
    expect(await client.hold({ orderId, pointId: id, day })).toEqual({ orderId, pointId: id, day, status: 'held' });
    expect((await client.point(id))?.status).toBe('active');
    expect((await client.release(orderId))?.status).toBe('released');

    // Events with no consumer yet are relayed and marked, so the outbox does not grow.
    await eventually(
      async () => (await t.db.query(`SELECT count(*)::int AS n FROM pickup.outbox WHERE relayed_at IS NULL`))[0].n === 0,
      'the outbox relay to move pickup events',
    );
    const types = await t.db.query(`SELECT DISTINCT type FROM pickup.outbox`);
    expect(types).toEqual([{ type: 'pickup.point.changed' }]);
  });
});
