import { UUID_PATTERN } from '@app/contracts';
import { invalid } from '@app/errors';

/**
 * An opaque keyset page cursor: the sort it belongs to and the sort key of the last row served. Decoding
 * checks every part against the shape the query expects, so a forged or stale cursor is a 400, never a
 * database error.
 */
export type CursorPart = 'int' | 'float' | 'text' | 'uuid' | 'time';
type PartValue<P extends CursorPart> = P extends 'int' | 'float' ? number : string;
export type CursorKey = Array<number | string>;

/** A time to the microsecond, as exactCreatedAt() writes it. */
const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_TEXT = 200;

export function encodeCursor(sort: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

export function decodeCursor<S extends readonly CursorPart[]>(cursor: string, sort: string, shape: S): { [K in keyof S]: PartValue<S[K]> } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', 'is not a cursor this API gave out');
  }
  if (!Array.isArray(parts) || parts[0] !== sort || parts.length !== shape.length + 1) {
    throw invalid('cursor', 'belongs to another query or sort order; start again without it');
  }
  return shape.map((kind, i) => {
    const v = parts[i + 1];
    if (!fits(kind, v)) throw invalid('cursor', 'is damaged');
    return v;
  }) as { [K in keyof S]: PartValue<S[K]> };
}

function fits(kind: CursorPart, v: unknown): boolean {
  if (kind === 'int') return typeof v === 'number' && Number.isSafeInteger(v);
  if (kind === 'float') return typeof v === 'number' && Number.isFinite(v);
  if (typeof v !== 'string') return false;
  if (kind === 'uuid') return UUID_PATTERN.test(v);
  if (kind === 'time') return EXACT_TIME.test(v) && isRealTime(v);
  return v.length <= MAX_TEXT && !v.includes('\u0000');
}

/** The shape alone lets through times PostgreSQL refuses to read (2026-02-30, year 0000, 99:99). */
function isRealTime(exact: string): boolean {
  const seconds = exact.slice(0, 19);
  const time = new Date(`${seconds}Z`);
  return !seconds.startsWith('0000') && !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 19) === seconds;
}

/**
 * Keyset paging over (created_at, id), newest first. The cursor carries created_at to the microsecond,
 * because JS dates stop at milliseconds and rows written in one transaction share the same now().
 */
export const exactCreatedAt = (column = 'created_at') => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeTimeCursor(row: { created_exact: string; id: string }): string {
  return encodeCursor('created', [row.created_exact, row.id]);
}

export function decodeTimeCursor(cursor: string): { createdExact: string; id: string } {
  const [createdExact, id] = decodeCursor(cursor, 'created', ['time', 'uuid'] as const);
  return { createdExact, id };
}
