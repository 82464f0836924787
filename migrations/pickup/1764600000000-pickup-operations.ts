import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pickup-point operations: the parcels a point expects and receives, the collections buyers pick up with a
 * code, and the buyers' in-app notifications. Orders, buyers, producers and shipments live in other
 * services and are referred to by id only.
 */
export class PickupOperations1764600000000 implements MigrationInterface {
  name = 'PickupOperations1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // One order's parcels at one point. The pickup code is kept only as an HMAC; locked_at marks a waiting
    // collection that took too many wrong codes. cancelled: every parcel was reported missing or damaged.
    await q.query(`
      CREATE TABLE pickup.collections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL,
        point_id uuid NOT NULL REFERENCES pickup.points (id),
        buyer_id uuid NOT NULL,
        payment_method text NOT NULL CHECK (payment_method IN ('online', 'pay_at_pickup')),
        status text NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'waiting', 'handed_over', 'returned', 'cancelled')),
        code_hmac text,
        code_issued_at timestamptz,
        wrong_attempts integer NOT NULL DEFAULT 0 CHECK (wrong_attempts >= 0),
        locked_at timestamptz,
        ready_at timestamptz,
        deadline timestamptz,
        remind_at timestamptz,
        reminded_at timestamptz,
        handed_over_at timestamptz,
        handed_over_by uuid,
        settlement text CHECK (settlement IN ('online', 'cash', 'wechat', 'alipay')),
        paid_at_pickup_fen integer CHECK (paid_at_pickup_fen >= 0),
        goods_fen integer CHECK (goods_fen >= 0),
        commission_bps integer CHECK (commission_bps BETWEEN 0 AND 10000),
        commission_fen integer CHECK (commission_fen >= 0),
        returned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT collections_code_only_waiting CHECK (code_hmac IS NULL OR status = 'waiting'),
        CONSTRAINT collections_waiting_has_deadline CHECK (status <> 'waiting' OR (deadline IS NOT NULL AND code_hmac IS NOT NULL)),
        CONSTRAINT collections_handover_recorded CHECK (
          (status = 'handed_over') = (handed_over_at IS NOT NULL AND settlement IS NOT NULL AND commission_fen IS NOT NULL))
      )`);
    // One open collection per order and point; a parcel that arrives after a handover starts a new one.
    await q.query(`CREATE UNIQUE INDEX collections_open_order ON pickup.collections (order_id, point_id) WHERE status IN ('expected', 'waiting')`);
    // A code names one waiting collection at its point, so a code typed at the counter is never ambiguous.
    await q.query(`CREATE UNIQUE INDEX collections_waiting_code ON pickup.collections (point_id, code_hmac) WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX collections_point_status ON pickup.collections (point_id, status, deadline)`);
    await q.query(`CREATE INDEX collections_order ON pickup.collections (order_id)`);
    await q.query(`CREATE INDEX collections_due ON pickup.collections (deadline) WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX collections_handed_over ON pickup.collections (point_id, handed_over_at) WHERE status = 'handed_over'`);

    await q.query(`
      CREATE TABLE pickup.parcels (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^ZT[0-9A-Z]{10}$'),
        point_id uuid NOT NULL REFERENCES pickup.points (id),
        collection_id uuid NOT NULL REFERENCES pickup.collections (id),
        shipment_id uuid NOT NULL,
        run_id uuid NOT NULL,
        pickup_day date NOT NULL,
        order_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        producer_name text NOT NULL,
        perishable boolean NOT NULL,
        payment_method text NOT NULL CHECK (payment_method IN ('online', 'pay_at_pickup')),
        goods_fen integer NOT NULL CHECK (goods_fen >= 0),
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
        status text NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'received', 'missing', 'damaged', 'handed_over', 'returned')),
        problem_note text CHECK (length(problem_note) <= 200),
        received_at timestamptz,
        received_by uuid,
        problem_at timestamptz,
        problem_by uuid,
        handed_over_at timestamptz,
        returned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX parcels_point_day ON pickup.parcels (point_id, pickup_day, status)`);
    await q.query(`CREATE INDEX parcels_point_status ON pickup.parcels (point_id, status)`);
    await q.query(`CREATE INDEX parcels_shipment ON pickup.parcels (shipment_id)`);
    await q.query(`CREATE INDEX parcels_collection ON pickup.parcels (collection_id)`);

    // The in-app notifier's rows: each user's inbox. data may hold the pickup code for its buyer.
    await q.query(`
      CREATE TABLE pickup.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        order_id uuid,
        collection_id uuid REFERENCES pickup.collections (id),
        title_zh text NOT NULL,
        body_zh text NOT NULL,
        title_en text NOT NULL,
        body_en text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_newest ON pickup.notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_collection ON pickup.notifications (collection_id) WHERE collection_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pickup.notifications, pickup.parcels, pickup.collections`);
  }
}
