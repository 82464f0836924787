import type { EntityManager } from 'typeorm';
import type { Product } from '../../apps/catalog/src/products/product.entity';
import { writeSearchVector } from '../../apps/catalog/src/products/search-document';
import type { ProducerSeed, ProductSeed } from './catalog';
import { MediaUrls, photoRecord } from './photos';

/** What the writers need from a connection: pg's Client and PoolClient both fit. */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

const BATCH = 1000;

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface UserRow {
  phone: string;
  password_hash: string;
  role: 'admin' | 'farmer' | 'buyer' | 'staff';
  display_name: string;
  created_at?: Date;
}

/**
 * Inserts accounts by phone number, one statement per batch. Existing numbers keep their row; with
 * `resetPassword` their password, role and name are set back to the given ones (the demo accounts).
 * Returns phone → user id for every given number.
 */
export async function upsertUsers(db: Sql, rows: UserRow[], opts: { resetPassword?: boolean } = {}): Promise<Map<string, { id: string; role: string }>> {
  const onConflict = opts.resetPassword
    ? `DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, display_name = EXCLUDED.display_name, status = 'active', updated_at = now()`
    : 'DO NOTHING';
  for (const batch of chunks(rows)) {
    const json = batch.map((r) => ({ ...r, status: 'active', created_at: r.created_at ?? new Date(), updated_at: r.created_at ?? new Date() }));
    await db.query(
      `INSERT INTO identity.users (phone, password_hash, role, display_name, status, created_at, updated_at)
       SELECT phone, password_hash, role, display_name, status, created_at, updated_at
         FROM json_populate_recordset(null::identity.users, $1::json)
       ON CONFLICT (phone) ${onConflict}`,
      [JSON.stringify(json)],
    );
  }
  const found = new Map<string, { id: string; role: string }>();
  for (const batch of chunks(rows.map((r) => r.phone))) {
    const { rows: ids } = await db.query(`SELECT id, phone, role FROM identity.users WHERE phone = ANY($1::text[])`, [batch]);
    for (const r of ids) found.set(r.phone, { id: r.id, role: r.role });
  }
  return found;
}

/**
 * Inserts producer profiles; a user who already has one keeps it (producers.user_id is unique).
 * `userIds` maps each producer's account phone to its user id. Returns seed producer id → stored id for
 * all of them, and the seed ids of the producers this call created.
 */
export async function insertProducers(
  db: Sql, producers: ProducerSeed[], userIds: Map<string, { id: string }>,
): Promise<{ ids: Map<string, string>; created: Set<string> }> {
  const idOf = new Map<string, string>();
  const created = new Set<string>();
  const byUser = new Map<string, string>();
  for (const batch of chunks(producers)) {
    const json = batch.map((p) => {
      const userId = userIds.get(p.phone)?.id;
      if (!userId) throw new Error(`no account for producer ${p.name} (${p.phone})`);
      byUser.set(userId, p.id);
      return {
        id: p.id, user_id: userId, kind: p.kind, name: p.name, contact_name: p.contactName, contact_phone: p.contactPhone,
        county: p.county, township: p.township, village: p.village, certifications: p.certifications, description: p.description,
        status: p.status, review_note: p.reviewNote, reviewed_at: p.reviewedAt, created_at: p.createdAt, updated_at: p.reviewedAt ?? p.createdAt,
      };
    });
    const { rows: inserted } = await db.query(
      `INSERT INTO catalog.producers (id, user_id, kind, name, contact_name, contact_phone, county, township, village, certifications,
                                      description, status, review_note, reviewed_at, created_at, updated_at)
       SELECT id, user_id, kind, name, contact_name, contact_phone, county, township, village, certifications,
              description, status, review_note, reviewed_at, created_at, updated_at
         FROM json_populate_recordset(null::catalog.producers, $1::json)
       ON CONFLICT (user_id) DO NOTHING
       RETURNING user_id`,
      [JSON.stringify(json)],
    );
    for (const r of inserted) created.add(byUser.get(r.user_id)!);
    const { rows } = await db.query(`SELECT id, user_id FROM catalog.producers WHERE user_id = ANY($1::uuid[])`, [json.map((j) => j.user_id)]);
    for (const r of rows) idOf.set(byUser.get(r.user_id)!, r.id);
  }
  return { ids: idOf, created };
}

/**
 * Inserts products in batches, in the given order (so seq follows it); a product whose id is already
 * stored is left alone. `producerIds` maps seed producer ids to stored ones. Returns the inserted products.
 */
export async function insertProducts(db: Sql, products: ProductSeed[], producerIds: Map<string, string>, media: MediaUrls): Promise<ProductSeed[]> {
  const inserted: ProductSeed[] = [];
  for (const batch of chunks(products)) {
    const stored = batch.map((p) => {
      const producerId = producerIds.get(p.producerId);
      if (!producerId) throw new Error(`product ${p.titleZh}: its producer was not stored`);
      return { ...p, producerId };
    });
    const json = stored.map((p) => ({
      id: p.id, producer_id: p.producerId, category: p.category, title_zh: p.titleZh, title_en: p.titleEn,
      description_zh: p.descriptionZh, description_en: p.descriptionEn, unit: p.unit, unit_note: p.unitNote, price_fen: p.priceFen,
      grade: p.grade, origin_county: p.originCounty, harvest_from: p.harvestFrom, harvest_to: p.harvestTo, pre_sale: p.preSale,
      expected_ship_date: p.expectedShipDate, perishable: p.perishable, shelf_life_days: p.shelfLifeDays, min_order_qty: p.minOrderQty,
      photos: p.photos.map((ph) => photoRecord(media, p.id, ph)),
      status: p.status, stock_available: p.stockAvailable, published_at: p.publishedAt, created_at: p.createdAt,
      updated_at: p.publishedAt ?? p.createdAt,
    }));
    const { rows } = await db.query(
      `INSERT INTO catalog.products (id, producer_id, category, title_zh, title_en, description_zh, description_en, unit, unit_note,
                                     price_fen, grade, origin_county, harvest_from, harvest_to, pre_sale, expected_ship_date,
                                     perishable, shelf_life_days, min_order_qty, photos, status, stock_available, published_at,
                                     created_at, updated_at)
       SELECT id, producer_id, category, title_zh, title_en, description_zh, description_en, unit, unit_note,
              price_fen, grade, origin_county, harvest_from, harvest_to, pre_sale, expected_ship_date,
              perishable, shelf_life_days, min_order_qty, photos, status, stock_available, published_at,
              created_at, updated_at
         FROM json_populate_recordset(null::catalog.products, $1::json)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(json)],
    );
    const added = new Set(rows.map((r) => r.id as string));
    inserted.push(...stored.filter((p) => added.has(p.id)));
  }
  return inserted;
}

/**
 * Writes each product's search_vector with the catalog's own writeSearchVector, so seeded products are
 * found exactly as products created through the API are. Its statements run on `db` (in its transaction).
 */
export async function writeSearchVectors(db: Sql, products: ProductSeed[]): Promise<void> {
  const tx = { query: (sql: string, params?: unknown[]) => db.query(sql, params) } as unknown as EntityManager;
  for (const p of products) await writeSearchVector(tx, p as unknown as Product);
}
