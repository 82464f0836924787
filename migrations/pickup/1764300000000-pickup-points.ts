import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pickup points, their staff, closed days, and slot holds.
 *
 * Capacity is enforced by PostgreSQL, not by the application: a day's counter row is created or bumped by
 * one INSERT … ON CONFLICT DO UPDATE … WHERE held < capacity, and a CHECK keeps held within 0..capacity,
 * so no interleaving of processes can book a day beyond its capacity.
 */
export class PickupPoints1764300000000 implements MigrationInterface {
  name = 'PickupPoints1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pickup.points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
        kind text NOT NULL CHECK (kind IN ('village_station', 'township_coop', 'town_shop')),
        county text NOT NULL CHECK (county IN ('zhaoyang', 'ludian', 'qiaojia', 'yanjin', 'daguan', 'yongshan', 'suijiang',
                                               'zhenxiong', 'yiliang', 'weixin', 'shuifu')),
        township text NOT NULL CHECK (length(township) BETWEEN 1 AND 30),
        village text CHECK (length(village) BETWEEN 1 AND 30),
        address text NOT NULL CHECK (length(address) BETWEEN 2 AND 120),
        -- Zhaotong lies within about 26.5-28.7 N, 102.8-105.3 E; the box has a margin, anything outside is a typo.
        lat numeric(8, 6) NOT NULL CONSTRAINT points_lat_range CHECK (lat BETWEEN 26.3 AND 28.9),
        lng numeric(9, 6) NOT NULL CONSTRAINT points_lng_range CHECK (lng BETWEEN 102.5 AND 105.5),
        -- ISO weekday '1' (Monday) .. '7' (Sunday) -> {"open": "HH:MM", "close": "HH:MM"}, China time; a missing day is closed.
        opening_hours jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(opening_hours) = 'object'),
        capacity_per_day integer NOT NULL CHECK (capacity_per_day BETWEEN 1 AND 10000),
        cold_storage boolean NOT NULL DEFAULT false,
        commission_bps integer NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'suspended')),
        status_note text,
        status_changed_at timestamptz,
        contact_name text,
        contact_phone text NOT NULL CHECK (contact_phone ~ '^1[3-9][0-9]{9}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX points_active_place ON pickup.points (county, township) WHERE status = 'active'`);
    await q.query(`CREATE INDEX points_status_created ON pickup.points (status, created_at DESC)`);

    // Staff accounts (identity.users ids, referred to by id only) bound to the points they manage.
    await q.query(`
      CREATE TABLE pickup.point_staff (
        point_id uuid NOT NULL REFERENCES pickup.points (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (point_id, user_id)
      )`);
    await q.query(`CREATE INDEX point_staff_user ON pickup.point_staff (user_id)`);

    await q.query(`
      CREATE TABLE pickup.closed_days (
        point_id uuid NOT NULL REFERENCES pickup.points (id) ON DELETE CASCADE,
        day date NOT NULL,
        reason text CHECK (length(reason) <= 30),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (point_id, day)
      )`);

    // One row per point and day that has ever been held. capacity is the point's capacity, or what is already
    // held if the point lowered its capacity since (orders already placed keep their place).
    await q.query(`
      CREATE TABLE pickup.day_counters (
        point_id uuid NOT NULL REFERENCES pickup.points (id),
        day date NOT NULL,
        capacity integer NOT NULL CHECK (capacity > 0),
        held integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (point_id, day),
        CONSTRAINT day_counters_within_capacity CHECK (held >= 0 AND held <= capacity)
      )`);

    // One row per order (ordering.orders.id, by id only): the same order id is always the same hold.
    await q.query(`
      CREATE TABLE pickup.holds (
        order_id uuid PRIMARY KEY,
        point_id uuid NOT NULL REFERENCES pickup.points (id),
        day date NOT NULL,
        status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released')),
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        CONSTRAINT holds_released_at CHECK ((status = 'released') = (released_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX holds_point_day ON pickup.holds (point_id, day) WHERE status = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pickup.holds, pickup.day_counters, pickup.closed_days, pickup.point_staff, pickup.points`);
  }
}
