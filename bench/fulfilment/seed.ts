import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { accessToken } from '../shared/tokens';

/** Counties with a seat in COUNTY_SEATS: one collection run per county and wave. */
export const COUNTIES = ['zhaoyang', 'ludian', 'yiliang', 'zhenxiong'] as const;
const ALL_WEEK = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { open: '08:00', close: '20:00' }]));

export interface Farmer {
  userId: string;
  token: string;
  producerId: string;
  productId: string;
  priceFen: number;
}
export interface Point {
  id: string;
  county: string;
  staffToken: string;
}

/**
 * Producers with one product each (plenty of stock), pickup points spread over four counties with a staff
 * account each, written with SQL as the seed would. Accounts are tokens only: no identity rows.
 */
export async function seedWorld(db: Pool, secret: string, opts: { producers: number; points: number; orders: number }) {
  const farmers: Farmer[] = [];
  for (let i = 0; i < opts.producers; i++) {
    const userId = randomUUID();
    const county = COUNTIES[i % COUNTIES.length];
    const {
      rows: [producer],
    } = await db.query(
      `INSERT INTO catalog.producers (user_id, kind, name, contact_name, contact_phone, county, township, status, reviewed_at)
       VALUES ($1, 'cooperative', $2, '王建国', $3, $4, '龙头山镇', 'approved', now()) RETURNING id`,
      [userId, `昭通果蔬合作社 ${i + 1}`, `139${String(10_000_000 + i).padStart(8, '0')}`, county],
    );
    const priceFen = 1200 + i * 100;
    const {
      rows: [product],
    } = await db.query(
      `INSERT INTO catalog.products (producer_id, category, title_zh, unit, price_fen, origin_county, status, stock_available, published_at)
       VALUES ($1, 'fruit', $2, 'box', $3, $4, 'active', 10000000, now()) RETURNING id`,
      [producer.id, `昭通苹果 礼盒 ${i + 1}`, priceFen, county],
    );
    farmers.push({ userId, token: accessToken(secret, 'farmer', userId), producerId: producer.id, productId: product.id, priceFen });
  }
  const points: Point[] = [];
  // Room for every order at any point, under the table's 10,000-a-day CHECK.
  const capacity = Math.min(10_000, Math.ceil(opts.orders / opts.points) * 2 + 10);
  for (let i = 0; i < opts.points; i++) {
    const county = COUNTIES[i % COUNTIES.length];
    const {
      rows: [point],
    } = await db.query(
      `INSERT INTO pickup.points (name, kind, county, township, address, lat, lng, opening_hours, capacity_per_day, commission_bps, status, status_changed_at, contact_phone)
       VALUES ($1, 'township_coop', $2, '龙头山镇', '中街 12 号', $3, $4, $5::jsonb, $6, 200, 'active', now(), '13900000002') RETURNING id`,
      [`便民服务站 ${i + 1}`, county, 27.1 + i * 0.01, 103.4 + i * 0.01, JSON.stringify(ALL_WEEK), capacity],
    );
    const staffId = randomUUID();
    await db.query(`INSERT INTO pickup.point_staff (point_id, user_id) VALUES ($1, $2)`, [point.id, staffId]);
    points.push({ id: point.id, county, staffToken: accessToken(secret, 'staff', staffId) });
  }
  for (const t of ['catalog.producers', 'catalog.products', 'pickup.points', 'pickup.point_staff']) await db.query(`VACUUM ANALYZE ${t}`);
  return { farmers, points, adminToken: accessToken(secret, 'admin') };
}
