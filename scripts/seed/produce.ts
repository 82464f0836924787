import type { County, Grade, ProductCategory, Unit } from '@app/contracts';

/** The placeholder picture a product gets (see photos.ts): one motif per kind of produce. */
export type Motif =
  | 'apple' | 'cherry' | 'plum' | 'gastrodia' | 'potato' | 'greens' | 'konjac' | 'bamboo_fungus'
  | 'mushroom' | 'pepper' | 'walnut' | 'buckwheat' | 'grain' | 'shoot' | 'tea';

export interface PackOption {
  unit: Unit;
  unitNote: string | null;
  /** Price per unit, fen: [low, high]. */
  price: readonly [number, number];
  /** Units on hand: [low, high]. */
  stock: readonly [number, number];
  minOrder?: readonly [number, number];
  /** Added to the title now and then: 5公斤装, 礼盒装. */
  titleSuffix?: readonly string[];
  weight?: number;
}

/** A harvest window, YYYY-MM-DD. */
export interface Season {
  from: string;
  to: string;
}

export interface ProduceKind {
  key: string;
  /** What its producers grow, for descriptions: 天麻, 红富士苹果. */
  noun: string;
  category: ProductCategory;
  motif: Motif;
  /** How common the kind is among listings. */
  weight: number;
  /** Where it comes from. */
  counties: readonly County[];
  /** Restrict producers to these townships (小草坝天麻 comes from 小草坝镇). */
  townships?: Partial<Record<County, readonly string[]>>;
  /** Title stems; {c} becomes the county's short name (鲁甸). */
  titles: readonly string[];
  titlesEn: readonly string[];
  packs: readonly PackOption[];
  grades: readonly Grade[] | null;
  /** The 2026 harvest window, or null for dried and stored goods sold all year. */
  season: Season | null;
  /** Shelf life in days for perishables: [low, high]. */
  perishable?: readonly [number, number];
  /** Some listings are next season's crop, sold ahead (预售). */
  preSale?: { chance: number; season: Season; ship: readonly [string, string] };
  /** Description sentences; {c} county, {t} township. */
  about: readonly string[];
  aboutEn: readonly string[];
  /** Names for a farm that specialises in it, and for a co-operative. */
  farmNames: readonly string[];
  coopName: string;
  /** Its producers carry the geographic-indication mark (地理标志). */
  geographicIndication?: boolean;
}

const ALL: readonly County[] = ['zhaoyang', 'ludian', 'qiaojia', 'yanjin', 'daguan', 'yongshan', 'suijiang', 'zhenxiong', 'yiliang', 'weixin', 'shuifu'];
const HIGHLAND: readonly County[] = ['zhaoyang', 'ludian', 'qiaojia', 'zhenxiong', 'yiliang', 'yongshan', 'daguan'];
const TIANMA: readonly County[] = ['yiliang', 'zhenxiong', 'daguan'];
const SHOOTS: readonly County[] = ['daguan', 'yanjin', 'yongshan'];

const STORED_APPLE_NOTE = '冷库贮藏，随发随采';

export const PRODUCE: readonly ProduceKind[] = [
  {
    key: 'apple_fuji',
    noun: '红富士苹果',
    category: 'fruit',
    motif: 'apple',
    weight: 9,
    counties: ['zhaoyang', 'ludian'],
    titles: ['昭通苹果 红富士', '昭通红富士苹果', '{c}红富士苹果', '高原红富士苹果', '昭通苹果 脆甜红富士'],
    titlesEn: ['Zhaotong apples, Red Fuji', 'Red Fuji apples from {c}', 'Highland Fuji apples'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [550, 900], stock: [200, 3000], minOrder: [1, 5], weight: 4 },
      { unit: 'box', unitNote: '5 公斤/箱', price: [5800, 8800], stock: [20, 400], titleSuffix: ['5公斤装', '家庭装'], weight: 3 },
      { unit: 'box', unitNote: '10 公斤/箱', price: [9800, 15800], stock: [10, 200], titleSuffix: ['10公斤整箱'], weight: 2 },
    ],
    grades: ['premium', 'first', 'second'],
    season: { from: '2026-10-10', to: '2026-12-15' },
    about: [
      '昭通地处云贵高原，海拔 1900 米上下，昼夜温差大，苹果着色好、糖分足。',
      '红富士晚熟品种，果肉脆甜多汁，放在阴凉处可存放一个月。',
      '果径 80 毫米以上，人工采摘，逐个套网袋装箱。',
      '{t}果园自种自摘，不打蜡、不催熟。',
    ],
    aboutEn: ['Late-ripening Red Fuji grown at about 1,900 m, crisp and sweet.', 'Hand-picked and packed at the orchard.'],
    farmNames: ['苹果园', '果园', '红富士果园'],
    coopName: '苹果专业合作社',
    geographicIndication: true,
  },
  {
    key: 'apple_bingtangxin',
    noun: '冰糖心苹果',
    category: 'fruit',
    motif: 'apple',
    weight: 5,
    counties: ['zhaoyang', 'ludian'],
    titles: ['昭通冰糖心苹果', '冰糖心苹果', '{c}冰糖心苹果 红富士', '昭通苹果 冰糖心'],
    titlesEn: ['Sugar-heart apples', 'Zhaotong sugar-core apples'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [800, 1280], stock: [100, 2000], weight: 3 },
      { unit: 'box', unitNote: '5 公斤/箱', price: [8800, 12800], stock: [20, 300], titleSuffix: ['5公斤礼盒装', '精选礼盒'], weight: 3 },
    ],
    grades: ['premium', 'first'],
    season: { from: '2026-10-20', to: '2026-12-20' },
    about: [
      '霜降后采收，果心糖分结晶成"冰糖心"，切开可见透明糖心。',
      '挂树时间长，香味浓，甜度高。',
      '礼盒内每个苹果单独网套，适合送亲友。',
    ],
    aboutEn: ['Picked after the first frost, when sugar crystallises around the core.'],
    farmNames: ['冰糖心果园', '苹果园'],
    coopName: '冰糖心苹果合作社',
    geographicIndication: true,
  },
  {
    key: 'apple_ugly',
    noun: '苹果',
    category: 'fruit',
    motif: 'apple',
    weight: 4,
    counties: ['zhaoyang', 'ludian'],
    titles: ['昭通丑苹果', '丑苹果 红富士', '{c}丑苹果（果面有斑点）', '高原丑苹果 自家吃'],
    titlesEn: ['Ugly apples', 'Imperfect Fuji apples'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [380, 600], stock: [300, 4000], minOrder: [2, 10], weight: 3 },
      { unit: 'box', unitNote: '10 公斤/箱', price: [6800, 9800], stock: [20, 300], titleSuffix: ['10公斤装'], weight: 2 },
    ],
    grades: ['second', 'standard'],
    season: { from: '2026-09-20', to: '2027-01-31' },
    about: [
      '高原紫外线强，果面有锈斑、冰雹点，不影响口感，价格实惠。',
      '个头大小不一，适合自家吃、做果汁。',
      '和精品果同一片果园，同一天采摘。',
    ],
    aboutEn: ['Blemished skin from highland sun and hail, same taste, lower price.'],
    farmNames: ['苹果园', '果园'],
    coopName: '苹果专业合作社',
    geographicIndication: true,
  },
  {
    key: 'apple_stored',
    noun: '苹果',
    category: 'fruit',
    motif: 'apple',
    weight: 3,
    counties: ['zhaoyang', 'ludian'],
    titles: ['冷库红富士苹果', '昭通苹果 冷藏果', '{c}苹果 冷库鲜储'],
    titlesEn: ['Cold-stored Fuji apples'],
    packs: [
      { unit: 'jin', unitNote: STORED_APPLE_NOTE, price: [600, 950], stock: [500, 5000], weight: 2 },
      { unit: 'box', unitNote: '10 公斤/箱', price: [10800, 16800], stock: [30, 400], titleSuffix: ['10公斤整箱'], weight: 2 },
    ],
    grades: ['first', 'second', 'standard'],
    season: { from: '2026-10-15', to: '2027-05-31' },
    about: ['当季采收后入气调冷库，出库即发，脆度不减。', '冬春两季都能吃到昭通苹果。'],
    aboutEn: ['Kept in controlled-atmosphere cold storage and shipped as ordered.'],
    farmNames: ['苹果园', '果品冷库'],
    coopName: '果品专业合作社',
    geographicIndication: true,
  },
  {
    key: 'apple_gala',
    noun: '早熟苹果',
    category: 'fruit',
    motif: 'apple',
    weight: 1.5,
    counties: ['zhaoyang', 'ludian'],
    titles: ['早熟苹果 嘎啦', '{c}嘎啦苹果', '早熟红露苹果'],
    titlesEn: ['Gala apples'],
    packs: [{ unit: 'jin', unitNote: '约 500 克/斤', price: [500, 800], stock: [0, 600] }],
    grades: ['first', 'second'],
    season: { from: '2026-08-01', to: '2026-09-15' },
    about: ['八月上市的早熟品种，果肉细，酸甜适口。', '今年的早熟果已近尾声，余量不多。'],
    aboutEn: ['An early variety, in the shops from August.'],
    farmNames: ['苹果园'],
    coopName: '苹果专业合作社',
  },
  {
    key: 'xcb_tianma_fresh',
    noun: '小草坝天麻',
    category: 'medicinal',
    motif: 'gastrodia',
    weight: 4,
    counties: ['yiliang'],
    townships: { yiliang: ['小草坝镇'] },
    titles: ['小草坝鲜天麻', '小草坝天麻 鲜品', '小草坝乌天麻（鲜）', '彝良小草坝天麻 新鲜'],
    titlesEn: ['Fresh Xiaocaoba gastrodia (tianma)', 'Xiaocaoba tianma, fresh'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤，3-6 个', price: [9800, 22000], stock: [20, 300], weight: 3 },
      { unit: 'box', unitNote: '1 公斤/盒', price: [26800, 49800], stock: [10, 80], titleSuffix: ['礼盒装'], weight: 2 },
    ],
    grades: ['premium', 'first', 'second'],
    season: { from: '2026-10-01', to: '2026-12-31' },
    perishable: [10, 20],
    about: [
      '小草坝是天麻的原产地之一，林下仿野生种植，生长三年以上。',
      '乌天麻个头饱满，断面白润，可炖汤、蒸食。',
      '鲜天麻请冷藏，收到后尽快食用。',
      '{t}林下种植，当天挖、当天发。',
    ],
    aboutEn: ['Grown under the forest at Xiaocaoba, the home of Zhaotong tianma.', 'Keep chilled and use soon.'],
    farmNames: ['天麻种植基地', '天麻园'],
    coopName: '天麻专业合作社',
    geographicIndication: true,
  },
  {
    key: 'tianma_fresh',
    noun: '天麻',
    category: 'medicinal',
    motif: 'gastrodia',
    weight: 4,
    counties: TIANMA,
    titles: ['{c}鲜天麻', '乌天麻 鲜品', '红天麻 新鲜', '{c}林下天麻（鲜）', '昭通鲜天麻'],
    titlesEn: ['Fresh gastrodia from {c}', 'Fresh tianma'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [5000, 12000], stock: [30, 600], weight: 3 },
      { unit: 'kg', unitNote: null, price: [9800, 22000], stock: [20, 300], weight: 1 },
    ],
    grades: ['first', 'second', 'standard'],
    season: { from: '2026-10-01', to: '2026-12-31' },
    perishable: [10, 15],
    about: ['海拔 1500 米以上的林下种植，冬季采挖。', '鲜麻个头匀称，适合炖鸡、煲汤。', '收到后冷藏保存，半个月内食用。'],
    aboutEn: ['Dug in winter from forest plots above 1,500 m.'],
    farmNames: ['天麻种植基地', '天麻园'],
    coopName: '天麻种植专业合作社',
  },
  {
    key: 'xcb_tianma_dried',
    noun: '小草坝天麻',
    category: 'medicinal',
    motif: 'gastrodia',
    weight: 3,
    counties: ['yiliang'],
    townships: { yiliang: ['小草坝镇'] },
    titles: ['小草坝天麻 干货', '小草坝天麻片', '小草坝乌天麻 干品', '小草坝天麻粉'],
    titlesEn: ['Dried Xiaocaoba gastrodia', 'Xiaocaoba tianma slices'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [38000, 68000], stock: [10, 200], weight: 2 },
      { unit: 'bag', unitNote: '250 克/袋', price: [18800, 32800], stock: [20, 300], weight: 2 },
    ],
    grades: ['premium', 'first', 'second'],
    season: null,
    about: ['鲜麻蒸透后低温烘干，切片均匀，质地坚实。', '干品常年有货，密封防潮保存。', '地理标志产品，每袋附溯源码。'],
    aboutEn: ['Steamed and dried at low heat; keeps all year in a dry place.'],
    farmNames: ['天麻种植基地'],
    coopName: '天麻专业合作社',
    geographicIndication: true,
  },
  {
    key: 'tianma_dried',
    noun: '天麻',
    category: 'medicinal',
    motif: 'gastrodia',
    weight: 3,
    counties: TIANMA,
    titles: ['{c}天麻片', '天麻干片', '{c}天麻 干货', '天麻粉 超细', '昭通天麻 干品'],
    titlesEn: ['Dried gastrodia slices', 'Tianma powder'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [26000, 48000], stock: [10, 300], weight: 2 },
      { unit: 'bag', unitNote: '250 克/袋', price: [12800, 23800], stock: [20, 400], weight: 2 },
    ],
    grades: ['first', 'second', 'standard'],
    season: null,
    about: ['蒸制烘干，片形完整。', '干品常年供应，可泡水、炖汤、打粉。'],
    aboutEn: ['Dried slices, available all year.'],
    farmNames: ['天麻园', '天麻加工坊'],
    coopName: '天麻专业合作社',
  },
  {
    key: 'tianma_gift',
    noun: '天麻',
    category: 'medicinal',
    motif: 'gastrodia',
    weight: 2,
    counties: ['yiliang', 'yiliang', 'zhenxiong', 'daguan'],
    titles: ['小草坝天麻礼盒', '天麻礼盒 精选', '{c}天麻礼盒', '乌天麻礼盒 年货'],
    titlesEn: ['Gastrodia gift box'],
    packs: [
      { unit: 'box', unitNote: '500 克/盒', price: [29800, 88800], stock: [5, 120], weight: 2 },
      { unit: 'box', unitNote: '250 克/盒', price: [16800, 39800], stock: [5, 150], weight: 1 },
    ],
    grades: ['premium', 'first'],
    season: null,
    about: ['精选整只干天麻，礼盒包装，适合走亲访友。', '每盒附产地溯源码，扫码可见种植户、县份和采收批次。'],
    aboutEn: ['Whole dried tianma in a gift box, with a trace code.'],
    farmNames: ['天麻种植基地'],
    coopName: '天麻产业合作社',
  },
  {
    key: 'potato_new',
    noun: '马铃薯',
    category: 'vegetable',
    motif: 'potato',
    weight: 4,
    counties: ALL,
    titles: ['高山马铃薯', '{c}洋芋', '黄心洋芋', '红皮洋芋', '昭通马铃薯 新洋芋'],
    titlesEn: ['Highland potatoes', 'New potatoes from {c}'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [120, 250], stock: [500, 8000], minOrder: [5, 10], weight: 2 },
      { unit: 'bag', unitNote: '10 公斤/袋', price: [2500, 4500], stock: [20, 500], titleSuffix: ['10公斤袋装'], weight: 3 },
      { unit: 'bag', unitNote: '25 公斤/袋', price: [5500, 9000], stock: [10, 200], weight: 1 },
    ],
    grades: ['first', 'second', 'standard'],
    season: { from: '2026-07-15', to: '2026-10-31' },
    about: ['高海拔冷凉山区种植，淀粉足，面糯好吃。', '适合烧洋芋、炸洋芋、煮饭。', '大小分级装袋，带泥发货更耐放。'],
    aboutEn: ['Grown in the cool highlands; floury and good for roasting.'],
    farmNames: ['洋芋种植园', '马铃薯基地'],
    coopName: '马铃薯专业合作社',
  },
  {
    key: 'potato_stored',
    noun: '洋芋',
    category: 'vegetable',
    motif: 'potato',
    weight: 4,
    counties: ALL,
    titles: ['窖藏洋芋', '{c}老品种洋芋（窖藏）', '高山窖藏马铃薯', '昭通洋芋 冬储'],
    titlesEn: ['Cellar-stored potatoes'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [150, 280], stock: [500, 10000], minOrder: [5, 10], weight: 2 },
      { unit: 'bag', unitNote: '10 公斤/袋', price: [2800, 4800], stock: [20, 600], titleSuffix: ['10公斤袋装'], weight: 3 },
    ],
    grades: ['second', 'standard'],
    season: { from: '2026-07-15', to: '2027-04-30' },
    about: ['秋收后入地窖贮藏，冬春持续供应。', '老品种口感面，适合炖、烧、做洋芋饭。'],
    aboutEn: ['Kept in cellars after the autumn harvest and sold through winter and spring.'],
    farmNames: ['洋芋种植园', '马铃薯基地'],
    coopName: '马铃薯专业合作社',
  },
  {
    key: 'greens',
    noun: '高山蔬菜',
    category: 'vegetable',
    motif: 'greens',
    weight: 2.5,
    counties: ALL,
    titles: ['高山大白菜', '{c}青菜', '高山萝卜', '冬季莲花白', '{c}时令蔬菜 组合'],
    titlesEn: ['Highland cabbage', 'Seasonal greens'],
    packs: [
      { unit: 'jin', unitNote: null, price: [150, 400], stock: [100, 2000], minOrder: [2, 5], weight: 2 },
      { unit: 'bag', unitNote: '5 公斤/袋', price: [1500, 3200], stock: [10, 200], weight: 1 },
    ],
    grades: ['first', 'standard'],
    season: { from: '2026-10-01', to: '2027-02-28' },
    perishable: [4, 7],
    about: ['当天采摘，次日到服务站。', '冷凉山区种植，病虫少，少打药。'],
    aboutEn: ['Picked the day before it reaches your pickup point.'],
    farmNames: ['蔬菜基地', '菜园'],
    coopName: '蔬菜种植专业合作社',
  },
  {
    key: 'konjac',
    noun: '魔芋',
    category: 'vegetable',
    motif: 'konjac',
    weight: 1.5,
    counties: ['zhenxiong', 'yiliang', 'weixin', 'yanjin', 'daguan', 'suijiang', 'shuifu'],
    titles: ['鲜魔芋', '手工魔芋豆腐', '{c}魔芋', '魔芋丝 农家手工'],
    titlesEn: ['Konjac', 'Handmade konjac tofu'],
    packs: [
      { unit: 'jin', unitNote: null, price: [400, 900], stock: [50, 600], weight: 2 },
      { unit: 'piece', unitNote: '约 1 公斤/块', price: [1200, 2000], stock: [20, 200], weight: 1 },
    ],
    grades: null,
    season: { from: '2026-10-15', to: '2027-03-31' },
    perishable: [5, 7],
    about: ['农家手工做的魔芋豆腐，爽滑有嚼劲，凉拌、烧菜都好。', '冷藏保存一周内吃完。'],
    aboutEn: ['Handmade konjac; keep chilled and eat within a week.'],
    farmNames: ['魔芋种植园', '农家作坊'],
    coopName: '魔芋种植专业合作社',
  },
  {
    key: 'zhusun',
    noun: '竹荪',
    category: 'fungus',
    motif: 'bamboo_fungus',
    weight: 6,
    counties: ['weixin', 'weixin', 'yiliang'],
    titles: ['威信竹荪', '干竹荪', '{c}竹荪 干货', '长裙竹荪', '红托竹荪 精选', '竹荪 无硫烘干'],
    titlesEn: ['Dried bamboo fungus', 'Bamboo fungus (zhusun) from {c}'],
    packs: [
      { unit: 'bag', unitNote: '50 克/袋', price: [2500, 4800], stock: [20, 800], weight: 3 },
      { unit: 'bag', unitNote: '250 克/袋', price: [11000, 22000], stock: [10, 300], weight: 2 },
      { unit: 'box', unitNote: '100 克/盒', price: [6800, 12800], stock: [10, 200], titleSuffix: ['礼盒装'], weight: 1 },
    ],
    grades: ['premium', 'first', 'second'],
    season: null,
    about: [
      '竹林下种植的红托竹荪，菌裙完整，无硫低温烘干。',
      '用清水泡 10 分钟即可炖汤，鲜香爽脆。',
      '干品常年供应，密封避光保存。',
    ],
    aboutEn: ['Grown in bamboo groves and dried without sulphur; soak 10 minutes before cooking.'],
    farmNames: ['竹荪种植基地', '竹荪园'],
    coopName: '竹荪专业合作社',
  },
  {
    key: 'mushroom',
    noun: '香菇和木耳',
    category: 'fungus',
    motif: 'mushroom',
    weight: 2,
    counties: ['weixin', 'yiliang', 'yanjin', 'daguan', 'zhenxiong', 'suijiang'],
    titles: ['高山香菇干', '{c}黑木耳', '椴木香菇', '秋木耳 干货'],
    titlesEn: ['Dried shiitake', 'Black wood-ear fungus'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [3800, 7800], stock: [20, 400], weight: 2 },
      { unit: 'bag', unitNote: '250 克/袋', price: [2200, 4500], stock: [20, 400], weight: 2 },
    ],
    grades: ['first', 'second'],
    season: null,
    about: ['椴木栽培，自然晾晒，肉厚味香。', '泡发后炒、炖都可以。'],
    aboutEn: ['Log-grown and sun-dried.'],
    farmNames: ['菌菇基地', '食用菌园'],
    coopName: '食用菌专业合作社',
  },
  {
    key: 'huajiao',
    noun: '花椒',
    category: 'spice',
    motif: 'pepper',
    weight: 6,
    counties: ['ludian', 'ludian', 'qiaojia', 'qiaojia'],
    titles: ['鲁甸大红袍花椒', '巧家花椒', '{c}红花椒', '青花椒 麻香', '{c}花椒 头茬椒', '花椒面 现磨'],
    titlesEn: ['Sichuan pepper', 'Red Sichuan peppercorns from {c}'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [4000, 8000], stock: [20, 600], weight: 3 },
      { unit: 'bag', unitNote: '250 克/袋', price: [2200, 4200], stock: [20, 800], weight: 2 },
      { unit: 'bag', unitNote: '100 克/袋', price: [1000, 1800], stock: [50, 1000], weight: 1 },
    ],
    grades: ['premium', 'first', 'second'],
    season: { from: '2026-06-15', to: '2026-08-31' },
    preSale: { chance: 0.2, season: { from: '2027-06-15', to: '2027-08-31' }, ship: ['2027-07-05', '2027-08-10'] },
    about: [
      '干热河谷阳光足，花椒颗粒大、色红油润，麻味足。',
      '人工采摘，自然晒干，去籽去枝梗。',
      '密封避光保存，香味可保持一年。',
    ],
    aboutEn: ['Sun-dried red peppercorns from the dry river valleys; strong numbing aroma.'],
    farmNames: ['花椒园', '花椒基地'],
    coopName: '花椒专业合作社',
  },
  {
    key: 'cherry',
    noun: '樱桃',
    category: 'fruit',
    motif: 'cherry',
    weight: 3,
    counties: ['ludian'],
    titles: ['鲁甸樱桃', '鲁甸大樱桃 美早', '本地小樱桃', '鲁甸樱桃 2027 新季预售'],
    titlesEn: ['Ludian cherries (pre-sale)', 'Cherries from Ludian'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [1500, 3000], stock: [50, 1000], weight: 2 },
      { unit: 'box', unitNote: '2.5 公斤/箱', price: [12000, 19800], stock: [20, 300], titleSuffix: ['2.5公斤箱装'], weight: 2 },
    ],
    grades: ['premium', 'first', 'second'],
    season: { from: '2026-04-10', to: '2026-05-31' },
    perishable: [3, 3],
    preSale: { chance: 1, season: { from: '2027-04-10', to: '2027-05-31' }, ship: ['2027-04-20', '2027-05-15'] },
    about: [
      '四五月成熟，果皮薄、汁水多，非常不耐放，采摘当天冷链发出。',
      '预售按下单顺序发货，实际采收量不足时按比例退款。',
      '收到后冷藏，三天内吃完。',
    ],
    aboutEn: ['Ripe in April and May and very perishable; eat within three days.', 'Pre-sale: shortfalls are refunded pro rata.'],
    farmNames: ['樱桃园', '樱桃采摘园'],
    coopName: '樱桃种植专业合作社',
  },
  {
    key: 'plum',
    noun: '半边红李',
    category: 'fruit',
    motif: 'plum',
    weight: 1.5,
    counties: ['suijiang', 'suijiang', 'shuifu', 'yongshan'],
    titles: ['绥江半边红李', '{c}脆红李', '半边红李子 预售'],
    titlesEn: ['Suijiang half-red plums'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [800, 1500], stock: [50, 1000], weight: 2 },
      { unit: 'box', unitNote: '5 公斤/箱', price: [7800, 12800], stock: [20, 200], weight: 1 },
    ],
    grades: ['premium', 'first'],
    season: { from: '2026-06-20', to: '2026-07-31' },
    perishable: [5, 7],
    preSale: { chance: 0.6, season: { from: '2027-06-20', to: '2027-07-31' }, ship: ['2027-06-25', '2027-07-15'] },
    about: ['金沙江边的李子，一半红一半绿，脆甜微酸。', '六七月上市，冷链发货。'],
    aboutEn: ['Crisp plums from the Jinsha river banks, June to July.'],
    farmNames: ['李子园', '果园'],
    coopName: '李子专业合作社',
  },
  {
    key: 'walnut',
    noun: '核桃',
    category: 'nut',
    motif: 'walnut',
    weight: 7,
    counties: ['zhaoyang', 'ludian', 'qiaojia', 'yanjin', 'daguan', 'yongshan', 'zhenxiong', 'yiliang', 'weixin', 'suijiang'],
    titles: ['{c}核桃', '薄壳核桃', '昭通核桃 2026 新货', '泡核桃 手剥', '核桃仁 原味', '{c}老品种核桃'],
    titlesEn: ['Walnuts', 'Thin-shell walnuts from {c}', 'Walnut kernels'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [1000, 2000], stock: [100, 3000], minOrder: [1, 2], weight: 3 },
      { unit: 'bag', unitNote: '2.5 公斤/袋', price: [4800, 9000], stock: [20, 400], titleSuffix: ['5斤装'], weight: 2 },
      { unit: 'jin', unitNote: '核桃仁，约 500 克/斤', price: [3500, 5500], stock: [20, 500], weight: 1 },
    ],
    grades: ['premium', 'first', 'second', 'standard'],
    season: { from: '2026-09-01', to: '2027-08-31' },
    about: ['九月采收，脱青皮后自然晾干，壳薄仁满。', '手一捏就开，仁色浅，不苦涩。', '干燥通风保存，可放一年。'],
    aboutEn: ['Harvested in September and air-dried; thin shells, full kernels.'],
    farmNames: ['核桃园', '核桃基地'],
    coopName: '核桃专业合作社',
  },
  {
    key: 'qiongzhu_fresh',
    noun: '筇竹笋',
    category: 'bamboo_shoot',
    motif: 'shoot',
    weight: 3,
    counties: SHOOTS,
    titles: ['筇竹笋 鲜笋', '{c}筇竹笋', '高山筇竹笋（鲜）', '野生筇竹笋 带壳'],
    titlesEn: ['Fresh qiongzhu bamboo shoots'],
    packs: [{ unit: 'jin', unitNote: '带壳，约 500 克/斤', price: [800, 1500], stock: [0, 500], weight: 1 }],
    grades: ['first', 'second'],
    season: { from: '2026-09-01', to: '2026-10-31' },
    perishable: [3, 5],
    preSale: { chance: 0.3, season: { from: '2027-09-01', to: '2027-10-31' }, ship: ['2027-09-10', '2027-10-10'] },
    about: ['筇竹是乌蒙山特有的竹种，笋质脆嫩、清香。', '九十月上山采挖，当天剥壳焯水发出。', '鲜笋不耐放，三天内食用。'],
    aboutEn: ['A bamboo of the Wumeng mountains; picked September to October, eat within three days.'],
    farmNames: ['竹笋基地', '筇竹园'],
    coopName: '竹笋专业合作社',
  },
  {
    key: 'fangzhu_fresh',
    noun: '方竹笋',
    category: 'bamboo_shoot',
    motif: 'shoot',
    weight: 2,
    counties: SHOOTS,
    titles: ['方竹笋', '{c}方竹笋 鲜笋', '高山方竹笋'],
    titlesEn: ['Fresh square bamboo shoots'],
    packs: [{ unit: 'jin', unitNote: '剥壳，约 500 克/斤', price: [1000, 1800], stock: [0, 400], weight: 1 }],
    grades: ['first', 'second'],
    season: { from: '2026-09-10', to: '2026-10-31' },
    perishable: [3, 4],
    preSale: { chance: 0.3, season: { from: '2027-09-10', to: '2027-10-31' }, ship: ['2027-09-15', '2027-10-15'] },
    about: ['方竹笋四方形，肉厚脆嫩，炒肉、煮汤都鲜。', '季节短，九十月才有。'],
    aboutEn: ['Square-stemmed bamboo shoots, in season September to October.'],
    farmNames: ['方竹园', '竹笋基地'],
    coopName: '方竹笋专业合作社',
  },
  {
    key: 'shoot_dried',
    noun: '竹笋',
    category: 'bamboo_shoot',
    motif: 'shoot',
    weight: 3,
    counties: SHOOTS,
    titles: ['筇竹笋干', '方竹笋干', '{c}笋干 农家晒', '手剥笋 即食'],
    titlesEn: ['Dried bamboo shoots'],
    packs: [
      { unit: 'jin', unitNote: '约 500 克/斤', price: [6000, 12000], stock: [10, 300], weight: 2 },
      { unit: 'bag', unitNote: '250 克/袋', price: [3800, 6800], stock: [20, 500], weight: 2 },
    ],
    grades: ['first', 'second'],
    season: null,
    about: ['鲜笋焯水后晒干，泡发后炖肉、炒腊肉。', '常年供应。'],
    aboutEn: ['Sun-dried shoots; soak and stew with cured pork.'],
    farmNames: ['竹笋基地'],
    coopName: '竹笋专业合作社',
  },
  {
    key: 'kuqiao_flour',
    noun: '苦荞',
    category: 'grain',
    motif: 'buckwheat',
    weight: 4,
    counties: HIGHLAND,
    titles: ['苦荞面', '苦荞粉 石磨', '{c}苦荞米', '高山苦荞面粉', '苦荞挂面'],
    titlesEn: ['Tartary buckwheat flour', 'Tartary buckwheat from {c}'],
    packs: [
      { unit: 'bag', unitNote: '1 公斤/袋', price: [1500, 2800], stock: [50, 1000], weight: 2 },
      { unit: 'bag', unitNote: '2.5 公斤/袋', price: [3200, 5800], stock: [20, 500], weight: 2 },
    ],
    grades: ['first', 'standard'],
    season: null,
    about: ['海拔 2000 米以上种植的苦荞，石磨磨粉。', '做苦荞粑粑、苦荞饭，微苦回甘。'],
    aboutEn: ['Stone-ground tartary buckwheat grown above 2,000 m.'],
    farmNames: ['苦荞种植基地', '杂粮作坊'],
    coopName: '苦荞专业合作社',
  },
  {
    key: 'kuqiao_tea',
    noun: '苦荞',
    category: 'tea',
    motif: 'buckwheat',
    weight: 3,
    counties: HIGHLAND,
    titles: ['苦荞茶', '黑苦荞茶 全胚', '苦荞麦茶 罐装', '{c}苦荞茶'],
    titlesEn: ['Tartary buckwheat tea'],
    packs: [
      { unit: 'box', unitNote: '500 克/罐', price: [3800, 7800], stock: [20, 600], weight: 2 },
      { unit: 'bag', unitNote: '250 克/袋', price: [2200, 3800], stock: [20, 800], weight: 2 },
    ],
    grades: ['first', 'standard'],
    season: null,
    about: ['苦荞籽粒烘焙而成，麦香浓，开水冲泡即可。', '可反复冲泡，适合日常饮用。'],
    aboutEn: ['Roasted tartary buckwheat; steep in hot water.'],
    farmNames: ['苦荞茶坊', '杂粮作坊'],
    coopName: '苦荞产业合作社',
  },
  {
    key: 'green_tea',
    noun: '茶叶',
    category: 'tea',
    motif: 'tea',
    weight: 2,
    counties: ['daguan', 'yanjin', 'yongshan', 'suijiang', 'shuifu', 'weixin'],
    titles: ['{c}高山绿茶', '高山云雾茶', '明前绿茶', '{c}红茶'],
    titlesEn: ['Highland green tea', 'Mountain mist tea'],
    packs: [
      { unit: 'box', unitNote: '250 克/盒', price: [6800, 16800], stock: [10, 300], weight: 2 },
      { unit: 'bag', unitNote: '100 克/袋', price: [3800, 8800], stock: [20, 400], weight: 1 },
    ],
    grades: ['premium', 'first', 'second'],
    season: null,
    about: ['高山云雾中生长的茶园，手工炒制。', '汤色清亮，回甘明显。'],
    aboutEn: ['Hand-finished tea from misty mountain gardens.'],
    farmNames: ['茶园', '茶厂'],
    coopName: '茶叶专业合作社',
  },
  {
    key: 'highland_grains',
    noun: '杂粮',
    category: 'grain',
    motif: 'grain',
    weight: 2,
    counties: HIGHLAND,
    titles: ['高山燕麦米', '老品种玉米面', '荞麦米', '{c}杂粮组合'],
    titlesEn: ['Highland oats', 'Heirloom cornmeal'],
    packs: [
      { unit: 'bag', unitNote: '2.5 公斤/袋', price: [2800, 5800], stock: [20, 400], weight: 2 },
      { unit: 'jin', unitNote: null, price: [500, 1200], stock: [100, 1500], minOrder: [2, 5], weight: 1 },
    ],
    grades: ['first', 'standard'],
    season: null,
    about: ['高寒山区一年一季，不施化肥。', '煮粥、蒸饭、做粑粑都好。'],
    aboutEn: ['One crop a year in the cold highlands.'],
    farmNames: ['杂粮基地'],
    coopName: '杂粮专业合作社',
  },
];

export const PRODUCE_BY_KEY: ReadonlyMap<string, ProduceKind> = new Map(PRODUCE.map((k) => [k.key, k]));

/** Produce grown in a county. */
export function produceOf(county: County): ProduceKind[] {
  return PRODUCE.filter((k) => k.counties.includes(county));
}

/** Lines added to descriptions whatever the produce. */
export const SERVICE_LINES: readonly string[] = [
  '22:00 前下单，次日送到就近的村级服务站，凭取货码自提。',
  '支持微信、支付宝付款，也可以到服务站付款。',
  '坏果、破损拍照联系客服，核实后退款。',
  '产地直发，不经中间商。',
  '按实际称重结算，误差范围内多退少补。',
  '扫包裹上的溯源码，可以看到种植户、县份和采收批次。',
];
