/** The ids every service hands out; anything else names nothing. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The distinct ids among `ids` that can name something, lower-cased; the rest name nothing and are left out. */
export const uniqueIds = (ids: unknown[]): string[] => [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID_PATTERN.test(id)).map((id) => id.toLowerCase()))];

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** `day` (YYYY-MM-DD, a calendar date) moved by `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(toUtc(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}
