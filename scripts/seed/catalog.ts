import {
  CERTIFICATION_CODES, Certification, COUNTIES, COUNTY_CODES, County, Grade, ProducerStatus, ProductCategory, ProductStatus, Unit,
} from '@app/contracts';
import { COUNTY_WEIGHT, countyShort, personName, TOWNSHIPS, townshipShort, villageName } from './places';
import { Motif, PackOption, PRODUCE, PRODUCE_BY_KEY, ProduceKind, produceOf, SERVICE_LINES } from './produce';
import { Rng, roundPrice } from './rng';

/** A placeholder picture chosen for a product: which motif and which of its colourings. */
export interface PhotoSeed {
  id: string;
  image: ImageKey;
}
export type ImageKey = `${Motif}-${number}`;
export const IMAGE_VARIANTS = 2;

/** A producer and the farmer account (identity.users) that owns it. Field names follow the Producer entity. */
export interface ProducerSeed {
  id: string;
  userId: string;
  phone: string;
  displayName: string;
  kind: 'farmer' | 'cooperative';
  name: string;
  contactName: string;
  contactPhone: string;
  county: County;
  township: string;
  village: string | null;
  certifications: Certification[];
  description: string;
  status: ProducerStatus;
  reviewNote: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  /** The produce key it mostly grows. */
  specialty: string;
}

/** A product row. Field names follow the Product entity, so writeSearchVector can read it as one. */
export interface ProductSeed {
  id: string;
  producerId: string;
  category: ProductCategory;
  titleZh: string;
  titleEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  unit: Unit;
  unitNote: string | null;
  priceFen: number;
  grade: Grade | null;
  originCounty: County;
  harvestFrom: string | null;
  harvestTo: string | null;
  preSale: boolean;
  expectedShipDate: string | null;
  perishable: boolean;
  shelfLifeDays: number | null;
  minOrderQty: number;
  status: ProductStatus;
  stockAvailable: number;
  publishedAt: Date | null;
  createdAt: Date;
  photos: PhotoSeed[];
  /** The produce key it was drawn from. */
  produce: string;
}

export interface Catalog {
  producers: ProducerSeed[];
  products: ProductSeed[];
}

export interface CatalogOptions {
  /** Every producer approved and every product active: what the benchmark lists. Default false. */
  listedOnly?: boolean;
  /** How many producers; default one for every seven products (at least two per county). */
  producers?: number;
  /** The first producer account's phone number; the others count up from it. */
  firstPhone?: number;
  /** Timestamps spread over the 200 days before this. Default: now. */
  now?: Date;
}

const DAY = 86_400_000;

/**
 * A realistic Zhaotong catalogue: producers in all eleven counties, each growing what its county grows,
 * and `count` products drawn from the produce table with prices, packs, grades, harvest windows, pre-sales
 * and stock to match. The same rng seed gives the same rows (ids too); only timestamps follow `now`.
 */
export function generateCatalog(count: number, rng: Rng, opts: CatalogOptions = {}): Catalog {
  const now = (opts.now ?? new Date()).getTime();
  const listedOnly = opts.listedOnly ?? false;
  const producerCount = Math.max(opts.producers ?? Math.ceil(count / 7), COUNTY_CODES.length * 2);
  const firstPhone = opts.firstPhone ?? 13_801_000_000;
  const names = new Set<string>();

  // Producers: first one of each county, then one for each township-bound produce (小草坝), then by weight.
  const placements: Array<{ county: County; kind?: ProduceKind }> = COUNTY_CODES.map((county) => ({ county }));
  for (const kind of PRODUCE) {
    for (const county of Object.keys(kind.townships ?? {}) as County[]) placements.push({ county, kind });
  }
  while (placements.length < producerCount) {
    placements.push({ county: rng.weighted(COUNTY_CODES, (c) => COUNTY_WEIGHT[c]) });
  }
  const pendingCount = listedOnly ? 0 : Math.max(2, Math.round(producerCount * 0.04));
  const producers = placements.slice(0, producerCount).map((place, i) => {
    const status: ProducerStatus = i >= producerCount - pendingCount ? 'pending' : 'approved';
    const createdAt = new Date(now - 230 * DAY + (i / producerCount) * 40 * DAY + rng.int(0, 12 * 3600_000));
    return makeProducer(rng, place.county, place.kind, String(firstPhone + i), status, createdAt, names);
  });

  const approved = producers.filter((p) => p.status === 'approved');
  const byCounty = new Map<County, ProducerSeed[]>();
  for (const p of approved) byCounty.set(p.county, [...(byCounty.get(p.county) ?? []), p]);

  const products: ProductSeed[] = [];
  for (let i = 0; i < count; i++) {
    // A kind of produce, a county that grows it and has a producer there, then that producer.
    let kind: ProduceKind;
    let candidates: ProducerSeed[];
    let county: County;
    for (;;) {
      kind = rng.weighted(PRODUCE, (k) => k.weight);
      county = rng.pick(kind.counties);
      const bound = kind.townships?.[county];
      candidates = (byCounty.get(county) ?? []).filter((p) => !bound || bound.includes(p.township));
      if (candidates.length) break;
    }
    const specialists = candidates.filter((p) => p.specialty === kind.key);
    const producer = specialists.length && rng.chance(0.7) ? rng.pick(specialists) : rng.pick(candidates);
    const createdAt = new Date(now - 190 * DAY + (i / count) * 189 * DAY + rng.int(0, 3600_000));
    products.push(makeProduct(rng, kind, producer, createdAt, listedOnly));
  }
  return { producers, products };
}

function makeProducer(
  rng: Rng, county: County, bound: ProduceKind | undefined, phone: string, status: ProducerStatus, createdAt: Date, names: Set<string>,
): ProducerSeed {
  const kind = bound ?? rng.weighted(produceOf(county).filter((k) => !k.townships), (k) => k.weight);
  const township = bound?.townships?.[county] ? rng.pick(bound.townships[county]!) : rng.pick(TOWNSHIPS[county]);
  const village = rng.chance(0.8) ? villageName(rng.pick, rng.chance) : null;
  const person = personName(rng.pick);
  const coop = rng.chance(0.3);
  const town = townshipShort(township);
  const tries = coop
    ? [`${COUNTIES[county].zh}${town}${kind.coopName}`, `${COUNTIES[county].zh}${town}${village ?? '联合'}${kind.coopName}`, `${town}${person.surname}氏${kind.coopName}`]
    : [`${person.full}${rng.pick(kind.farmNames)}`, `${town}${person.surname}家${rng.pick(kind.farmNames)}`, `${town}${person.full}家庭农场`];
  let name = tries.find((n) => !names.has(n));
  for (let n = 2; !name; n++) if (!names.has(`${tries[0]}${n}号`)) name = `${tries[0]}${n}号`;
  names.add(name);

  const certs = new Set<Certification>();
  if (kind.geographicIndication) certs.add('geographic_indication');
  if (rng.chance(0.25)) certs.add('green_food');
  if (rng.chance(0.08)) certs.add('organic');
  if (rng.chance(0.25)) certs.add('pollution_free');
  const place = `${COUNTIES[county].zh}${township}${village ?? ''}`;
  const description = coop
    ? `${place}的农民专业合作社，${rng.int(18, 260)} 户社员统一种植、分级和包装${kind.noun}，${rng.pick(['统一收购，按质论价。', '社员多是周边村寨的老乡。', '带动村里脱贫户一起种。'])}`
    : `${place}的家庭种植户，种${kind.noun}${rng.int(5, 25)}年了，${rng.pick(['自家种自家卖。', '一家三口打理，量不大但用心。', '收到有问题随时打电话。'])}`;

  return {
    id: rng.uuid(),
    userId: rng.uuid(),
    phone,
    displayName: person.full,
    kind: coop ? 'cooperative' : 'farmer',
    name,
    contactName: person.full,
    contactPhone: phone,
    county,
    township,
    village,
    certifications: CERTIFICATION_CODES.filter((c) => certs.has(c)),
    description,
    status,
    reviewNote: status === 'approved' ? rng.pick([null, null, '资料齐全，同意入驻。', '已电话核实。']) : null,
    reviewedAt: status === 'approved' ? new Date(createdAt.getTime() + rng.int(2, 72) * 3600_000) : null,
    createdAt,
    specialty: kind.key,
  };
}

const GRADE_BAND: Record<Grade | 'none', readonly [number, number]> = {
  premium: [0.6, 1], first: [0.35, 0.8], second: [0.15, 0.55], standard: [0, 0.4], none: [0, 1],
};

function makeProduct(rng: Rng, kind: ProduceKind, producer: ProducerSeed, createdAt: Date, listedOnly: boolean): ProductSeed {
  const county = producer.county;
  const pack: PackOption = rng.weighted(kind.packs, (p) => p.weight ?? 1);
  const grade: Grade | null = kind.grades && rng.chance(0.9) ? rng.pick(kind.grades) : null;
  const [lo, hi] = GRADE_BAND[grade ?? 'none'];
  const fraction = lo + rng.next() * (hi - lo);
  const priceFen = roundPrice(pack.price[0] + fraction * (pack.price[1] - pack.price[0]), rng);

  const preSale = !!kind.preSale && rng.chance(kind.preSale.chance);
  const stems = kind.titles.filter((t) => titleFits(t, county, producer.township) && (preSale || !t.includes('预售')));
  let titleZh = fill(rng.pick(stems.length ? stems : kind.titles), county, producer.township);
  if (pack.titleSuffix && rng.chance(0.4)) titleZh += ` ${rng.pick(pack.titleSuffix)}`;
  if (grade === 'premium' && rng.chance(0.3)) titleZh += ' 特级';
  const titleEn = rng.chance(0.5) ? fill(rng.pick(kind.titlesEn), county, producer.township) : null;

  const window = preSale ? kind.preSale!.season : kind.season;
  const expectedShipDate = preSale ? randomDate(rng, kind.preSale!.ship[0], kind.preSale!.ship[1]) : null;

  const about = rng.sample(kind.about, rng.int(2, Math.min(3, kind.about.length))).map((s) => fill(s, county, producer.township));
  if (preSale) about.push(`预售商品，预计 ${expectedShipDate} 起发货；预售数量为预估产量，采收不足时按比例退款。`);
  // 昭通苹果 and 小草坝天麻 are geographic-indication products; a certified producer says so.
  const giProduct = kind.geographicIndication || (kind.category === 'medicinal' && producer.township === '小草坝镇');
  if (giProduct && producer.certifications.includes('geographic_indication')) about.push('地理标志产品，包裹附溯源码。');
  about.push(rng.pick(SERVICE_LINES));
  const descriptionEn = titleEn && rng.chance(0.5) ? rng.sample(kind.aboutEn, 2).join(' ') : null;

  let status: ProductStatus = 'active';
  if (!listedOnly) {
    const r = rng.next();
    status = r < 0.07 ? 'draft' : r < 0.13 ? 'paused' : r < 0.15 ? 'archived' : 'active';
  }
  let stockAvailable = rng.int(pack.stock[0], pack.stock[1]);
  if (!preSale && rng.chance(0.07)) stockAvailable = 0; // sold out, still listed
  const photoCount = status === 'draft' ? rng.int(0, 1) : rng.int(1, 3);
  const photos = Array.from({ length: photoCount }, () => ({
    id: rng.uuid(),
    image: `${kind.motif}-${rng.int(0, IMAGE_VARIANTS - 1)}` as ImageKey,
  }));

  return {
    id: rng.uuid(),
    producerId: producer.id,
    category: kind.category,
    titleZh,
    titleEn,
    descriptionZh: about.join(''),
    descriptionEn,
    unit: pack.unit,
    unitNote: pack.unitNote,
    priceFen,
    grade,
    originCounty: county,
    harvestFrom: window?.from ?? null,
    harvestTo: window?.to ?? null,
    preSale,
    expectedShipDate,
    perishable: !!kind.perishable,
    shelfLifeDays: kind.perishable ? rng.int(kind.perishable[0], kind.perishable[1]) : null,
    minOrderQty: pack.minOrder ? rng.int(pack.minOrder[0], pack.minOrder[1]) : 1,
    status,
    stockAvailable,
    publishedAt: status === 'draft' ? null : new Date(createdAt.getTime() + rng.int(10, 600) * 60_000),
    createdAt,
    photos,
    produce: kind.key,
  };
}

/** A title naming a place must name the product's own: 鲁甸大红袍花椒 is not from 巧家, 小草坝 is in 彝良. */
function titleFits(title: string, county: County, township: string): boolean {
  if (title.includes('小草坝') && township !== '小草坝镇') return false;
  return COUNTY_CODES.every((c) => c === county || !title.includes(countyShort(c)));
}

function fill(text: string, county: County, township: string): string {
  return text
    .replaceAll('{c}', /[\u4e00-\u9fff]/u.test(text) ? countyShort(county) : COUNTIES[county].en)
    .replaceAll('{t}', township);
}

function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(0, Math.round((b - a) / DAY)) * DAY).toISOString().slice(0, 10);
}

/** Looks a produce kind up by key (for callers that build hand-made rows). */
export function produceKind(key: string): ProduceKind {
  const kind = PRODUCE_BY_KEY.get(key);
  if (!kind) throw new Error(`unknown produce ${key}`);
  return kind;
}
