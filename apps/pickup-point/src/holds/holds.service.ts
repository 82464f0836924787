import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, requireRole } from '@app/auth';
import { PICKUP_MAX_DAYS_AHEAD, SlotHoldView, todayInChina, WeeklyHours } from '@app/contracts';
import { queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { dayStatus } from '../availability/calendar';
import { HoldSlotDto } from './dto/hold.dto';
import { assertHoldTransition, HoldStatus } from './hold-status';

const NO_CLOSED_DAYS: ReadonlyMap<string, string | null> = new Map();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface HoldRow {
  order_id: string;
  point_id: string;
  day: string;
  status: HoldStatus;
}

const view = (h: HoldRow): SlotHoldView => ({ orderId: h.order_id, pointId: h.point_id, day: h.day, status: h.status });

/**
 * A place for one order's parcel at a pickup point on a day. One hold per order id; a day never holds more
 * than its capacity. PostgreSQL decides both, so any number of processes may hold and release at once:
 *
 * - holds.order_id is the primary key: the first INSERT of an order id wins, a concurrent one waits for it
 *   and then finds it (ON CONFLICT DO NOTHING);
 * - the day's counter row is created or bumped by one INSERT … ON CONFLICT DO UPDATE … WHERE held < capacity,
 *   which locks the row and re-checks the condition on its latest version; a CHECK (held <= capacity) backs it;
 * - hold, release and capacity changes lock the point row first (holds and releases FOR SHARE, so they do not
 *   wait for each other; a capacity or status change FOR UPDATE), so all of them take locks in one order.
 */
@Injectable()
export class HoldsService {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Holds a place for the order. The same order id with the same point and day returns the hold it already
   * has (a retry, or a double tap); with another point or day it is IDEMPOTENCY_MISMATCH, never a silent
   * move; and a hold that was released is final (INVALID_TRANSITION), so a late retry cannot take a place
   * back for a cancelled order.
   */
  async hold(caller: AuthUser, req: HoldSlotDto): Promise<SlotHoldView> {
    requireRole(caller, 'service', 'admin');
    const orderId = req.orderId.toLowerCase();
    const pointId = req.pointId.toLowerCase();
    const today = todayInChina();
    const created = await this.uow.run(async (tx) => {
      // The point is locked first (FOR SHARE), as release() and capacity changes lock it: one lock order.
      const [point] = await queryRows<{ status: string; capacity_per_day: number; opening_hours: WeeklyHours; has_hold: boolean }>(
        tx,
        `SELECT status, capacity_per_day, opening_hours, EXISTS (SELECT 1 FROM pickup.holds WHERE order_id = $1) AS has_hold
           FROM pickup.points WHERE id = $2 FOR SHARE`,
        [orderId, pointId],
      );
      if (point?.has_hold) return null;
      if (!point || point.status !== 'active') {
        if (await this.holdExists(tx, orderId)) return null; // an existing hold answers before the point's state
        throw new AppError('PICKUP_POINT_UNAVAILABLE', 'This pickup point is not taking orders', { pointId });
      }
      // Horizon and weekday first, in memory; the closed-day table is read by the statement that inserts, which
      // starts after the point lock is held and so sees a day closed by whoever held the lock before us.
      if (!dayStatus(point.opening_hours, NO_CLOSED_DAYS, req.day, today).open) throw await this.closedError(tx, point.opening_hours, pointId, req.day, today);
      const [placed] = await queryRows<{ closed: boolean; inserted: boolean; held: number | null }>(
        tx,
        `WITH closed AS (SELECT 1 FROM pickup.closed_days WHERE point_id = $2 AND day = $3::date),
         inserted AS (
           INSERT INTO pickup.holds (order_id, point_id, day, requested_by)
           SELECT $1::uuid, $2::uuid, $3::date, $4::text WHERE NOT EXISTS (SELECT 1 FROM closed)
           ON CONFLICT (order_id) DO NOTHING RETURNING order_id),
         counted AS (
           INSERT INTO pickup.day_counters AS c (point_id, day, capacity, held)
           SELECT $2::uuid, $3::date, $5::int, 1 FROM inserted
           ON CONFLICT (point_id, day) DO UPDATE SET held = c.held + 1, updated_at = now() WHERE c.held < c.capacity
           RETURNING c.held)
         SELECT EXISTS (SELECT 1 FROM closed) AS closed, EXISTS (SELECT 1 FROM inserted) AS inserted, (SELECT held FROM counted) AS held`,
        [orderId, pointId, req.day, caller.id, point.capacity_per_day],
      );
      if (placed.closed) throw await this.closedError(tx, point.opening_hours, pointId, req.day, today);
      if (!placed.inserted) return null; // a concurrent hold for the same order committed first
      if (placed.held === null) {
        // The hold row written above goes with this transaction's rollback.
        const [day] = await queryRows<{ capacity: number; held: number }>(
          tx,
          `SELECT capacity, held FROM pickup.day_counters WHERE point_id = $1 AND day = $2::date`,
          [pointId, req.day],
        );
        throw new AppError('PICKUP_DAY_FULL', `The pickup point is full on ${req.day}: choose another day or point`, {
          pointId,
          day: req.day,
          capacity: day?.capacity,
          held: day?.held,
        });
      }
      return view({ order_id: orderId, point_id: pointId, day: req.day, status: 'held' });
    });
    if (created) return created;
    const existing = await this.find(orderId);
    // The insert that beat us committed before ours gave up, so the row is there.
    if (!existing) throw new Error(`slot hold for order ${orderId} vanished`);
    if (existing.point_id !== pointId || existing.day !== req.day) {
      throw new AppError('IDEMPOTENCY_MISMATCH', `This order already holds a slot at another point or day (${existing.day})`, {
        orderId,
        pointId: existing.point_id,
        day: existing.day,
      });
    }
    if (existing.status !== 'held') assertHoldTransition(existing.status, 'held');
    return view(existing);
  }

  /** Gives the order's place back, once; releasing again answers the released hold. Unknown orders: null. */
  async release(caller: AuthUser, orderId: string): Promise<SlotHoldView | null> {
    requireRole(caller, 'service', 'admin');
    if (typeof orderId !== 'string' || !UUID.test(orderId)) return null;
    const id = orderId.toLowerCase();
    return this.uow.run(async (tx) => {
      const rows = await queryRows<HoldRow>(tx, `SELECT order_id, point_id, day::text AS day, status FROM pickup.holds WHERE order_id = $1`, [id]);
      const hold = rows[0];
      if (!hold) return null;
      if (hold.status === 'released') return view(hold);
      assertHoldTransition(hold.status, 'released');
      // The point first, as hold() and capacity changes lock it: one lock order for every transaction.
      const [point] = await queryRows<{ capacity_per_day: number }>(tx, `SELECT capacity_per_day FROM pickup.points WHERE id = $1 FOR SHARE`, [
        hold.point_id,
      ]);
      const released = await queryRows(
        tx,
        `UPDATE pickup.holds SET status = 'released', released_at = now() WHERE order_id = $1 AND status = 'held' RETURNING order_id`,
        [id],
      );
      // Only the call that moved the hold gives the place back; a concurrent one finds it released.
      if (released.length) {
        await tx.query(
          `UPDATE pickup.day_counters SET held = held - 1, capacity = GREATEST($3::int, held - 1), updated_at = now()
            WHERE point_id = $1 AND day = $2::date`,
          [hold.point_id, hold.day, point.capacity_per_day],
        );
      }
      return view({ ...hold, status: 'released' });
    });
  }

  private async holdExists(tx: EntityManager, orderId: string): Promise<boolean> {
    return (await queryRows(tx, `SELECT 1 FROM pickup.holds WHERE order_id = $1`, [orderId])).length > 0;
  }

  /** The day cannot be booked: the error names why, a closed day (with its note) before the weekly hours. */
  private async closedError(tx: EntityManager, hours: WeeklyHours, pointId: string, day: string, today: string): Promise<AppError> {
    const closed = await queryRows<{ reason: string | null }>(tx, `SELECT reason FROM pickup.closed_days WHERE point_id = $1 AND day = $2::date`, [pointId, day]);
    const status = dayStatus(hours, new Map(closed.map((c) => [day, c.reason])), day, today);
    return new AppError('PICKUP_DAY_CLOSED', closedMessage(day, status.closedReason, status.note), { pointId, day, reason: status.closedReason });
  }

  async get(caller: AuthUser, orderId: string): Promise<SlotHoldView> {
    requireRole(caller, 'service', 'admin');
    const hold = UUID.test(orderId) ? await this.find(orderId.toLowerCase()) : null;
    if (!hold) throw notFound('Slot hold');
    return view(hold);
  }

  private async find(orderId: string): Promise<HoldRow | null> {
    const rows: HoldRow[] = await this.uow.dataSource.query(
      `SELECT order_id, point_id, day::text AS day, status FROM pickup.holds WHERE order_id = $1`,
      [orderId],
    );
    return rows[0] ?? null;
  }
}

function closedMessage(day: string, reason: string | null, note: string | null): string {
  switch (reason) {
    case 'closed_day':
      return `The pickup point is closed on ${day}${note ? ` (${note})` : ''}: choose another day`;
    case 'weekly_hours':
      return `The pickup point does not open on that weekday (${day}): choose another day`;
    default:
      return `${day} cannot be booked: pickup days run from today to ${PICKUP_MAX_DAYS_AHEAD} days ahead (China time)`;
  }
}
