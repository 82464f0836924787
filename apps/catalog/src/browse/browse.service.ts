import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '@app/database';
import { CATEGORY_CODES, County, countyZh, PRODUCT_CATEGORIES, ProductCategory, todayInChina, Unit, UNITS } from '@app/contracts';
import { Env } from '@app/config';
import { invalid } from '@app/errors';
import { PageCache } from './page-cache';
import { toTsQuery } from '../search/tokens';
import { BrowseProductsDto, BrowseSort } from './browse.dto';

interface Row {
  id: string;
  seq: string | number;
  category: ProductCategory;
  title_zh: string;
  title_en: string | null;
  unit: Unit;
  unit_note: string | null;
  price_fen: number;
  grade: string | null;
  origin_county: County;
  harvest_from: string | null;
  harvest_to: string | null;
  pre_sale: boolean;
  expected_ship_date: string | null;
  perishable: boolean;
  min_order_qty: number;
  photo: string | null;
  stock_available: number;
  producer_id: string;
  producer_name: string;
  rank?: number;
}

interface SortPlan {
  order: string;
  cursorShape: Array<'int' | 'float'>;
  after: (params: unknown[], key: number[]) => string;
  keyOf: (row: Row) => number[];
}

const SORTS: Record<BrowseSort, SortPlan> = {
  newest: {
    order: 'p.seq DESC',
    cursorShape: ['int'],
    after: (params, [seq]) => `p.seq < $${params.push(seq)}`,
    keyOf: (r) => [Number(r.seq)],
  },
  price_asc: {
    order: 'p.price_fen ASC, p.seq ASC',
    cursorShape: ['int', 'int'],
    after: (params, [price, seq]) => `(p.price_fen, p.seq) > ($${params.push(price)}, $${params.push(seq)})`,
    keyOf: (r) => [r.price_fen, Number(r.seq)],
  },
  price_desc: {
    order: 'p.price_fen DESC, p.seq DESC',
    cursorShape: ['int', 'int'],
    after: (params, [price, seq]) => `(p.price_fen, p.seq) < ($${params.push(price)}, $${params.push(seq)})`,
    keyOf: (r) => [r.price_fen, Number(r.seq)],
  },
  relevance: {
    order: 'rank DESC, p.seq DESC',
    cursorShape: ['float', 'int'],
    after: (params, [rank, seq]) => `(ts_rank(p.title_vector, tsq), p.seq) < ($${params.push(rank)}::real, $${params.push(seq)})`,
    keyOf: (r) => [Number(r.rank), Number(r.seq)],
  },
};

/**
 * Browse and search for buyers: one SQL statement per page (none when the page is in the page cache). Only active products of approved producers
 * are listed; every filter and sort has a partial index over active products, and pages are keyset
 * (cursor) pages, so page 500 costs what page 1 does.
 */
@Injectable()
export class BrowseService {
  private readonly cache: PageCache;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: Env,
  ) {
    this.cache = new PageCache(env.CATALOG_PAGE_CACHE_MS);
  }

  /** The page as JSON text, from the page cache when it is fresh there. */
  page(dto: BrowseProductsDto): Promise<string> {
    const key = JSON.stringify(Object.entries(dto).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
    return this.cache.get(`${todayInChina()}|${key}`, async () => JSON.stringify(await this.browse(dto)));
  }

  async browse(dto: BrowseProductsDto) {
    const limit = dto.limit ?? 20;
    const tsq = dto.q ? toTsQuery(dto.q) : null;
    if (dto.q && !tsq) throw invalid('q', 'has no letters, digits or Chinese characters to search for');
    const sort: BrowseSort = dto.sort ?? (tsq ? 'relevance' : 'newest');
    if (sort === 'relevance' && !tsq) throw invalid('sort', 'relevance needs a search query q');
    if (dto.minPrice !== undefined && dto.maxPrice !== undefined && dto.minPrice > dto.maxPrice) {
      throw invalid('maxPrice', 'must not be below minPrice');
    }
    const plan = SORTS[sort];
    const params: unknown[] = [];
    const where = [`p.status = 'active'`, `pr.status = 'approved'`];
    let from = 'catalog.products p JOIN catalog.producers pr ON pr.id = p.producer_id';
    if (tsq) {
      from += `, to_tsquery('simple', $${params.push(tsq)}) tsq`;
      where.push('p.search_vector @@ tsq');
    }
    if (dto.category) where.push(`p.category = $${params.push(dto.category)}`);
    if (dto.county) where.push(`p.origin_county = $${params.push(dto.county)}`);
    if (dto.minPrice !== undefined) where.push(`p.price_fen >= $${params.push(dto.minPrice)}`);
    if (dto.maxPrice !== undefined) where.push(`p.price_fen <= $${params.push(dto.maxPrice)}`);
    if (dto.producerId) where.push(`p.producer_id = $${params.push(dto.producerId)}`);
    if (dto.inStock) where.push('p.stock_available > 0');
    if (dto.inSeason) {
      const today = `$${params.push(todayInChina())}::date`;
      where.push(`(p.harvest_from IS NULL OR p.harvest_from <= ${today}) AND (p.harvest_to IS NULL OR p.harvest_to >= ${today})`);
    }
    if (dto.cursor) where.push(plan.after(params, decodeCursor(dto.cursor, sort, plan.cursorShape)));
    const sql = `
      SELECT p.id, p.seq, p.category, p.title_zh, p.title_en, p.unit, p.unit_note, p.price_fen, p.grade,
             p.origin_county, p.harvest_from::text, p.harvest_to::text, p.pre_sale, p.expected_ship_date::text,
             p.perishable, p.min_order_qty, p.photos -> 0 ->> 'small' AS photo, p.stock_available,
             pr.id AS producer_id, pr.name AS producer_name
             ${tsq ? ', ts_rank(p.title_vector, tsq) AS rank' : ''}
        FROM ${from}
       WHERE ${where.join(' AND ')}
       ORDER BY ${plan.order}
       LIMIT ${limit + 1}`;
    const rows: Row[] = await this.db.query(sql, params);
    const page = rows.slice(0, limit);
    const today = todayInChina();
    return {
      items: page.map((r) => toListItem(r, today)),
      nextCursor: rows.length > limit ? encodeCursor(sort, plan.keyOf(page[page.length - 1])) : null,
    };
  }
}

function toListItem(r: Row, today: string) {
  return {
    id: r.id,
    category: r.category,
    categoryName: CATEGORY_CODES.includes(r.category) ? PRODUCT_CATEGORIES[r.category].zh : r.category,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    unit: r.unit,
    unitName: UNITS[r.unit]?.zh ?? r.unit,
    unitNote: r.unit_note,
    priceFen: r.price_fen,
    grade: r.grade,
    originCounty: r.origin_county,
    originCountyName: countyZh(r.origin_county),
    inSeason: (!r.harvest_from || r.harvest_from <= today) && (!r.harvest_to || r.harvest_to >= today),
    preSale: r.pre_sale,
    expectedShipDate: r.expected_ship_date,
    perishable: r.perishable,
    minOrderQty: r.min_order_qty,
    photo: r.photo,
    stockAvailable: r.stock_available,
    soldOut: r.stock_available === 0,
    producer: { id: r.producer_id, name: r.producer_name },
  };
}
