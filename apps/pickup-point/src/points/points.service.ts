import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuthUser, isAdmin, requireRole } from '@app/auth';
import { ACCOUNT_DIRECTORY, AccountDirectory, addDays, daysBetween, PickupPointPlace, PickupPointSummary, todayInChina, toPickupPointSummary, uniqueIds, UUID_PATTERN, WeeklyHours } from '@app/contracts';
import { decodeCursor, encodeCursor, queryRows, UnitOfWork } from '@app/database';
import { AppError, FieldError, invalid, notFound } from '@app/errors';
import { patchFields } from '@app/http';
import { JobPayloads, OutboxService } from '@app/queue';
import { dayStatus, normalizeWeeklyHours, weekdayOf } from '../availability/calendar';
import {
  BindStaffDto, ChangePointStatusDto, ClosedDayDto, CloseDayDto, CreatePointDto, ListPointsDto, STAFF_EDITABLE, UpdatePointDto,
} from './dto/point.dto';
import { assertPointTransition } from './point-status';
import { Point } from './point.entity';
import { ClosedDayView, managerPointView, publicPointView, StaffView } from './point.view';

const NULLABLE_FIELDS = ['village', 'contactName'] as const;
/** Points page by place: the cursor is the last point's (county, township, name, id). */
const PLACE_CURSOR = ['text', 'text', 'text', 'uuid'] as const;
/** How far ahead a closed day may be set. */
export const CLOSED_DAYS_AHEAD = 366;

type PointChange = JobPayloads['pickup.point.changed']['change'];

/** Admins and our own services see every point in every state; staff see the points they are bound to. */
const seesAll = (caller: AuthUser | undefined) => isAdmin(caller) || caller?.role === 'service';

/**
 * Pickup points: admins create and approve them and bind staff; staff manage the hours, closed days and
 * capacity of their own points; buyers find active ones by place, distance and opening day.
 */
@Injectable()
export class PointsService {
  constructor(
    @InjectRepository(Point) private readonly points: Repository<Point>,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
  ) {}

  /** An admin records a point; it is proposed until an admin approves it (status → active). */
  async create(caller: AuthUser, dto: CreatePointDto) {
    requireRole(caller, 'admin');
    return this.uow.run(async (tx) => {
      const repo = tx.getRepository(Point);
      const saved = await repo.save(
        repo.create({
          ...dto,
          village: dto.village ?? null,
          contactName: dto.contactName ?? null,
          coldStorage: dto.coldStorage ?? false,
          openingHours: normalizeWeeklyHours(dto.openingHours),
          status: 'proposed',
          statusNote: null,
          statusChangedAt: null,
        }),
      );
      await this.changed(tx, saved, 'created');
      return this.managerView(tx, saved);
    });
  }

  /** Buyers' search: active points by county, township, kind, distance and opening day. Admins may filter by status. */
  async list(caller: AuthUser | undefined, dto: ListPointsDto) {
    const limit = dto.limit ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    if (seesAll(caller)) {
      if (dto.status) where.push(`p.status = $${params.push(dto.status)}`);
    } else {
      where.push(`p.status = 'active'`);
    }
    if (dto.county) where.push(`p.county = $${params.push(dto.county)}`);
    if (dto.township) where.push(`p.township = $${params.push(dto.township)}`);
    if (dto.kind) where.push(`p.kind = $${params.push(dto.kind)}`);
    if (dto.coldStorage !== undefined) where.push(`p.cold_storage = $${params.push(dto.coldStorage)}`);
    if (dto.openOn) {
      where.push(`p.opening_hours ? $${params.push(weekdayOf(dto.openOn))}`);
      where.push(`NOT EXISTS (SELECT 1 FROM pickup.closed_days c WHERE c.point_id = p.id AND c.day = $${params.push(dto.openOn)}::date)`);
    }
    const near = dto.near ? parseNear(dto.near) : null;
    if (dto.withinKm !== undefined && !near) throw invalid('withinKm', 'withinKm needs near (lat,lng)');
    if (dto.cursor && near) throw invalid('cursor', 'pages go by place, not by distance: leave out near to page');
    if (dto.cursor) {
      const c = decodeCursor(dto.cursor, 'place', PLACE_CURSOR);
      where.push(`(p.county, p.township, p.name, p.id) > ($${params.push(c[0])}, $${params.push(c[1])}, $${params.push(c[2])}, $${params.push(c[3])}::uuid)`);
    }
    const conditions = where.length ? where.join(' AND ') : 'true';
    let sql: string;
    if (near) {
      // Haversine distance on a sphere of the Earth's mean radius: plenty for "which point is closest".
      const lat = `$${params.push(near.lat)}::float8`;
      const lng = `$${params.push(near.lng)}::float8`;
      const distance = `6371.0088 * 2 * asin(least(1, sqrt(
          power(sin(radians(p.lat::float8 - ${lat}) / 2), 2)
          + cos(radians(${lat})) * cos(radians(p.lat::float8)) * power(sin(radians(p.lng::float8 - ${lng}) / 2), 2))))`;
      const within = dto.withinKm !== undefined ? `WHERE s.distance_km <= $${params.push(dto.withinKm)}` : '';
      sql = `SELECT s.id, s.distance_km FROM (
               SELECT p.id, p.name, ${distance} AS distance_km FROM pickup.points p WHERE ${conditions}
             ) s ${within}
             ORDER BY s.distance_km, s.name, s.id LIMIT ${limit}`;
    } else {
      sql = `SELECT p.id FROM pickup.points p WHERE ${conditions} ORDER BY p.county, p.township, p.name, p.id LIMIT ${limit + 1}`;
    }
    const db = this.points.manager;
    const all: Array<{ id: string; distance_km?: number }> = await db.query(sql, params);
    const rows = all.slice(0, limit);
    if (!rows.length) return { items: [], nextCursor: null };
    const found = await this.points.findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(found.map((p) => [p.id, p]));
    const ordered = rows.map((r) => ({ point: byId.get(r.id)!, distanceKm: r.distance_km === undefined ? undefined : Number(r.distance_km) })).filter((r) => r.point);
    const today = todayInChina();
    const ids = ordered.map((r) => r.point.id);
    const closed = await this.closedDaysOf(db, ids, today);
    const last = ordered[ordered.length - 1]?.point;
    const nextCursor = all.length > limit && last ? encodeCursor('place', [last.county, last.township, last.name, last.id]) : null;
    if (seesAll(caller)) {
      const staff = await this.staffOf(db, ids);
      return { items: ordered.map((r) => managerPointView(r.point, closed.get(r.point.id) ?? [], staff.get(r.point.id) ?? [], r.distanceKm)), nextCursor };
    }
    return { items: ordered.map((r) => publicPointView(r.point, closed.get(r.point.id) ?? [], r.distanceKm)), nextCursor };
  }

  /** Anyone sees an active point; admins, services and its own staff see it in any state, with more detail. */
  async get(caller: AuthUser | undefined, id: string) {
    const point = await this.points.findOneBy({ id });
    if (!point) throw notFound('Pickup point');
    const manages = await this.manages(this.points.manager, caller, id);
    if (manages) return this.managerView(this.points.manager, point);
    if (point.status !== 'active') throw notFound('Pickup point');
    const closed = await this.closedDaysOf(this.points.manager, [id], todayInChina());
    return publicPointView(point, closed.get(id) ?? []);
  }

  /** The point `caller` may see, or 404: what availability is computed for. */
  async visiblePoint(caller: AuthUser | undefined, id: string): Promise<Point> {
    const point = await this.points.findOneBy({ id });
    if (!point) throw notFound('Pickup point');
    if (point.status !== 'active' && !(await this.manages(this.points.manager, caller, id))) throw notFound('Pickup point');
    return point;
  }

  /** The summary the order service reads; null for an id that names no point. */
  async summary(id: string): Promise<PickupPointSummary | null> {
    if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return null;
    const point = await this.points.findOneBy({ id: id.toLowerCase() });
    return point ? toPickupPointSummary(point) : null;
  }

  /** Summaries with coordinates, for logistics' runs; ids that name no point are left out. */
  async places(ids: string[]): Promise<PickupPointPlace[]> {
    const wanted = uniqueIds(ids);
    if (!wanted.length) return [];
    const rows = await this.points.findBy({ id: In(wanted) });
    return rows.map((p) => ({ ...toPickupPointSummary(p), lat: p.lat, lng: p.lng }));
  }

  /** A staff account's own points, in any state. */
  async mine(caller: AuthUser) {
    requireRole(caller, 'staff');
    const db = this.points.manager;
    const rows: Array<{ point_id: string }> = await db.query(`SELECT point_id FROM pickup.point_staff WHERE user_id = $1`, [caller.id]);
    if (!rows.length) return { items: [] };
    const points = await this.points.find({ where: { id: In(rows.map((r) => r.point_id)) }, order: { name: 'ASC' } });
    const ids = points.map((p) => p.id);
    const [closed, staff] = [await this.closedDaysOf(db, ids, todayInChina()), await this.staffOf(db, ids)];
    return { items: points.map((p) => managerPointView(p, closed.get(p.id) ?? [], staff.get(p.id) ?? [])) };
  }

  /**
   * Admins change anything but the status; staff bound to the point change its hours, closed days,
   * capacity, cold storage and contact. Closing a day that already has orders booked is refused; lowering
   * the capacity keeps the orders already booked and takes no more until a day is under the new capacity.
   */
  async update(caller: AuthUser, id: string, dto: UpdatePointDto) {
    requireRole(caller, 'admin', 'staff');
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      if (caller.role === 'staff') {
        const notAllowed = Object.keys(dto).filter((k) => dto[k as keyof UpdatePointDto] !== undefined && !STAFF_EDITABLE.includes(k as keyof UpdatePointDto));
        if (notAllowed.length) {
          throw new AppError('FORBIDDEN', `Staff may not change ${notAllowed.join(', ')}; ask an admin`, { fields: notAllowed });
        }
      }
      const { closedDays, ...fields } = patchFields(dto, NULLABLE_FIELDS);
      const today = todayInChina();
      const newClosed = closedDays ? closedDayMap(closedDays, today) : null;
      const hours: WeeklyHours = fields.openingHours ? normalizeWeeklyHours(fields.openingHours) : point.openingHours;
      if (fields.openingHours || newClosed) {
        const closedAfter = newClosed ?? new Map((await this.closedDaysOf(tx, [id], today)).get(id)?.map((c) => [c.day, c.reason]) ?? []);
        await this.refuseClosingBookedDays(tx, id, hours, closedAfter, today);
      }
      const capacityBefore = point.capacityPerDay;
      Object.assign(point, fields, { openingHours: hours });
      const saved = await tx.getRepository(Point).save(point);
      if (saved.capacityPerDay !== capacityBefore) {
        // Upcoming days follow the new capacity, but never drop below what is already held.
        await tx.query(
          `UPDATE pickup.day_counters SET capacity = GREATEST($2::int, held), updated_at = now() WHERE point_id = $1 AND day >= $3::date`,
          [id, saved.capacityPerDay, today],
        );
      }
      if (newClosed) {
        await tx.query(`DELETE FROM pickup.closed_days WHERE point_id = $1 AND day >= $2::date`, [id, today]);
        if (newClosed.size) {
          await tx.query(
            `INSERT INTO pickup.closed_days (point_id, day, reason) SELECT $1, d.day, d.reason FROM unnest($2::date[], $3::text[]) AS d (day, reason)`,
            [id, [...newClosed.keys()], [...newClosed.values()]],
          );
        }
        await this.changed(tx, saved, 'closed_days');
      }
      if (Object.keys(fields).length) await this.changed(tx, saved, 'details');
      return this.managerView(tx, saved);
    });
  }

  /** Marks one day closed (or changes its note). Refused when orders are booked for that day. */
  async closeDay(caller: AuthUser, id: string, day: string, dto: CloseDayDto) {
    requireRole(caller, 'admin', 'staff');
    const today = todayInChina();
    const problem = closedDayProblem(day, today);
    if (problem) throw invalid('day', problem);
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      const booked = await queryRows<{ held: number }>(tx, `SELECT held FROM pickup.day_counters WHERE point_id = $1 AND day = $2::date AND held > 0`, [id, day]);
      if (booked.length) {
        throw new AppError('CONFLICT', `${booked[0].held} orders are already booked for pickup on ${day}: keep the day open, or have the orders moved first`, {
          days: [{ day, held: booked[0].held }],
        });
      }
      await tx.query(
        `INSERT INTO pickup.closed_days (point_id, day, reason) VALUES ($1, $2::date, $3)
         ON CONFLICT (point_id, day) DO UPDATE SET reason = EXCLUDED.reason`,
        [id, day, dto.reason ?? null],
      );
      await this.changed(tx, point, 'closed_days');
      return this.managerView(tx, point);
    });
  }

  /** Opens a closed day again; 404 when the day was not closed. */
  async reopenDay(caller: AuthUser, id: string, day: string) {
    requireRole(caller, 'admin', 'staff');
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      const removed = await queryRows(tx, `DELETE FROM pickup.closed_days WHERE point_id = $1 AND day = $2::date RETURNING day`, [id, day]);
      if (!removed.length) throw new AppError('NOT_FOUND', `${day} is not a closed day of this point`);
      await this.changed(tx, point, 'closed_days');
      return this.managerView(tx, point);
    });
  }

  /** An admin approves (proposed → active), suspends and reinstates points. */
  async changeStatus(caller: AuthUser, id: string, dto: ChangePointStatusDto) {
    requireRole(caller, 'admin');
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      assertPointTransition(point.status, dto.status);
      point.status = dto.status;
      point.statusNote = dto.note ?? null;
      point.statusChangedAt = new Date();
      const saved = await tx.getRepository(Point).save(point);
      await this.changed(tx, saved, 'status');
      return this.managerView(tx, saved);
    });
  }

  /**
   * Binds a staff account to a point; binding it again changes nothing. Only a staff account: a buyer's or
   * farmer's would show on the point's list yet could never use the staff screens (identity says the role).
   */
  async bindStaff(caller: AuthUser, id: string, dto: BindStaffDto) {
    requireRole(caller, 'admin');
    const [account] = await this.accounts.accounts([dto.userId]);
    if (account?.role !== 'staff') {
      throw invalid('userId', account ? `userId names a ${account.role} account, not a staff account` : 'userId names no account');
    }
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      const added = await queryRows(
        tx,
        `INSERT INTO pickup.point_staff (point_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [id, dto.userId.toLowerCase()],
      );
      if (added.length) await this.changed(tx, point, 'staff');
      return this.managerView(tx, point);
    });
  }

  async unbindStaff(caller: AuthUser, id: string, userId: string) {
    requireRole(caller, 'admin');
    return this.uow.run(async (tx) => {
      const point = await this.loadManaged(tx, caller, id);
      const removed = await queryRows(tx, `DELETE FROM pickup.point_staff WHERE point_id = $1 AND user_id = $2 RETURNING user_id`, [id, userId]);
      if (!removed.length) throw new AppError('NOT_FOUND', 'That account is not bound to this pickup point');
      await this.changed(tx, point, 'staff');
      return this.managerView(tx, point);
    });
  }

  /**
   * Loads a point the caller manages, locked for the transaction: any point for an admin, a bound point
   * for staff; 404 otherwise, so staff cannot learn about points that are not theirs.
   */
  private async loadManaged(tx: EntityManager, caller: AuthUser, id: string): Promise<Point> {
    const point = await tx.getRepository(Point).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!point || !(await this.manages(tx, caller, id))) throw notFound('Pickup point');
    return point;
  }

  private async manages(db: EntityManager, caller: AuthUser | undefined, id: string): Promise<boolean> {
    if (seesAll(caller)) return true;
    if (caller?.role !== 'staff') return false;
    const rows: unknown[] = await db.query(`SELECT 1 FROM pickup.point_staff WHERE point_id = $1 AND user_id = $2`, [id, caller.id]);
    return rows.length > 0;
  }

  /** Days that have orders booked and would be closed under the new hours or closed days: refused. */
  private async refuseClosingBookedDays(tx: EntityManager, id: string, hours: WeeklyHours, closed: ReadonlyMap<string, string | null>, today: string) {
    const booked: Array<{ day: string; held: number }> = await tx.query(
      `SELECT day::text AS day, held FROM pickup.day_counters WHERE point_id = $1 AND day >= $2::date AND held > 0 ORDER BY day`,
      [id, today],
    );
    const blocked = booked.filter((b) => !dayStatus(hours, closed, b.day, today).open);
    if (blocked.length) {
      throw new AppError(
        'CONFLICT',
        `Orders are already booked for pickup on ${blocked.map((b) => b.day).join(', ')}: keep those days open, or have the orders moved first`,
        { days: blocked },
      );
    }
  }

  private async managerView(db: EntityManager, point: Point) {
    const closed = await this.closedDaysOf(db, [point.id], todayInChina());
    const staff = await this.staffOf(db, [point.id]);
    return managerPointView(point, closed.get(point.id) ?? [], staff.get(point.id) ?? []);
  }

  private async closedDaysOf(db: EntityManager, ids: string[], today: string): Promise<Map<string, ClosedDayView[]>> {
    const out = new Map<string, ClosedDayView[]>();
    if (!ids.length) return out;
    const rows: Array<{ point_id: string; day: string; reason: string | null }> = await db.query(
      `SELECT point_id, day::text AS day, reason FROM pickup.closed_days WHERE point_id = ANY($1::uuid[]) AND day >= $2::date ORDER BY day`,
      [ids, today],
    );
    for (const r of rows) out.set(r.point_id, [...(out.get(r.point_id) ?? []), { day: r.day, reason: r.reason }]);
    return out;
  }

  private async staffOf(db: EntityManager, ids: string[]): Promise<Map<string, StaffView[]>> {
    const out = new Map<string, StaffView[]>();
    if (!ids.length) return out;
    const rows: Array<{ point_id: string; user_id: string; created_at: Date }> = await db.query(
      `SELECT point_id, user_id, created_at FROM pickup.point_staff WHERE point_id = ANY($1::uuid[]) ORDER BY created_at, user_id`,
      [ids],
    );
    for (const r of rows) out.set(r.point_id, [...(out.get(r.point_id) ?? []), { userId: r.user_id, since: new Date(r.created_at).toISOString() }]);
    return out;
  }

  private changed(tx: EntityManager, point: Point, change: PointChange) {
    return this.outbox.publish(tx, 'pickup', 'pickup.point.changed', { pointId: point.id, status: point.status, change });
  }
}

/** "lat,lng" → numbers on the globe, or a field error. */
function parseNear(near: string): { lat: number; lng: number } {
  const [lat, lng] = near.split(',').map(Number);
  if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) throw invalid('near', 'near must be a latitude (-90 to 90) and a longitude (-180 to 180)');
  return { lat, lng };
}

function closedDayProblem(day: string, today: string): string | null {
  const ahead = daysBetween(today, day);
  if (ahead < 0) return `a closed day must not be in the past (today is ${today} in China)`;
  if (ahead > CLOSED_DAYS_AHEAD) return `a closed day must be within ${CLOSED_DAYS_AHEAD} days (by ${addDays(today, CLOSED_DAYS_AHEAD)})`;
  return null;
}

/** The upcoming closed days a PATCH sets, as day → note; each day once, none in the past. */
function closedDayMap(days: ClosedDayDto[], today: string): Map<string, string | null> {
  const errors: FieldError[] = [];
  const out = new Map<string, string | null>();
  days.forEach((d, i) => {
    const problem = closedDayProblem(d.day, today) ?? (out.has(d.day) ? `${d.day} is listed twice` : null);
    if (problem) errors.push({ field: `closedDays.${i}.day`, message: problem });
    else out.set(d.day, d.reason ?? null);
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), undefined, errors);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
