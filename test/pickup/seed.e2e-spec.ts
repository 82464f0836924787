import { Client } from 'pg';
import { COUNTY_CODES, todayInChina } from '@app/contracts';
import { startTestApp, TestApp } from '@app/testing';
import { PICKUP_POINT_SEEDS, seedPickupPoints, STAFF_PASSWORD } from '../../scripts/seed/pickup-points';
import { addDays } from './helpers';

describe('pickup points: the seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seeds 30+ points across all eleven counties with staff, once, through pg or TypeORM', async () => {
    const client = new Client({ connectionString: t.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      const first = await seedPickupPoints(client);
      await client.query('COMMIT');
      expect(first.points).toBeGreaterThanOrEqual(30);
      expect(first).toMatchObject({ pointsAdded: first.points, bindingsAdded: PICKUP_POINT_SEEDS.reduce((n, p) => n + p.staff.length, 0) });
    } finally {
      await client.end();
    }
    const second = await seedPickupPoints(t.db);
    expect(second).toMatchObject({ pointsAdded: 0, bindingsAdded: 0 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pickup.points`);
    expect(n).toBe(PICKUP_POINT_SEEDS.length);

    for (const county of COUNTY_CODES) {
      const res = await t.api.get(`/api/pickup-points?county=${county}`);
      expect([county, res.status, res.body.items.length > 0]).toEqual([county, 200, true]);
    }
    const near = await t.api.get('/api/pickup-points?near=27.338,103.717&limit=3');
    expect(near.body.items[0]).toMatchObject({ name: '昭通城区学院路社区便民店', distanceKm: 0 });
  });

  it('binds the demo staff account to the 洒渔镇 station, which takes holds on its open days', async () => {
    const login = await t.api.post('/api/auth/login', { phone: '13800000004', password: STAFF_PASSWORD });
    expect(login.status).toBe(200);
    const mine = await t.api.get('/api/pickup-points/mine', login.body.accessToken);
    expect(mine.body.items).toHaveLength(1);
    const point = mine.body.items[0];
    expect(point).toMatchObject({ name: '洒渔镇光明村村级服务站', county: 'zhaoyang', township: '洒渔镇', status: 'active', capacityPerDay: 60 });
    const from = addDays(todayInChina(), 1);
    const days = (await t.api.get(`/api/pickup-points/${point.id}/availability?from=${from}&to=${addDays(from, 6)}`)).body;
    expect(days.every((d: { open: boolean; remaining: number }) => d.open && d.remaining === 60)).toBe(true);

    const staffed = await t.db.query(`SELECT count(DISTINCT point_id)::int AS points, count(DISTINCT user_id)::int AS staff FROM pickup.point_staff`);
    expect(staffed[0].points).toBeGreaterThanOrEqual(10);
    const roles = await t.db.query(
      `SELECT DISTINCT u.role FROM identity.users u WHERE u.id IN (SELECT user_id FROM pickup.point_staff)`,
    );
    expect(roles).toEqual([{ role: 'staff' }]);
  });
});
