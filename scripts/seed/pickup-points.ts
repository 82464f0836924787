import { createHash } from 'node:crypto';
import { COUNTIES, County, PickupPointKind, PickupPointStatus, WeeklyHours, ZHAOTONG_BOUNDS } from '@app/contracts';
import { weeklyHoursProblem } from '../../apps/pickup-point/src/availability/calendar';
import { hashPassword } from '../../apps/identity/src/auth/passwords';
import { DEMO_ACCOUNTS } from './accounts';
import { Sql, upsertUsers } from './db';

/**
 * Pickup points across Zhaotong's eleven counties, and staff accounts bound to some of them. Coordinates are
 * approximate town and township centres; names follow the local pattern (…镇供销社便民店, …村村级服务站).
 */

const VILLAGE: WeeklyHours = days('1234567', '08:00', '20:00');
const COOP: WeeklyHours = { ...days('123456', '08:00', '18:30'), '7': { open: '09:00', close: '17:00' } };
const TOWN: WeeklyHours = days('1234567', '08:00', '21:30');
const REMOTE: WeeklyHours = days('123456', '09:00', '18:00');

function days(which: string, open: string, close: string): WeeklyHours {
  return Object.fromEntries([...which].map((d) => [d, { open, close }])) as WeeklyHours;
}

export interface PickupPointSeed {
  name: string;
  kind: PickupPointKind;
  county: County;
  township: string;
  village: string | null;
  /** The part of the address after county, township and village. */
  street: string;
  lat: number;
  lng: number;
  hours: WeeklyHours;
  capacity: number;
  coldStorage: boolean;
  commissionBps: number;
  status: PickupPointStatus;
  statusNote?: string;
  contactName: string;
  contactPhone: string;
  /** Staff accounts (phone numbers) bound to the point. */
  staff: string[];
  /** Days the point is closed, with why. */
  closed?: Array<{ day: string; reason: string }>;
}

/** The demo staff account (13800000004, 王芳（洒渔镇服务站）) runs the 洒渔镇 station. */
const DEMO_STAFF = DEMO_ACCOUNTS.find((a) => a.role === 'staff')!;
export const STAFF_PASSWORD = DEMO_STAFF.password;
const SPRING_FESTIVAL = [
  { day: '2027-02-06', reason: '春节休息' },
  { day: '2027-02-07', reason: '春节休息' },
  { day: '2027-02-08', reason: '春节休息' },
];

type Row = Omit<PickupPointSeed, 'contactPhone' | 'staff' | 'status'> & { staff?: string[]; status?: PickupPointStatus; contactPhone?: string };

const ROWS: Row[] = [
  // 昭阳区
  { name: '洒渔镇光明村村级服务站', kind: 'village_station', county: 'zhaoyang', township: '洒渔镇', village: '光明村', street: '村委会旁王芳小卖部', lat: 27.433, lng: 103.605, hours: VILLAGE, capacity: 60, coldStorage: false, commissionBps: 150, contactName: '王芳', contactPhone: DEMO_STAFF.phone, staff: [DEMO_STAFF.phone], closed: SPRING_FESTIVAL },
  { name: '北闸镇供销社便民店', kind: 'township_coop', county: 'zhaoyang', township: '北闸镇', village: null, street: '北闸街 18 号供销社', lat: 27.429, lng: 103.718, hours: COOP, capacity: 200, coldStorage: true, commissionBps: 200, contactName: '刘德明', staff: ['13802000001'] },
  { name: '昭通城区学院路社区便民店', kind: 'town_shop', county: 'zhaoyang', township: '龙泉街道', village: null, street: '学院路 66 号', lat: 27.338, lng: 103.717, hours: TOWN, capacity: 300, coldStorage: true, commissionBps: 120, contactName: '陈丽萍', staff: ['13802000002'] },
  { name: '永丰镇供销社便民店', kind: 'township_coop', county: 'zhaoyang', township: '永丰镇', village: null, street: '永丰农贸市场东门', lat: 27.315, lng: 103.77, hours: COOP, capacity: 150, coldStorage: false, commissionBps: 180, contactName: '杨兴华' },
  { name: '大山包镇车路村村级服务站', kind: 'village_station', county: 'zhaoyang', township: '大山包镇', village: '车路村', street: '村活动室', lat: 27.39, lng: 103.35, hours: REMOTE, capacity: 40, coldStorage: false, commissionBps: 250, contactName: '马正富', closed: SPRING_FESTIVAL },
  { name: '苏家院镇红岩村村级服务站', kind: 'village_station', county: 'zhaoyang', township: '苏家院镇', village: '红岩村', street: '红岩村小学对面', lat: 27.33, lng: 103.64, hours: VILLAGE, capacity: 40, coldStorage: false, commissionBps: 220, contactName: '赵永红', status: 'proposed' },
  // 鲁甸县
  { name: '龙头山镇供销社便民店', kind: 'township_coop', county: 'ludian', township: '龙头山镇', village: null, street: '龙泉路供销社一楼', lat: 27.101, lng: 103.399, hours: COOP, capacity: 120, coldStorage: true, commissionBps: 200, contactName: '李会英', staff: ['13802000003'] },
  { name: '鲁甸县城文屏便民店', kind: 'town_shop', county: 'ludian', township: '文屏镇', village: null, street: '文屏路 102 号', lat: 27.192, lng: 103.558, hours: TOWN, capacity: 250, coldStorage: true, commissionBps: 150, contactName: '张志强', staff: ['13802000004'] },
  { name: '水磨镇新店村村级服务站', kind: 'village_station', county: 'ludian', township: '水磨镇', village: '新店村', street: '樱桃收购点旁', lat: 27.23, lng: 103.47, hours: VILLAGE, capacity: 50, coldStorage: true, commissionBps: 220, contactName: '禄成芬', staff: ['13802000003'], closed: SPRING_FESTIVAL },
  { name: '茨院乡供销社便民店', kind: 'township_coop', county: 'ludian', township: '茨院乡', village: null, street: '茨院街供销社', lat: 27.25, lng: 103.6, hours: COOP, capacity: 80, coldStorage: false, commissionBps: 180, contactName: '周光荣' },
  // 巧家县
  { name: '巧家县城白鹤滩便民店', kind: 'town_shop', county: 'qiaojia', township: '白鹤滩镇', village: null, street: '迎宾路 35 号', lat: 26.911, lng: 102.93, hours: TOWN, capacity: 220, coldStorage: true, commissionBps: 150, contactName: '胡丽萍', staff: ['13802000005'] },
  { name: '蒙姑镇供销社便民店', kind: 'township_coop', county: 'qiaojia', township: '蒙姑镇', village: null, street: '蒙姑街中段', lat: 26.65, lng: 102.98, hours: COOP, capacity: 90, coldStorage: false, commissionBps: 200, contactName: '何学文' },
  { name: '药山镇大村村级服务站', kind: 'village_station', county: 'qiaojia', township: '药山镇', village: '大村', street: '村委会一楼', lat: 27.13, lng: 103.08, hours: REMOTE, capacity: 40, coldStorage: false, commissionBps: 250, contactName: '罗应才', closed: SPRING_FESTIVAL },
  // 盐津县
  { name: '盐津县城盐井便民店', kind: 'town_shop', county: 'yanjin', township: '盐井镇', village: null, street: '滨江路 21 号', lat: 28.108, lng: 104.235, hours: TOWN, capacity: 200, coldStorage: true, commissionBps: 150, contactName: '唐文秀', staff: ['13802000006'] },
  { name: '豆沙镇供销社便民店', kind: 'township_coop', county: 'yanjin', township: '豆沙镇', village: null, street: '豆沙关景区路口', lat: 28.03, lng: 104.09, hours: COOP, capacity: 80, coldStorage: false, commissionBps: 180, contactName: '曾仕林' },
  { name: '庙坝镇石门村村级服务站', kind: 'village_station', county: 'yanjin', township: '庙坝镇', village: '石门村', street: '石门村公路边', lat: 27.87, lng: 104.29, hours: VILLAGE, capacity: 35, coldStorage: false, commissionBps: 250, contactName: '聂绍云', status: 'suspended', statusNote: '店主外出务工，暂停服务' },
  // 大关县
  { name: '大关县城翠华便民店', kind: 'town_shop', county: 'daguan', township: '翠华镇', village: null, street: '翠华路 88 号', lat: 27.748, lng: 103.892, hours: TOWN, capacity: 180, coldStorage: true, commissionBps: 150, contactName: '申德彬', staff: ['13802000007'] },
  { name: '天星镇供销社便民店', kind: 'township_coop', county: 'daguan', township: '天星镇', village: null, street: '天星街供销社', lat: 27.9, lng: 103.95, hours: COOP, capacity: 100, coldStorage: false, commissionBps: 200, contactName: '安廷芳' },
  { name: '寿山镇青杠村村级服务站', kind: 'village_station', county: 'daguan', township: '寿山镇', village: '青杠村', street: '筇竹笋收购站旁', lat: 27.72, lng: 104.05, hours: VILLAGE, capacity: 30, coldStorage: false, commissionBps: 250, contactName: '苏朝兵', closed: SPRING_FESTIVAL },
  // 永善县
  { name: '永善县城溪洛渡便民店', kind: 'town_shop', county: 'yongshan', township: '溪洛渡街道', village: null, street: '金沙路 15 号', lat: 28.229, lng: 103.638, hours: TOWN, capacity: 220, coldStorage: true, commissionBps: 150, contactName: '蒋启龙', staff: ['13802000008'] },
  { name: '桧溪镇供销社便民店', kind: 'township_coop', county: 'yongshan', township: '桧溪镇', village: null, street: '桧溪街上', lat: 28.3, lng: 103.85, hours: COOP, capacity: 90, coldStorage: false, commissionBps: 200, contactName: '潘从友' },
  { name: '务基镇海坝村村级服务站', kind: 'village_station', county: 'yongshan', township: '务基镇', village: '海坝村', street: '海坝村委会旁', lat: 28.07, lng: 103.73, hours: VILLAGE, capacity: 40, coldStorage: false, commissionBps: 250, contactName: '龙顺昌' },
  // 绥江县
  { name: '绥江县城中城便民店', kind: 'town_shop', county: 'suijiang', township: '中城镇', village: null, street: '滨江大道 120 号', lat: 28.592, lng: 103.968, hours: TOWN, capacity: 160, coldStorage: true, commissionBps: 150, contactName: '林加林', staff: ['13802000009'] },
  { name: '南岸镇供销社便民店', kind: 'township_coop', county: 'suijiang', township: '南岸镇', village: null, street: '南岸街供销社', lat: 28.56, lng: 103.99, hours: COOP, capacity: 70, coldStorage: false, commissionBps: 200, contactName: '陆海军' },
  // 镇雄县
  { name: '镇雄县城乌峰便民店', kind: 'town_shop', county: 'zhenxiong', township: '乌峰街道', village: null, street: '南台路 9 号', lat: 27.441, lng: 104.873, hours: TOWN, capacity: 300, coldStorage: true, commissionBps: 120, contactName: '邓正伟', staff: ['13802000010'] },
  { name: '以勒镇供销社便民店', kind: 'township_coop', county: 'zhenxiong', township: '以勒镇', village: null, street: '以勒街供销社', lat: 27.47, lng: 105.07, hours: COOP, capacity: 150, coldStorage: false, commissionBps: 180, contactName: '徐大勇' },
  { name: '芒部镇松林村村级服务站', kind: 'village_station', county: 'zhenxiong', township: '芒部镇', village: '松林村', street: '松林村小卖部', lat: 27.58, lng: 104.73, hours: VILLAGE, capacity: 45, coldStorage: false, commissionBps: 250, contactName: '孙玉兰', closed: SPRING_FESTIVAL },
  { name: '泼机镇供销社便民店', kind: 'township_coop', county: 'zhenxiong', township: '泼机镇', village: null, street: '泼机街中段', lat: 27.36, lng: 104.64, hours: COOP, capacity: 100, coldStorage: false, commissionBps: 200, contactName: '朱家贵', status: 'proposed' },
  // 彝良县
  { name: '小草坝镇龙井村村级服务站', kind: 'village_station', county: 'yiliang', township: '小草坝镇', village: '龙井村', street: '天麻交易点旁', lat: 27.75, lng: 104.2, hours: VILLAGE, capacity: 60, coldStorage: false, commissionBps: 220, contactName: '吴开明', staff: ['13802000011'] },
  { name: '彝良县城角奎便民店', kind: 'town_shop', county: 'yiliang', township: '角奎镇', village: null, street: '发界路 27 号', lat: 27.626, lng: 104.048, hours: TOWN, capacity: 200, coldStorage: true, commissionBps: 150, contactName: '黄明芬', staff: ['13802000011'] },
  { name: '洛泽河镇供销社便民店', kind: 'township_coop', county: 'yiliang', township: '洛泽河镇', village: null, street: '洛泽河街供销社', lat: 27.56, lng: 104.02, hours: COOP, capacity: 80, coldStorage: false, commissionBps: 200, contactName: '郭朝富' },
  // 威信县
  { name: '威信县城扎西便民店', kind: 'town_shop', county: 'weixin', township: '扎西镇', village: null, street: '红军路 41 号', lat: 27.846, lng: 105.048, hours: TOWN, capacity: 180, coldStorage: true, commissionBps: 150, contactName: '高春梅', staff: ['13802000012'] },
  { name: '旧城镇供销社便民店', kind: 'township_coop', county: 'weixin', township: '旧城镇', village: null, street: '旧城街供销社', lat: 27.84, lng: 104.87, hours: COOP, capacity: 70, coldStorage: false, commissionBps: 200, contactName: '肖体仁' },
  // 水富市
  { name: '水富城区云富便民店', kind: 'town_shop', county: 'shuifu', township: '云富街道', village: null, street: '云富路 58 号', lat: 28.629, lng: 104.416, hours: TOWN, capacity: 200, coldStorage: true, commissionBps: 120, contactName: '余金花', staff: ['13802000013'] },
  { name: '太平镇供销社便民店', kind: 'township_coop', county: 'shuifu', township: '太平镇', village: null, street: '太平街供销社', lat: 28.53, lng: 104.35, hours: COOP, capacity: 60, coldStorage: false, commissionBps: 200, contactName: '曾丽萍' },
];

/** The points to seed: contact numbers default to a staff member's, or a fixed number per point. */
export const PICKUP_POINT_SEEDS: PickupPointSeed[] = ROWS.map((r, i) => ({
  ...r,
  status: r.status ?? 'active',
  staff: r.staff ?? [],
  contactPhone: r.contactPhone ?? r.staff?.[0] ?? `1380300${String(i + 1).padStart(4, '0')}`,
}));

/** A UUID fixed by the point's name, so a second run finds the rows the first one made. */
export function seedPointId(name: string): string {
  const h = createHash('sha1').update(`zhaotong-pickup-point:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Refuses seed data the service would refuse: outside Zhaotong, bad hours, out-of-range numbers. */
export function validatePickupSeeds(points: PickupPointSeed[] = PICKUP_POINT_SEEDS): void {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of points) {
    if (names.has(p.name)) problems.push(`${p.name}: listed twice`);
    names.add(p.name);
    if (p.lat < ZHAOTONG_BOUNDS.minLat || p.lat > ZHAOTONG_BOUNDS.maxLat || p.lng < ZHAOTONG_BOUNDS.minLng || p.lng > ZHAOTONG_BOUNDS.maxLng) {
      problems.push(`${p.name}: ${p.lat},${p.lng} is outside Zhaotong`);
    }
    const hours = weeklyHoursProblem(p.hours);
    if (hours) problems.push(`${p.name}: ${hours}`);
    if (p.capacity < 30 || p.capacity > 300) problems.push(`${p.name}: capacity ${p.capacity} outside 30..300`);
    if (p.commissionBps < 100 || p.commissionBps > 300) problems.push(`${p.name}: commission ${p.commissionBps} outside 100..300 bps`);
    if (!/^1[3-9]\d{9}$/.test(p.contactPhone)) problems.push(`${p.name}: contact phone ${p.contactPhone}`);
  }
  const counties = new Set(points.filter((p) => p.status === 'active').map((p) => p.county));
  for (const c of Object.keys(COUNTIES)) if (!counties.has(c as County)) problems.push(`${c}: no active pickup point`);
  if (problems.length) throw new Error(`pickup point seed is invalid:\n  ${problems.join('\n  ')}`);
}

/** Anything with query(): a pg Client/PoolClient ({ rows }) or a TypeORM DataSource/EntityManager (rows). */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

function asSql(db: Queryable): Sql {
  return {
    query: async (text, params) => {
      const res = (await db.query(text, params)) as { rows: any[]; rowCount: number | null } | any[];
      return Array.isArray(res) ? { rows: res, rowCount: res.length } : res;
    },
  };
}

export interface PickupSeedResult {
  points: number;
  pointsAdded: number;
  staffAccounts: number;
  bindingsAdded: number;
}

/**
 * Seeds the pickup points and their staff. Idempotent: points have ids fixed by their names and are
 * inserted only when missing (a point edited since keeps its edits), staff accounts are keyed by phone
 * (an existing account keeps its password), bindings and closed days are added when missing. Runs in
 * the caller's transaction, if it has one. The demo staff account 13800000004 is bound to 洒渔镇光明村村级服务站.
 */
export async function seedPickupPoints(ds: Queryable): Promise<PickupSeedResult> {
  validatePickupSeeds();
  const db = asSql(ds);
  const staffPhones = [...new Set(PICKUP_POINT_SEEDS.flatMap((p) => p.staff))];
  const staffHash = await hashPassword(STAFF_PASSWORD);
  const pointOf = new Map<string, string>();
  for (const p of PICKUP_POINT_SEEDS) for (const phone of p.staff) pointOf.set(phone, pointOf.get(phone) ?? p.township);
  const users = await upsertUsers(
    db,
    staffPhones.map((phone) => ({
      phone,
      password_hash: staffHash,
      role: 'staff' as const,
      display_name: phone === DEMO_STAFF.phone ? DEMO_STAFF.displayName : `${PICKUP_POINT_SEEDS.find((p) => p.staff.includes(phone))!.contactName}（${pointOf.get(phone)}服务点）`,
    })),
  );
  for (const phone of staffPhones) {
    const u = users.get(phone);
    if (!u) throw new Error(`no account for staff ${phone}`);
    if (u.role !== 'staff') throw new Error(`phone ${phone} already belongs to a ${u.role} account; cannot seed pickup staff on it`);
  }

  const rows = PICKUP_POINT_SEEDS.map((p) => ({
    id: seedPointId(p.name),
    name: p.name,
    kind: p.kind,
    county: p.county,
    township: p.township,
    village: p.village,
    address: `${COUNTIES[p.county].zh}${p.township}${p.village ?? ''}${p.street}`,
    lat: p.lat,
    lng: p.lng,
    opening_hours: p.hours,
    capacity_per_day: p.capacity,
    cold_storage: p.coldStorage,
    commission_bps: p.commissionBps,
    status: p.status,
    status_note: p.statusNote ?? (p.status === 'active' ? '资料齐全，同意开通。' : null),
    status_changed_at: p.status === 'proposed' ? null : new Date(),
    contact_name: p.contactName,
    contact_phone: p.contactPhone,
  }));
  const { rows: inserted } = await db.query(
    `INSERT INTO pickup.points (id, name, kind, county, township, village, address, lat, lng, opening_hours, capacity_per_day, cold_storage,
                                commission_bps, status, status_note, status_changed_at, contact_name, contact_phone)
     SELECT id, name, kind, county, township, village, address, lat, lng, opening_hours, capacity_per_day, cold_storage,
            commission_bps, status, status_note, status_changed_at, contact_name, contact_phone
       FROM json_populate_recordset(null::pickup.points, $1::json)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)],
  );

  const bindings = PICKUP_POINT_SEEDS.flatMap((p) => p.staff.map((phone) => ({ point_id: seedPointId(p.name), user_id: users.get(phone)!.id })));
  const { rows: bound } = await db.query(
    `INSERT INTO pickup.point_staff (point_id, user_id)
     SELECT point_id, user_id FROM json_populate_recordset(null::pickup.point_staff, $1::json)
     ON CONFLICT DO NOTHING
     RETURNING point_id`,
    [JSON.stringify(bindings)],
  );
  const closed = PICKUP_POINT_SEEDS.flatMap((p) => (p.closed ?? []).map((c) => ({ point_id: seedPointId(p.name), day: c.day, reason: c.reason })));
  await db.query(
    `INSERT INTO pickup.closed_days (point_id, day, reason)
     SELECT point_id, day, reason FROM json_populate_recordset(null::pickup.closed_days, $1::json)
     ON CONFLICT DO NOTHING
     RETURNING point_id`,
    [JSON.stringify(closed)],
  );
  return { points: rows.length, pointsAdded: inserted.length, staffAccounts: staffPhones.length, bindingsAdded: bound.length };
}
