import { hash } from '@node-rs/argon2';
import { randomInt, randomUUID } from 'node:crypto';
import { TokenService } from '@app/auth';
import type { TestApp } from './test-app';

let phoneCounter = randomInt(10_000_000, 90_000_000);
/** A fresh mainland mobile number for each call. */
export const nextPhone = () => `139${String(phoneCounter++).padStart(8, '0')}`;

export const PASSWORD = 'test-pass-2026';

export interface Account {
  id: string;
  phone: string;
  token: string;
}

export interface ProducerAccount extends Account {
  producerId: string;
}

/** Test data through the public API, as a person would make it; admins are inserted as the seed does. */
export class Factory {
  private adminAccount: Account | null = null;

  constructor(private readonly t: TestApp) {}

  async register(role: 'buyer' | 'farmer', displayName = '测试用户'): Promise<Account> {
    const phone = nextPhone();
    const res = await this.t.api.post('/api/auth/register', { phone, password: PASSWORD, role, displayName });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.user.id, phone, token: res.body.accessToken };
  }

  buyer() {
    return this.register('buyer', '买家');
  }

  async admin(): Promise<Account> {
    if (this.adminAccount) return this.adminAccount;
    const phone = nextPhone();
    const rows = await this.t.db.query(
      `INSERT INTO identity.users (phone, password_hash, role, display_name) VALUES ($1, $2, 'admin', '管理员') RETURNING id`,
      [phone, await hash(PASSWORD)],
    );
    const res = await this.t.api.post('/api/auth/login', { phone, password: PASSWORD });
    if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.adminAccount = { id: rows[0].id, phone, token: res.body.accessToken };
    return this.adminAccount;
  }

  serviceToken(service = 'order'): string {
    return this.t.app.get(TokenService).serviceToken(service);
  }

  /** A farmer who has applied; approved unless `approve` is false. */
  async producer(overrides: Record<string, unknown> = {}, approve = true): Promise<ProducerAccount> {
    const farmer = await this.register('farmer', '种植户');
    const res = await this.t.api.post(
      '/api/catalog/producers',
      { kind: 'farmer', name: '鲁甸苹果园', contactName: '王建国', contactPhone: farmer.phone, county: 'ludian', township: '龙头山镇', ...overrides },
      farmer.token,
    );
    if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (approve) {
      const admin = await this.admin();
      const ok = await this.t.api.post(`/api/catalog/producers/${res.body.id}/review`, { decision: 'approve' }, admin.token);
      if (ok.status !== 200) throw new Error(`approve failed: ${ok.status} ${JSON.stringify(ok.body)}`);
    }
    return { ...farmer, producerId: res.body.id };
  }

  /** A product of `owner`, active (on sale) with `stock` unless told otherwise. */
  async product(owner: Account, overrides: Record<string, unknown> = {}, opts: { stock?: number; activate?: boolean } = {}) {
    const res = await this.t.api.post(
      '/api/catalog/products',
      { category: 'fruit', titleZh: '昭通苹果', unit: 'jin', priceFen: 680, stock: opts.stock ?? 500, ...overrides },
      owner.token,
    );
    if (res.status !== 201) throw new Error(`create product failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (opts.activate === false) return res.body;
    const on = await this.t.api.post(`/api/catalog/products/${res.body.id}/status`, { status: 'active' }, owner.token);
    if (on.status !== 200) throw new Error(`activate failed: ${on.status} ${JSON.stringify(on.body)}`);
    return on.body;
  }

  /** An active pickup point open every day, made and approved by an admin. */
  async pickupPoint(overrides: Record<string, unknown> = {}): Promise<{ id: string; capacityPerDay: number }> {
    const admin = await this.admin();
    const allWeek = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { open: '08:00', close: '20:00' }]));
    const res = await this.t.api.post(
      '/api/pickup-points',
      {
        name: '龙头山镇供销社便民店',
        kind: 'township_coop',
        county: 'ludian',
        township: '龙头山镇',
        address: '龙头山镇中街 12 号',
        lat: 27.12,
        lng: 103.45,
        openingHours: allWeek,
        capacityPerDay: 200,
        commissionBps: 200,
        contactPhone: nextPhone(),
        ...overrides,
      },
      admin.token,
    );
    if (res.status !== 201) throw new Error(`create pickup point failed: ${res.status} ${JSON.stringify(res.body)}`);
    const on = await this.t.api.post(`/api/pickup-points/${res.body.id}/status`, { status: 'active' }, admin.token);
    if (on.status !== 200) throw new Error(`activate pickup point failed: ${on.status} ${JSON.stringify(on.body)}`);
    return { id: res.body.id, capacityPerDay: res.body.capacityPerDay };
  }

  /** A buyer known only by a signed token: enough for the order service, which trusts the token. */
  tokenBuyer(): Account {
    const id = randomUUID();
    return { id, phone: '', token: this.t.app.get(TokenService).issue(id, 'buyer').accessToken };
  }
}

