import { UUID_PATTERN } from '@app/contracts';
import { invalid } from '@app/errors';

/**
 * Keyset paging over (created_at, id), newest first. The cursor carries created_at to the microsecond,
 * because JS dates stop at milliseconds and rows written in one transaction share the same now().
 */
export const exactCreatedAt = (column = 'created_at') => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeTimeCursor(row: { created_exact: string; id: string }): string {
  return Buffer.from(`${row.created_exact}|${row.id}`, 'utf8').toString('base64url');
}

/** The cursor's parts, checked, so a forged one is a 400 rather than a database error. */
export function decodeTimeCursor(cursor: string): { createdExact: string; id: string } {
  const [createdExact, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!EXACT_TIME.test(createdExact ?? '') || !isRealTime(createdExact) || !UUID_PATTERN.test(id ?? '')) throw invalid('cursor', 'cursor is not one this API gave out');
  return { createdExact, id };
}

/** The shape alone lets through times PostgreSQL refuses to read (2026-02-30, year 0000, 99:99). */
function isRealTime(exact: string): boolean {
  const seconds = exact.slice(0, 19);
  const time = new Date(`${seconds}Z`);
  return !seconds.startsWith('0000') && !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 19) === seconds;
}
