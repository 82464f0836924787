import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityInit1764200000000 implements MigrationInterface {
  name = 'IdentityInit1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    await q.query(`
      CREATE TABLE identity.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone text NOT NULL CONSTRAINT users_phone_key UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('buyer', 'farmer', 'staff', 'admin')),
        display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 40),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_role_created ON identity.users (role, created_at DESC)`);
    await outboxTables(q, 'identity');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.inbox, identity.outbox, identity.users`);
  }
}

async function outboxTables(q: QueryRunner, schema: string) {
  await q.query(`
    CREATE TABLE ${schema}.outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL,
      payload jsonb NOT NULL,
      deliver_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz
    )`);
  await q.query(`CREATE INDEX outbox_pending ON ${schema}.outbox (id) WHERE relayed_at IS NULL`);
  await q.query(`
    CREATE TABLE ${schema}.inbox (
      consumer text NOT NULL,
      message_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`);
}
