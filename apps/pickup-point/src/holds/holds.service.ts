import { Injectable } from '@nestjs/common';
import { AuthUser, requireRole } from '@app/auth';
import { PICKUP_MAX_DAYS_AHEAD, SlotHoldView, todayInChina, UUID_PATTERN, WeeklyHours } from '@app/contracts';
import { CommitWait, commitWaitCte, commitWaitSetting, pgCode, pgConstraint, PG_CHECK_VIOLATION, queryRows, UnitOfWork } from '@app/database';
import { AppError, notFound } from '@app/errors';
import { dayStatus, withinHorizon } from '../availability/calendar';
import { HoldSlotDto } from './dto/hold.dto';
import { assertHoldTransition, HoldStatus } from './hold-status';


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
 * - the day's counter row is created or bumped by one INSERT … ON CONFLICT DO UPDATE, which locks the row and
 *   adds one to its latest version; the CHECK (held <= capacity) refuses the one that would overfill the day;
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
   * back for a cancelled order. `commit`: 'no-wait' only for a caller that writes its order in this same
   * database afterwards and waits for that flush (the in-process client; see commit-wait.ts).
   */
  async hold(caller: AuthUser, req: HoldSlotDto, commit: CommitWait = 'wait'): Promise<SlotHoldView> {
    requireRole(caller, 'service', 'admin');
    const orderId = req.orderId.toLowerCase();
    const pointId = req.pointId.toLowerCase();
    const today = todayInChina();
    for (let attempt = 1; ; attempt++) {
      // The horizon in memory; the weekday, closed days, the point's state and capacity in the one statement.
      if (withinHorizon(req.day, today) && (await this.place(orderId, pointId, req.day, caller.id, commit))) {
        return view({ order_id: orderId, point_id: pointId, day: req.day, status: 'held' });
      }
      // Not placed: an existing hold for the order answers (a retry, or a concurrent twin that won) before
      // the point's state and the day are looked at.
      const existing = await this.find(orderId);
      if (existing) {
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
      const refusal = await this.refusal(pointId, req.day, today);
      if (refusal) throw refusal;
      // The point or its calendar changed between the two reads: once more, then give up.
      if (attempt >= 2) throw new AppError('CONFLICT', 'The pickup point changed while the slot was being held; try again');
    }
  }

  /**
   * One statement: locks the point (FOR SHARE, as release() and capacity changes lock it: one lock order),
   * and if it is active, opens that weekday and is not closed that day, inserts the hold and counts it on
   * the day. The count has no condition: past the capacity the CHECK fails the statement, hold and all.
   * Returns whether it placed the hold.
   */
  private async place(orderId: string, pointId: string, day: string, requestedBy: string, commit: CommitWait): Promise<boolean> {
    try {
      const [placed] = await this.uow.statement<{ placed: boolean }>(
        `WITH durability AS (${commitWaitCte('$5')}),
         point AS (
           SELECT status, capacity_per_day, opening_hours ? extract(isodow FROM $3::date)::text AS opens
             FROM pickup.points WHERE id = $2 FOR SHARE),
         inserted AS (
           INSERT INTO pickup.holds (order_id, point_id, day, requested_by)
           SELECT $1::uuid, $2::uuid, $3::date, $4::text FROM point, durability
            WHERE point.status = 'active' AND point.opens
              AND NOT EXISTS (SELECT 1 FROM pickup.closed_days WHERE point_id = $2 AND day = $3::date)
           ON CONFLICT (order_id) DO NOTHING RETURNING order_id),
         counted AS (
           INSERT INTO pickup.day_counters AS c (point_id, day, capacity, held)
           SELECT $2::uuid, $3::date, point.capacity_per_day, 1 FROM inserted, point
           ON CONFLICT (point_id, day) DO UPDATE SET held = c.held + 1, updated_at = now()
           RETURNING c.held)
         SELECT EXISTS (SELECT 1 FROM counted) AS placed`,
        [orderId, pointId, day, requestedBy, commitWaitSetting(commit)],
      );
      return placed.placed;
    } catch (err) {
      if (pgCode(err) === PG_CHECK_VIOLATION && pgConstraint(err) === 'day_counters_within_capacity') throw await this.fullError(pointId, day);
      throw err;
    }
  }

  /** Gives the order's place back, once; releasing again answers the released hold. Unknown orders: null. */
  async release(caller: AuthUser, orderId: string): Promise<SlotHoldView | null> {
    requireRole(caller, 'service', 'admin');
    if (typeof orderId !== 'string' || !UUID_PATTERN.test(orderId)) return null;
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

  /** Why a hold cannot be placed: the point is not taking orders, or the day cannot be booked (its note first). */
  private async refusal(pointId: string, day: string, today: string): Promise<AppError | null> {
    const [point] = await this.uow.statement<{ status: string; opening_hours: WeeklyHours; reason: string | null; closed: boolean }>(
      `SELECT p.status, p.opening_hours, c.reason, c.point_id IS NOT NULL AS closed
         FROM pickup.points p LEFT JOIN pickup.closed_days c ON c.point_id = p.id AND c.day = $2::date WHERE p.id = $1`,
      [pointId, day],
    );
    if (!point || point.status !== 'active') return new AppError('PICKUP_POINT_UNAVAILABLE', 'This pickup point is not taking orders', { pointId });
    const status = dayStatus(point.opening_hours, new Map(point.closed ? [[day, point.reason]] : []), day, today);
    if (status.open) return null;
    return new AppError('PICKUP_DAY_CLOSED', closedMessage(day, status.closedReason, status.note), { pointId, day, reason: status.closedReason });
  }

  private async fullError(pointId: string, day: string): Promise<AppError> {
    const [counter] = await this.uow.statement<{ capacity: number; held: number }>(
      `SELECT capacity, held FROM pickup.day_counters WHERE point_id = $1 AND day = $2::date`,
      [pointId, day],
    );
    return new AppError('PICKUP_DAY_FULL', `The pickup point is full on ${day}: choose another day or point`, {
      pointId,
      day,
      capacity: counter?.capacity,
      held: counter?.held,
    });
  }

  async get(caller: AuthUser, orderId: string): Promise<SlotHoldView> {
    requireRole(caller, 'service', 'admin');
    const hold = UUID_PATTERN.test(orderId) ? await this.find(orderId.toLowerCase()) : null;
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
