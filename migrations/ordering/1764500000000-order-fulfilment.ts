import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the order service keeps of fulfilment: how each line was packed, each producer's parcel, tracking. */
export class OrderFulfilment1764500000000 implements MigrationInterface {
  name = 'OrderFulfilment1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ordering.order_lines
        ADD COLUMN packed_grams integer CHECK (packed_grams > 0),
        ADD COLUMN final_fen integer CHECK (final_fen >= 0),
        ADD COLUMN outcome text NOT NULL DEFAULT 'ordered'
          CHECK (outcome IN ('ordered', 'packed', 'short', 'missing', 'damaged', 'returned')),
        ADD CONSTRAINT order_lines_final_within CHECK (final_fen IS NULL OR final_fen <= line_total_fen)`);
    await q.query(`
      CREATE TABLE ordering.order_parcels (
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        producer_id uuid NOT NULL,
        parcel_id uuid,
        parcel_code text,
        status text NOT NULL CHECK (status IN ('packed', 'short', 'received', 'missing', 'damaged', 'handed_over', 'returned')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, producer_id)
      )`);
    await q.query(`
      CREATE TABLE ordering.order_tracking (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        producer_id uuid,
        parcel_id uuid,
        kind text NOT NULL,
        note text,
        at timestamptz NOT NULL,
        CONSTRAINT order_tracking_once UNIQUE NULLS NOT DISTINCT (order_id, parcel_id, kind)
      )`);
    await q.query(`
      ALTER TABLE ordering.payments
        ADD COLUMN settlement text CHECK (settlement IN ('cash', 'wechat', 'alipay')),
        ADD COLUMN settled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ordering.payments DROP COLUMN settlement, DROP COLUMN settled_at`);
    await q.query(`DROP TABLE ordering.order_tracking, ordering.order_parcels`);
    await q.query(`ALTER TABLE ordering.order_lines DROP CONSTRAINT order_lines_final_within, DROP COLUMN packed_grams, DROP COLUMN final_fen, DROP COLUMN outcome`);
  }
}
