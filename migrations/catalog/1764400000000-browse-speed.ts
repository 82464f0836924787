import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search ranks on a small title-only vector (stored inline, unlike the full document vector, whose
 * descriptions push it out to TOAST), and a filter with a price sort gets its own index.
 */
export class BrowseSpeed1764400000000 implements MigrationInterface {
  name = 'BrowseSpeed1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // The title's tokens are the weight-A part of the document vector (see search-document.ts).
    await q.query(`ALTER TABLE catalog.products ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a}')) STORED`);
    await q.query(`CREATE INDEX products_active_category_price ON catalog.products (category, price_fen, seq) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_active_county_price ON catalog.products (origin_county, price_fen, seq) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog.products_active_county_price`);
    await q.query(`DROP INDEX catalog.products_active_category_price`);
    await q.query(`ALTER TABLE catalog.products DROP COLUMN title_vector`);
  }
}
