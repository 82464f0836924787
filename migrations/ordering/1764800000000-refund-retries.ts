import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refund the provider failed can be asked for again by an admin: the new refund names the failed one, and
 * the unique key lets each failed refund be tried again once, however many admins click at the same moment.
 */
export class RefundRetries1764800000000 implements MigrationInterface {
  name = 'RefundRetries1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ordering.refunds ADD COLUMN retry_of uuid CONSTRAINT refunds_retry_of_key UNIQUE REFERENCES ordering.refunds (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ordering.refunds DROP COLUMN retry_of`);
  }
}
