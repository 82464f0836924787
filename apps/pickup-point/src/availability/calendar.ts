import type { OpeningHours, PickupDayAvailability, PickupDayClosedReason, WeeklyHours } from '@app/contracts';
import { addDays, daysBetween, PICKUP_AVAILABILITY_MAX_DAYS, PICKUP_MAX_DAYS_AHEAD } from '@app/contracts';
import type { FieldError } from '@app/errors';

/**
 * Calendar rules for pickup days, as pure functions over 'YYYY-MM-DD' strings (China dates). A day is
 * open when its weekday has hours, it is not one of the point's closed days, and it lies between today
 * and PICKUP_MAX_DAYS_AHEAD days from now.
 */

export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);


/** ISO weekday of a calendar date: '1' Monday … '7' Sunday. */
export function weekdayOf(day: string): WeekdayKey {
  const js = new Date(toUtc(day)).getUTCDay(); // 0 = Sunday
  return String(js === 0 ? 7 : js) as WeekdayKey;
}

/** Every date from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

/**
 * What is wrong with a weekly-hours value, or null when it is fine: an object keyed '1'..'7' whose
 * values are exactly { open, close } in 'HH:MM' with close after open, and at least one open day.
 */
export function weeklyHoursProblem(value: unknown, field = 'openingHours'): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `${field} must be an object keyed by ISO weekday "1" (Monday) to "7" (Sunday)`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return `${field} must open on at least one weekday`;
  for (const [key, hours] of entries) {
    if (!(WEEKDAY_KEYS as readonly string[]).includes(key)) return `${field}.${key}: weekdays are "1" (Monday) to "7" (Sunday)`;
    if (hours === null || typeof hours !== 'object' || Array.isArray(hours)) return `${field}.${key} must be { "open": "HH:MM", "close": "HH:MM" }`;
    const { open, close, ...rest } = hours as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) return `${field}.${key}: unknown field ${extra[0]}`;
    if (typeof open !== 'string' || !HH_MM.test(open)) return `${field}.${key}.open must be a time written HH:MM (00:00 to 23:59)`;
    if (typeof close !== 'string' || !HH_MM.test(close)) return `${field}.${key}.close must be a time written HH:MM (00:00 to 23:59)`;
    if (close <= open) return `${field}.${key}.close must be later than open`;
  }
  return null;
}

/** The same hours with weekdays in order and nothing but open/close kept. */
export function normalizeWeeklyHours(hours: WeeklyHours): WeeklyHours {
  const out: WeeklyHours = {};
  for (const key of WEEKDAY_KEYS) {
    const h = hours[key];
    if (h) out[key] = { open: h.open, close: h.close };
  }
  return out;
}

/** Whether `day` lies between today and PICKUP_MAX_DAYS_AHEAD days from now. */
export function withinHorizon(day: string, today: string): boolean {
  const ahead = daysBetween(today, day);
  return ahead >= 0 && ahead <= PICKUP_MAX_DAYS_AHEAD;
}

export interface DayStatus {
  open: boolean;
  hours: OpeningHours | null;
  closedReason: PickupDayClosedReason | null;
  note: string | null;
}

/**
 * Whether a point takes pickups on `day`: the calendar part of availability and of holding a slot.
 * `closedDays` maps the point's closed dates to their note.
 */
export function dayStatus(hours: WeeklyHours, closedDays: ReadonlyMap<string, string | null>, day: string, today: string): DayStatus {
  if (!withinHorizon(day, today)) return { open: false, hours: null, closedReason: 'beyond_horizon', note: null };
  if (closedDays.has(day)) return { open: false, hours: null, closedReason: 'closed_day', note: closedDays.get(day) ?? null };
  const h = hours[weekdayOf(day)];
  if (!h) return { open: false, hours: null, closedReason: 'weekly_hours', note: null };
  return { open: true, hours: { open: h.open, close: h.close }, closedReason: null, note: null };
}

/** Field errors for an availability range: from not before today, to not before from, at most 31 days. */
export function rangeProblems(from: string, to: string, today: string): FieldError[] {
  if (daysBetween(today, from) < 0) return [{ field: 'from', message: `from must not be in the past (today is ${today} in China)` }];
  const span = daysBetween(from, to);
  if (span < 0) return [{ field: 'to', message: 'to must not be before from' }];
  if (span + 1 > PICKUP_AVAILABILITY_MAX_DAYS) return [{ field: 'to', message: `ask for at most ${PICKUP_AVAILABILITY_MAX_DAYS} days at a time` }];
  return [];
}

export interface DayCounter {
  capacity: number;
  held: number;
}

/**
 * Each day's room from `from` to `to`. A day nobody has held yet has the point's capacity; a held day
 * has its counter's. Closed days have no room, whatever is held.
 */
export function availability(input: {
  hours: WeeklyHours;
  capacityPerDay: number;
  closedDays: ReadonlyMap<string, string | null>;
  counters: ReadonlyMap<string, DayCounter>;
  from: string;
  to: string;
  today: string;
}): PickupDayAvailability[] {
  return dayRange(input.from, input.to).map((day) => {
    const status = dayStatus(input.hours, input.closedDays, day, input.today);
    const counter = input.counters.get(day);
    const held = counter?.held ?? 0;
    if (!status.open) {
      return { day, open: false, capacity: 0, held, remaining: 0, hours: null, closedReason: status.closedReason, note: status.note };
    }
    const capacity = counter?.capacity ?? input.capacityPerDay;
    return { day, open: true, capacity, held, remaining: Math.max(0, capacity - held), hours: status.hours, closedReason: null, note: null };
  });
}
