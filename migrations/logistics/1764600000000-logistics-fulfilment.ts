import { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTIES = `('zhaoyang', 'ludian', 'qiaojia', 'yanjin', 'daguan', 'yongshan', 'suijiang', 'zhenxiong', 'yiliang', 'weixin', 'shuifu')`;

/**
 * Pack tasks, parcels, collection runs and shipments (docs/fulfilment.md). Orders, producers and pickup
 * points belong to other services and are referred to by id only.
 */
export class LogisticsFulfilment1764600000000 implements MigrationInterface {
  name = 'LogisticsFulfilment1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // One producer's share of one order. lines holds the order's line snapshots and, once packed, how each came out.
    await q.query(`
      CREATE TABLE logistics.pack_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        pickup_point_id uuid NOT NULL,
        pickup_day date NOT NULL,
        payment_method text NOT NULL CHECK (payment_method IN ('online', 'pay_at_pickup')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'packed', 'short', 'cancelled')),
        lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) > 0),
        ordered_fen integer NOT NULL CHECK (ordered_fen >= 0),
        packed_fen integer CHECK (packed_fen >= 0),
        perishable boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        packed_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pack_tasks_one_per_producer UNIQUE (order_id, producer_id),
        CONSTRAINT pack_tasks_packed CHECK ((status IN ('packed', 'short')) = (packed_at IS NOT NULL AND packed_fen IS NOT NULL)),
        CONSTRAINT pack_tasks_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX pack_tasks_producer_day ON logistics.pack_tasks (producer_id, pickup_day)`);
    await q.query(`CREATE INDEX pack_tasks_producer_packed ON logistics.pack_tasks (producer_id, packed_at) WHERE packed_at IS NOT NULL`);
    await q.query(`CREATE INDEX pack_tasks_open_day ON logistics.pack_tasks (pickup_day) WHERE status = 'open'`);

    // Orders cancelled, remembered so a paid/confirmed event delivered after the cancel makes no tasks.
    await q.query(`
      CREATE TABLE logistics.cancelled_orders (
        order_id uuid PRIMARY KEY,
        cancelled_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE logistics.runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        day date NOT NULL,
        county text NOT NULL CHECK (county IN ${COUNTIES}),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'collecting', 'delivering', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        planned_at timestamptz NOT NULL DEFAULT now(),
        collecting_at timestamptz,
        at_hub_at timestamptz,
        delivering_at timestamptz,
        done_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Planning again adds to the day's planned run of the county instead of making another.
    await q.query(`CREATE UNIQUE INDEX runs_one_planned ON logistics.runs (day, county) WHERE status = 'planned'`);
    await q.query(`CREATE INDEX runs_day ON logistics.runs (day, county)`);
    await q.query(`CREATE INDEX runs_not_done ON logistics.runs (day) WHERE status <> 'done'`);

    // A run's parcels for one pickup point; stop_seq orders the stops, leg_km is the distance from the previous one.
    await q.query(`
      CREATE TABLE logistics.shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES logistics.runs (id),
        pickup_point_id uuid NOT NULL,
        point_name text NOT NULL,
        stop_seq integer NOT NULL CHECK (stop_seq >= 1),
        leg_km numeric(7, 1) NOT NULL CHECK (leg_km >= 0),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'dispatched', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        done_at timestamptz,
        CONSTRAINT shipments_one_per_point UNIQUE (run_id, pickup_point_id)
      )`);

    // What a packed task became. The producer's name and the goods' origins are copied at packing, so the
    // label, the manifests and the public trace page read this schema only.
    await q.query(`
      CREATE TABLE logistics.parcels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL UNIQUE REFERENCES logistics.pack_tasks (id),
        code text NOT NULL UNIQUE CHECK (code ~ '^ZT[0-9A-HJKMNP-TV-Z]{10}$'),
        trace_code text NOT NULL UNIQUE CHECK (trace_code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
        order_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        pickup_point_id uuid NOT NULL,
        pickup_day date NOT NULL,
        status text NOT NULL DEFAULT 'packed' CHECK (status IN ('packed', 'collected', 'at_hub', 'out_for_delivery', 'delivered', 'received',
                                                                  'handed_over', 'missing', 'damaged', 'voided', 'returned')),
        goods_fen integer NOT NULL CHECK (goods_fen >= 0),
        producer_name text NOT NULL,
        producer_county text NOT NULL,
        producer_township text NOT NULL,
        origins jsonb NOT NULL CHECK (jsonb_typeof(origins) = 'array'),
        run_id uuid REFERENCES logistics.runs (id),
        shipment_id uuid REFERENCES logistics.shipments (id),
        packed_at timestamptz NOT NULL DEFAULT now(),
        collected_at timestamptz,
        dispatched_at timestamptz,
        received_at timestamptz,
        voided_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT parcels_shipment_in_run CHECK (shipment_id IS NULL OR run_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX parcels_unplanned ON logistics.parcels (pickup_day) WHERE status = 'packed' AND run_id IS NULL`);
    await q.query(`CREATE INDEX parcels_run ON logistics.parcels (run_id, shipment_id)`);
    await q.query(`CREATE INDEX parcels_order ON logistics.parcels (order_id)`);
    await q.query(`CREATE INDEX parcels_in_transit ON logistics.parcels (status, dispatched_at) WHERE status IN ('packed', 'collected', 'at_hub', 'out_for_delivery', 'delivered')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE logistics.parcels, logistics.shipments, logistics.runs, logistics.cancelled_orders, logistics.pack_tasks`);
  }
}
