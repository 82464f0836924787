import type { ImageKey, ProducerSeed, ProductSeed } from './catalog';
import type { Motif } from './produce';
import { produceKind } from './catalog';
import { Rng } from './rng';

export type Role = 'admin' | 'farmer' | 'buyer' | 'staff';

export interface DemoAccount {
  role: Role;
  phone: string;
  password: string;
  displayName: string;
}

/** One account per role, with fixed numbers and passwords the seed prints when it is done. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'admin', phone: '13800000001', password: 'admin-demo-2026', displayName: '平台管理员' },
  { role: 'farmer', phone: '13800000002', password: 'farmer-demo-2026', displayName: '李国华' },
  { role: 'buyer', phone: '13800000003', password: 'buyer-demo-2026', displayName: '张丽' },
  { role: 'staff', phone: '13800000004', password: 'staff-demo-2026', displayName: '王芳（洒渔镇服务站）' },
];

/** Every generated producer account signs in with the demo farmer's password. */
export const PRODUCER_PASSWORD = 'farmer-demo-2026';

export const DEMO_FARMER = DEMO_ACCOUNTS.find((a) => a.role === 'farmer')!;

const DAY = 86_400_000;

/**
 * The demo farmer's approved apple orchard in 洒渔 and its products: 昭通苹果 at ¥6.80/斤 with 500 in stock,
 * a gift box, a sold-out box of ugly apples, a walnut draft and a paused bag of potatoes.
 */
export function demoFarmer(rng: Rng, now: Date = new Date()): { producer: ProducerSeed; products: ProductSeed[] } {
  const t = now.getTime();
  const producer: ProducerSeed = {
    id: rng.uuid(),
    userId: rng.uuid(),
    phone: DEMO_FARMER.phone,
    displayName: DEMO_FARMER.displayName,
    kind: 'farmer',
    name: '李国华苹果园',
    contactName: '李国华',
    contactPhone: DEMO_FARMER.phone,
    county: 'zhaoyang',
    township: '洒渔镇',
    village: '河坝村',
    certifications: ['green_food', 'geographic_indication'],
    description: '昭阳区洒渔镇河坝村的家庭果园，种了 30 亩红富士，一家人自己管、自己摘。',
    status: 'approved',
    reviewNote: '资料齐全，同意入驻。',
    reviewedAt: new Date(t - 200 * DAY),
    createdAt: new Date(t - 202 * DAY),
    specialty: 'apple_fuji',
  };
  const base = {
    producerId: producer.id,
    originCounty: 'zhaoyang' as const,
    titleEn: null,
    descriptionEn: null,
    preSale: false,
    expectedShipDate: null,
    perishable: false,
    shelfLifeDays: null,
    minOrderQty: 1,
  };
  const photos = (motif: Motif, n: number) => Array.from({ length: n }, (_, i) => ({ id: rng.uuid(), image: `${motif}-${i % 2}` as ImageKey }));
  const at = (daysAgo: number) => new Date(t - daysAgo * DAY);
  const apple = produceKind('apple_fuji');
  const products: ProductSeed[] = [
    {
      ...base,
      id: rng.uuid(),
      category: 'fruit',
      titleZh: '昭通苹果',
      titleEn: 'Zhaotong apples',
      descriptionZh: '洒渔镇河坝村自家果园的红富士，海拔 1900 米，昼夜温差大，脆甜多汁。22:00 前下单，次日送到服务站自提。地理标志产品，包裹附溯源码。',
      descriptionEn: 'Red Fuji from our orchard in Sayu at 1,900 m: crisp and sweet.',
      unit: 'jin',
      unitNote: '约 500 克/斤',
      priceFen: 680,
      grade: 'first',
      harvestFrom: apple.season!.from,
      harvestTo: apple.season!.to,
      status: 'active',
      stockAvailable: 500,
      publishedAt: at(40),
      createdAt: at(41),
      photos: photos('apple', 2),
      produce: 'apple_fuji',
    },
    {
      ...base,
      id: rng.uuid(),
      category: 'fruit',
      titleZh: '昭通冰糖心苹果 5公斤礼盒装',
      descriptionZh: '霜降后采收的冰糖心，每个单独网套，礼盒装，适合送亲友。',
      unit: 'box',
      unitNote: '5 公斤/箱',
      priceFen: 9800,
      grade: 'premium',
      harvestFrom: '2026-10-20',
      harvestTo: '2026-12-20',
      status: 'active',
      stockAvailable: 60,
      publishedAt: at(20),
      createdAt: at(21),
      photos: photos('apple', 1),
      produce: 'apple_bingtangxin',
    },
    {
      ...base,
      id: rng.uuid(),
      category: 'fruit',
      titleZh: '丑苹果 10公斤装',
      descriptionZh: '果面有冰雹点和锈斑，不影响口感，自家吃很划算。这一批已经卖完，下周补货。',
      unit: 'box',
      unitNote: '10 公斤/箱',
      priceFen: 6800,
      grade: 'standard',
      harvestFrom: '2026-09-20',
      harvestTo: '2027-01-31',
      status: 'active',
      stockAvailable: 0,
      minOrderQty: 1,
      publishedAt: at(30),
      createdAt: at(31),
      photos: photos('apple', 1),
      produce: 'apple_ugly',
    },
    {
      ...base,
      id: rng.uuid(),
      category: 'nut',
      titleZh: '洒渔核桃 薄壳',
      descriptionZh: '果园边上几棵老核桃树结的，九月打的，已经晾干。还在整理，过几天上架。',
      unit: 'jin',
      unitNote: '约 500 克/斤',
      priceFen: 1500,
      grade: 'first',
      harvestFrom: '2026-09-01',
      harvestTo: '2027-08-31',
      minOrderQty: 2,
      status: 'draft',
      stockAvailable: 200,
      publishedAt: null,
      createdAt: at(5),
      photos: [],
      produce: 'walnut',
    },
    {
      ...base,
      id: rng.uuid(),
      category: 'vegetable',
      titleZh: '窖藏洋芋 10公斤袋装',
      descriptionZh: '自家地窖里存的老品种洋芋，面糯。暂时下架，等新一窖出来再卖。',
      unit: 'bag',
      unitNote: '10 公斤/袋',
      priceFen: 3500,
      grade: 'standard',
      harvestFrom: '2026-07-15',
      harvestTo: '2027-04-30',
      status: 'paused',
      stockAvailable: 80,
      publishedAt: at(60),
      createdAt: at(61),
      photos: photos('potato', 1),
      produce: 'potato_stored',
    },
  ];
  return { producer, products };
}
