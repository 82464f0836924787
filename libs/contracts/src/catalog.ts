/** Shared catalog vocabulary and the stock-reservation contract the order service calls. */
export const PRODUCT_CATEGORIES = {
  fruit: { zh: '水果', en: 'Fruit' },
  vegetable: { zh: '蔬菜', en: 'Vegetables' },
  medicinal: { zh: '药材', en: 'Medicinal herbs' },
  fungus: { zh: '菌菇', en: 'Fungi' },
  spice: { zh: '调味香料', en: 'Spices' },
  nut: { zh: '坚果', en: 'Nuts' },
  grain: { zh: '杂粮', en: 'Grains' },
  bamboo_shoot: { zh: '竹笋', en: 'Bamboo shoots' },
  tea: { zh: '茶饮', en: 'Tea' },
} as const;
export type ProductCategory = keyof typeof PRODUCT_CATEGORIES;
export const CATEGORY_CODES = Object.keys(PRODUCT_CATEGORIES) as ProductCategory[];

export const UNITS = {
  jin: { zh: '斤', en: 'jin (500 g)' },
  kg: { zh: '公斤', en: 'kg' },
  box: { zh: '箱', en: 'box' },
  bag: { zh: '袋', en: 'bag' },
  piece: { zh: '个', en: 'piece' },
} as const;
export type Unit = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as Unit[];

export const GRADES = { premium: '特级', first: '一级', second: '二级', standard: '统货' } as const;
export type Grade = keyof typeof GRADES;
export const GRADE_CODES = Object.keys(GRADES) as Grade[];

export const CERTIFICATIONS = {
  green_food: '绿色食品',
  organic: '有机产品',
  geographic_indication: '地理标志产品',
  pollution_free: '无公害农产品',
} as const;
export type Certification = keyof typeof CERTIFICATIONS;
export const CERTIFICATION_CODES = Object.keys(CERTIFICATIONS) as Certification[];

export const PRODUCT_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type ProducerStatus = (typeof PRODUCER_STATUSES)[number];

export const RESERVATION_STATUSES = ['held', 'committed', 'released', 'expired', 'returned'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface ReserveStockRequest {
  /** The caller's key: the same key twice is one reservation. */
  idempotencyKey: string;
  items: Array<{ productId: string; quantity: number }>;
  /** How long the stock is held before it returns by itself. */
  ttlSeconds?: number;
}

export interface ReservationLineView {
  productId: string;
  producerId: string;
  quantity: number;
  unitPriceFen: number;
  titleZh: string;
  unit: Unit;
  perishable: boolean;
  shelfLifeDays: number | null;
  preSale: boolean;
  expectedShipDate: string | null;
}

export interface ReservationView {
  id: string;
  idempotencyKey: string;
  status: ReservationStatus;
  expiresAt: string;
  lines: ReservationLineView[];
}

/**
 * What the order service needs from the catalog, now. An in-process adapter serves it when both run in
 * one process; an HTTP adapter when they run apart.
 */
export interface StockClient {
  reserve(req: ReserveStockRequest): Promise<ReservationView>;
  commit(reservationId: string): Promise<ReservationView>;
  release(reservationId: string): Promise<ReservationView>;
  /** Puts sold stock back on sale (a paid order cancelled before packing). */
  restock(reservationId: string): Promise<ReservationView>;
}
export const STOCK_CLIENT = Symbol('StockClient');

/** What the order service needs to price a cart and check it can still be bought. */
export interface ProductSummary {
  id: string;
  producerId: string;
  titleZh: string;
  unit: Unit;
  priceFen: number;
  minOrderQty: number;
  stockAvailable: number;
  /** Active and from an approved producer: can be bought now. */
  onSale: boolean;
  perishable: boolean;
  shelfLifeDays: number | null;
  preSale: boolean;
  expectedShipDate: string | null;
  photo: string | null;
}

export interface ProductLookupClient {
  lookup(ids: string[]): Promise<ProductSummary[]>;
}
export const PRODUCT_LOOKUP_CLIENT = Symbol('ProductLookupClient');
