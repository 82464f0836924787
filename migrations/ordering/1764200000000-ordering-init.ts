import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema and its outbox/inbox; the service's own tables come with its issue. */
export class OrderingInit1764200000000 implements MigrationInterface {
  name = 'OrderingInit1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS ordering`);
    await q.query(`
      CREATE TABLE ordering.outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        deliver_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON ordering.outbox (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE ordering.inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ordering.inbox, ordering.outbox`);
  }
}
