import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogInit1764200000000 implements MigrationInterface {
  name = 'CatalogInit1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS catalog`);
    await q.query(`
      CREATE TABLE catalog.producers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT producers_user_key UNIQUE,
        kind text NOT NULL CHECK (kind IN ('farmer', 'cooperative')),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
        contact_name text NOT NULL,
        contact_phone text NOT NULL CHECK (contact_phone ~ '^1[3-9][0-9]{9}$'),
        county text NOT NULL,
        township text NOT NULL,
        village text,
        certifications text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
        review_note text,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX producers_status_created ON catalog.producers (status, created_at DESC)`);

    await q.query(`
      CREATE TABLE catalog.products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT products_seq_key UNIQUE,
        producer_id uuid NOT NULL REFERENCES catalog.producers (id),
        category text NOT NULL,
        title_zh text NOT NULL,
        title_en text,
        description_zh text NOT NULL DEFAULT '',
        description_en text,
        unit text NOT NULL CHECK (unit IN ('jin', 'kg', 'box', 'bag', 'piece')),
        unit_note text,
        price_fen integer NOT NULL CHECK (price_fen > 0),
        grade text,
        origin_county text NOT NULL,
        harvest_from date,
        harvest_to date,
        pre_sale boolean NOT NULL DEFAULT false,
        expected_ship_date date,
        perishable boolean NOT NULL DEFAULT false,
        shelf_life_days integer CHECK (shelf_life_days > 0),
        min_order_qty integer NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
        photos jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
        stock_available integer NOT NULL DEFAULT 0 CHECK (stock_available >= 0),
        stock_reserved integer NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0),
        stock_sold integer NOT NULL DEFAULT 0 CHECK (stock_sold >= 0),
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT products_harvest_window CHECK (harvest_from IS NULL OR harvest_to IS NULL OR harvest_from <= harvest_to),
        CONSTRAINT products_pre_sale_date CHECK (NOT pre_sale OR expected_ship_date IS NOT NULL),
        CONSTRAINT products_perishable_life CHECK (NOT perishable OR shelf_life_days IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX products_producer ON catalog.products (producer_id, seq DESC)`);
    // Browse paths: each sort order has an index over listed (active) products only.
    await q.query(`CREATE INDEX products_active_newest ON catalog.products (seq DESC) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_active_price ON catalog.products (price_fen, seq) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_active_category ON catalog.products (category, seq DESC) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_active_county ON catalog.products (origin_county, seq DESC) WHERE status = 'active'`);
    await q.query(`CREATE INDEX products_active_search ON catalog.products USING gin (search_vector) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE catalog.reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL CONSTRAINT reservations_idempotency_key UNIQUE,
        request_hash text NOT NULL,
        requested_by text NOT NULL,
        status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'committed', 'released', 'expired')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reservations_held_expiry ON catalog.reservations (expires_at) WHERE status = 'held'`);
    await q.query(`
      CREATE TABLE catalog.reservation_lines (
        reservation_id uuid NOT NULL REFERENCES catalog.reservations (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES catalog.products (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price_fen integer NOT NULL CHECK (unit_price_fen > 0),
        PRIMARY KEY (reservation_id, product_id)
      )`);

    await q.query(`
      CREATE TABLE catalog.outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        deliver_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON catalog.outbox (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE catalog.inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.inbox, catalog.outbox, catalog.reservation_lines, catalog.reservations, catalog.products, catalog.producers`);
  }
}
