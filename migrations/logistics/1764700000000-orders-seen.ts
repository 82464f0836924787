import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancelled orders become one row per order logistics has heard of, cancelled or not. Making pack tasks and
 * cancelling both upsert the order's row first, so each waits for the other to commit and reads what it
 * decided: a cancel can no longer slip between the tasks' check and their insert and leave them open.
 */
export class OrdersSeen1764700000000 implements MigrationInterface {
  name = 'OrdersSeen1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE logistics.cancelled_orders RENAME TO orders_seen`);
    await q.query(`ALTER TABLE logistics.orders_seen RENAME CONSTRAINT cancelled_orders_pkey TO orders_seen_pkey`);
    await q.query(`
      ALTER TABLE logistics.orders_seen
        ALTER COLUMN cancelled_at DROP NOT NULL,
        ALTER COLUMN cancelled_at DROP DEFAULT,
        ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM logistics.orders_seen WHERE cancelled_at IS NULL`);
    await q.query(`ALTER TABLE logistics.orders_seen DROP COLUMN seen_at, ALTER COLUMN cancelled_at SET DEFAULT now(), ALTER COLUMN cancelled_at SET NOT NULL`);
    await q.query(`ALTER TABLE logistics.orders_seen RENAME CONSTRAINT orders_seen_pkey TO cancelled_orders_pkey`);
    await q.query(`ALTER TABLE logistics.orders_seen RENAME TO cancelled_orders`);
  }
}
