import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a refund was made, as a kind the buyer's screens can say in their language (the reason stays as the
 * operators' note), and which admin asked for one, kept apart from the note so buyers never see it.
 */
export class RefundKinds1764700000000 implements MigrationInterface {
  name = 'RefundKinds1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ordering.refunds
        ADD COLUMN kind text NOT NULL DEFAULT 'other'
          CHECK (kind IN ('cancelled', 'late_payment', 'short', 'lighter', 'missing', 'damaged', 'uncollected', 'admin', 'other')),
        ADD COLUMN requested_by uuid`);
    // Refunds made before kinds existed, told apart by the notes they were written with.
    await q.query(`
      UPDATE ordering.refunds SET kind = CASE
        WHEN reason = 'order cancelled before fulfilment' THEN 'cancelled'
        WHEN reason LIKE 'payment arrived after the order was %' THEN 'late_payment'
        WHEN reason = 'the producer could not supply the goods' THEN 'short'
        WHEN reason = 'packed lighter than ordered or short' THEN 'lighter'
        WHEN reason = 'parcel missing at the pickup point' THEN 'missing'
        WHEN reason = 'parcel damaged at the pickup point' THEN 'damaged'
        WHEN reason = 'not collected by the deadline' THEN 'uncollected'
        WHEN reason LIKE 'admin %' THEN 'admin'
        ELSE 'other' END`);
    // An admin's refund was written "admin <their id>: <note>"; the note is what buyers read now.
    await q.query(`
      UPDATE ordering.refunds SET requested_by = substring(reason FROM 7 FOR 36)::uuid, reason = substring(reason FROM 45)
       WHERE reason ~ '^admin [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}: '`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ordering.refunds DROP COLUMN kind, DROP COLUMN requested_by`);
  }
}
