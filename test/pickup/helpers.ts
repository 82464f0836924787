import { randomBytes } from 'node:crypto';
import { addDays, todayInChina, WeeklyHours } from '@app/contracts';
import { Account, Factory, nextPhone, PASSWORD, TestApp } from '@app/testing';
import { weekdayOf } from '../../apps/pickup-point/src/availability/calendar';

export { addDays, weekdayOf };

export const EVERY_DAY: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { open: '08:00', close: '20:00' }]));
export const MON_TO_SAT: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((d) => [d, { open: '08:00', close: '19:00' }]));
export const MON_TO_FRI: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '18:00' }]));

/** A township name no other test uses, so searches by it see only this test's points. */
export const uniqueTownship = () => `测${randomBytes(3).toString('hex')}镇`;

/** The first day on or after `from` that falls on ISO weekday `iso` ('1' Monday … '7' Sunday). */
export function nextWeekday(iso: string, from = addDays(todayInChina(), 1)): string {
  let day = from;
  while (weekdayOf(day) !== iso) day = addDays(day, 1);
  return day;
}

export function pointBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '洒渔镇光明村村级服务站',
    kind: 'village_station',
    county: 'zhaoyang',
    township: '洒渔镇',
    village: '光明村',
    address: '昭阳区洒渔镇光明村委会旁',
    lat: 27.4312,
    lng: 103.5893,
    openingHours: EVERY_DAY,
    capacityPerDay: 50,
    coldStorage: false,
    commissionBps: 150,
    contactName: '王芳',
    contactPhone: nextPhone(),
    ...overrides,
  };
}

/** Pickup-point test data through the API, as an admin would make it. */
export class PickupFactory {
  constructor(
    private readonly t: TestApp,
    private readonly f: Factory,
  ) {}

  /** A point, approved (active) unless `activate` is false. */
  async point(overrides: Record<string, unknown> = {}, opts: { activate?: boolean } = {}) {
    const admin = await this.f.admin();
    const res = await this.t.api.post('/api/pickup-points', pointBody(overrides), admin.token);
    if (res.status !== 201) throw new Error(`create point failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (opts.activate === false) return res.body;
    const on = await this.t.api.post(`/api/pickup-points/${res.body.id}/status`, { status: 'active' }, admin.token);
    if (on.status !== 200) throw new Error(`approve point failed: ${on.status} ${JSON.stringify(on.body)}`);
    return on.body;
  }

  /** A staff account made by an admin, logged in; bound to `pointIds`. */
  async staff(...pointIds: string[]): Promise<Account> {
    const admin = await this.f.admin();
    const phone = nextPhone();
    const made = await this.t.api.post('/api/auth/users', { phone, role: 'staff', password: PASSWORD, displayName: '服务站店员' }, admin.token);
    if (made.status !== 201) throw new Error(`create staff failed: ${made.status} ${JSON.stringify(made.body)}`);
    const login = await this.t.api.post('/api/auth/login', { phone, password: PASSWORD });
    if (login.status !== 200) throw new Error(`staff login failed: ${login.status} ${JSON.stringify(login.body)}`);
    for (const id of pointIds) {
      const bound = await this.t.api.post(`/api/pickup-points/${id}/staff`, { userId: made.body.id }, admin.token);
      if (bound.status !== 201) throw new Error(`bind staff failed: ${bound.status} ${JSON.stringify(bound.body)}`);
    }
    return { id: made.body.id, phone, token: login.body.accessToken };
  }
}
