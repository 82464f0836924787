import 'reflect-metadata';
import { Client } from 'pg';
import { loadEnv } from '@app/config';
import { COUNTIES } from '@app/contracts';
import { hashPassword } from '../apps/identity/src/auth/passwords';
import { LocalDiskStorage } from '../apps/catalog/src/photos/local-disk.storage';
import { DEMO_ACCOUNTS, demoFarmer, PRODUCER_PASSWORD } from './seed/accounts';
import { generateCatalog } from './seed/catalog';
import { insertProducers, insertProducts, upsertUsers, writeSearchVectors } from './seed/db';
import { photoKeys, renderImages } from './seed/photos';
import { createRng } from './seed/rng';
import { validateCatalog } from './seed/validate';
import { PickupSeedResult, seedPickupPoints, STAFF_PASSWORD } from './seed/pickup-points';

/**
 * `npm run seed` (after build and migrate): demo accounts for every role and a realistic Zhaotong catalog.
 * Idempotent: accounts are keyed by phone number, producers by their account, and products come with a
 * newly created producer only (their ids are fixed too), so a second run adds nothing; it does reset the
 * demo accounts' passwords and rewrites the photo files.
 */
export const SEED = 20261127;
export const SEED_PRODUCTS = 260;

async function main() {
  const started = Date.now();
  const env = loadEnv({ JWT_SECRET: 'x'.repeat(32), ...process.env });
  const catalog = generateCatalog(SEED_PRODUCTS, createRng(SEED));
  const demo = demoFarmer(createRng(SEED + 1));
  const producers = [...catalog.producers, demo.producer];
  // The demo farmer's products go last, so they are the newest listings.
  const products = [...catalog.products, ...demo.products];
  validateCatalog(producers, products);

  const producerHash = await hashPassword(PRODUCER_PASSWORD);
  const demoRows = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => ({ phone: a.phone, password_hash: await hashPassword(a.password), role: a.role, display_name: a.displayName })),
  );
  const storage = new LocalDiskStorage(env);

  const db = new Client({ connectionString: env.DATABASE_URL, application_name: 'zhaotong-seed' });
  await db.connect();
  let added = { users: 0, producers: 0, products: 0 };
  let pickup: PickupSeedResult | null = null;
  try {
    await db.query('BEGIN');
    const before = await counts(db);
    const demoIds = await upsertUsers(db, demoRows, { resetPassword: true });
    const producerUsers = await upsertUsers(
      db,
      catalog.producers.map((p) => ({ phone: p.phone, password_hash: producerHash, role: 'farmer' as const, display_name: p.displayName, created_at: p.createdAt })),
    );
    const userIds = new Map([...producerUsers, ...demoIds]);
    for (const p of producers) {
      const u = userIds.get(p.phone);
      if (u && u.role !== 'farmer') throw new Error(`phone ${p.phone} already belongs to a ${u.role} account; cannot seed a producer on it`);
    }
    // A producer is keyed by its account's phone number and brings its products with it: one that is
    // already stored keeps the products it has, even if the generator has changed since.
    const { ids: producerIds, created } = await insertProducers(db, producers, userIds);
    const inserted = await insertProducts(db, products.filter((p) => created.has(p.producerId)), producerIds, storage);
    await writeSearchVectors(db, inserted);
    pickup = await seedPickupPoints(db);
    await db.query('COMMIT');
    const after = await counts(db);
    added = { users: after.users - before.users, producers: after.producers - before.producers, products: after.products - before.products };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }

  // Photos after the commit, for every generated product that is stored (rewritten with the same bytes
  // on every run, so a wiped UPLOAD_DIR comes back).
  const { rows: stored } = await db.query(`SELECT id FROM catalog.products WHERE id = ANY($1::uuid[])`, [products.map((p) => p.id)]);
  const storedIds = new Set(stored.map((r) => r.id as string));
  const withPhotos = products.filter((p) => storedIds.has(p.id));
  const images = await renderImages(withPhotos.flatMap((p) => p.photos.map((ph) => ph.image)));
  let files = 0;
  for (const p of withPhotos) {
    for (const ph of p.photos) {
      const img = images.get(ph.image)!;
      const keys = photoKeys(p.id, ph.id);
      await storage.put(keys.small, img.small);
      await storage.put(keys.large, img.large);
      files += 2;
    }
  }
  await db.query('ANALYZE identity.users; ANALYZE catalog.producers; ANALYZE catalog.products');
  await report(db, added, files, env.UPLOAD_DIR, Date.now() - started);
  if (pickup) {
    console.log(`  pickup points: ${pickup.points} (${pickup.pointsAdded} added this run), ${pickup.staffAccounts} staff accounts (password ${STAFF_PASSWORD})`);
  }
  await db.end();
}

async function counts(db: Client) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM identity.users)::int AS users, (SELECT count(*) FROM catalog.producers)::int AS producers,
            (SELECT count(*) FROM catalog.products)::int AS products`,
  );
  return rows[0] as { users: number; producers: number; products: number };
}

async function report(db: Client, added: { users: number; producers: number; products: number }, files: number, uploadDir: string, ms: number) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  const users = await q(`SELECT role, count(*)::int AS n FROM identity.users GROUP BY role ORDER BY role`);
  const producers = await q(`SELECT status, count(*)::int AS n FROM catalog.producers GROUP BY status ORDER BY status`);
  const products = await q(`SELECT status, count(*)::int AS n FROM catalog.products GROUP BY status ORDER BY status`);
  const byCounty = await q(`SELECT origin_county AS county, count(*)::int AS n FROM catalog.products GROUP BY 1 ORDER BY 2 DESC`);
  const byCategory = await q(`SELECT category, count(*)::int AS n FROM catalog.products GROUP BY 1 ORDER BY 2 DESC`);
  const [extra] = await q(
    `SELECT count(*) FILTER (WHERE pre_sale)::int AS pre_sale, count(*) FILTER (WHERE perishable)::int AS perishable,
            count(*) FILTER (WHERE stock_available = 0 AND status = 'active')::int AS sold_out,
            count(*) FILTER (WHERE search_vector = ''::tsvector)::int AS no_vector
       FROM catalog.products`,
  );
  const list = (rows: Array<Record<string, unknown>>, key: string) => rows.map((r) => `${r[key]} ${r.n}`).join(', ');
  console.log(`seed done in ${(ms / 1000).toFixed(1)} s; this run added ${added.users} users, ${added.producers} producers, ${added.products} products`);
  console.log(`  users:      ${list(users, 'role')}`);
  console.log(`  producers:  ${list(producers, 'status')}`);
  console.log(`  products:   ${list(products, 'status')} (pre-sale ${extra.pre_sale}, perishable ${extra.perishable}, sold out ${extra.sold_out}, without search vector ${extra.no_vector})`);
  console.log(`  by county:  ${byCounty.map((r) => `${COUNTIES[r.county as keyof typeof COUNTIES]?.zh ?? r.county} ${r.n}`).join(', ')}`);
  console.log(`  by category: ${list(byCategory, 'category')}`);
  console.log(`  photos:     ${files} files under ${uploadDir}/products`);
  console.log('\nDemo accounts (phone / password):');
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(7)} ${a.phone}  ${a.password}   ${a.displayName}`);
  console.log(`  generated producer accounts (13801000000 and up) sign in with ${PRODUCER_PASSWORD}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
