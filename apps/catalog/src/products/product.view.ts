import { CATEGORY_CODES, countyZh, GRADES, PRODUCT_CATEGORIES, todayInChina, UNITS } from '@app/contracts';
import { Producer } from '../producers/producer.entity';
import { Product } from './product.entity';

export function inSeason(harvestFrom: string | null, harvestTo: string | null, today = todayInChina()): boolean {
  return (!harvestFrom || harvestFrom <= today) && (!harvestTo || harvestTo >= today);
}

/** A product as buyers see it. */
export function publicProductView(p: Product, producer: Producer) {
  return {
    id: p.id,
    category: p.category,
    categoryName: CATEGORY_CODES.includes(p.category) ? PRODUCT_CATEGORIES[p.category].zh : p.category,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    unit: p.unit,
    unitName: UNITS[p.unit]?.zh ?? p.unit,
    unitNote: p.unitNote,
    priceFen: p.priceFen,
    grade: p.grade,
    gradeName: p.grade ? GRADES[p.grade] : null,
    originCounty: p.originCounty,
    originCountyName: countyZh(p.originCounty),
    harvestFrom: p.harvestFrom,
    harvestTo: p.harvestTo,
    inSeason: inSeason(p.harvestFrom, p.harvestTo),
    preSale: p.preSale,
    expectedShipDate: p.expectedShipDate,
    perishable: p.perishable,
    shelfLifeDays: p.shelfLifeDays,
    minOrderQty: p.minOrderQty,
    photos: p.photos,
    stockAvailable: p.stockAvailable,
    soldOut: p.stockAvailable === 0,
    status: p.status,
    producer: {
      id: producer.id,
      name: producer.name,
      kind: producer.kind,
      county: producer.county,
      township: producer.township,
      certifications: producer.certifications,
    },
  };
}

/** The owner's and admins' view: stock counters and timestamps too. */
export function ownerProductView(p: Product, producer: Producer) {
  return {
    ...publicProductView(p, producer),
    stockReserved: p.stockReserved,
    stockSold: p.stockSold,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
