import { MigrationInterface, QueryRunner } from 'typeorm';

/** A committed (sold) reservation can be returned to stock when a paid order is cancelled before packing. */
export class ReservationReturns1764300000000 implements MigrationInterface {
  name = 'ReservationReturns1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.reservations DROP CONSTRAINT reservations_status_check`);
    await q.query(`ALTER TABLE catalog.reservations ADD CONSTRAINT reservations_status_check
      CHECK (status IN ('held', 'committed', 'released', 'expired', 'returned'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.reservations DROP CONSTRAINT reservations_status_check`);
    await q.query(`ALTER TABLE catalog.reservations ADD CONSTRAINT reservations_status_check
      CHECK (status IN ('held', 'committed', 'released', 'expired'))`);
  }
}
