import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1764300000000 implements MigrationInterface {
  name = 'Orders1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ordering.cart_lines (
        buyer_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, product_id)
      )`);
    await q.query(`
      CREATE TABLE ordering.orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('creating', 'pending_payment', 'confirmed', 'paid', 'in_fulfilment',
          'ready_for_pickup', 'picked_up', 'cancelled', 'expired', 'refunded', 'partially_refunded')),
        payment_method text NOT NULL CHECK (payment_method IN ('online', 'pay_at_pickup')),
        pickup_point_id uuid NOT NULL,
        pickup_day date NOT NULL,
        reservation_id uuid,
        items_fen integer NOT NULL DEFAULT 0 CHECK (items_fen >= 0),
        total_fen integer NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
        refunded_fen integer NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= total_fen),
        expires_at timestamptz,
        placed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_buyer_key UNIQUE (buyer_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX orders_buyer_created ON ordering.orders (buyer_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_pending_expiry ON ordering.orders (expires_at) WHERE status = 'pending_payment'`);
    await q.query(`CREATE INDEX orders_creating ON ordering.orders (created_at) WHERE status = 'creating'`);
    await q.query(`
      CREATE TABLE ordering.order_lines (
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        title_zh text NOT NULL,
        unit text NOT NULL,
        unit_price_fen integer NOT NULL CHECK (unit_price_fen > 0),
        quantity integer NOT NULL CHECK (quantity > 0),
        line_total_fen integer NOT NULL CHECK (line_total_fen >= 0),
        perishable boolean NOT NULL DEFAULT false,
        PRIMARY KEY (order_id, product_id)
      )`);
    await q.query(`CREATE INDEX order_lines_producer ON ordering.order_lines (producer_id)`);
    await q.query(`
      CREATE TABLE ordering.order_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_events_order ON ordering.order_events (order_id, id)`);
    await q.query(`
      CREATE TABLE ordering.payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('stripe', 'pay_at_pickup')),
        provider_ref text CONSTRAINT payments_provider_ref UNIQUE,
        amount_fen integer NOT NULL CHECK (amount_fen >= 0),
        status text NOT NULL CHECK (status IN ('requires_payment', 'succeeded', 'failed', 'canceled')),
        client_secret text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX payments_one_per_order ON ordering.payments (order_id, provider)`);
    await q.query(`
      CREATE TABLE ordering.refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
        payment_id uuid REFERENCES ordering.payments (id),
        amount_fen integer NOT NULL CHECK (amount_fen > 0),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        provider_ref text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refunds_order ON ordering.refunds (order_id)`);
    await q.query(`
      CREATE TABLE ordering.stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        payment_intent text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ordering.stripe_events, ordering.refunds, ordering.payments, ordering.order_events, ordering.order_lines, ordering.orders, ordering.cart_lines`);
  }
}
