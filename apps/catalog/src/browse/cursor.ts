import { invalid } from '@app/errors';

/**
 * An opaque page cursor: the sort it belongs to and the sort key of the last row served.
 * Decoding checks every part, so a forged or stale cursor is a 400, never a database error.
 */
export type CursorKey = Array<number | string>;

export function encodeCursor(sort: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, shape: Array<'int' | 'float'>): number[] {
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
    const ok = typeof v === 'number' && Number.isFinite(v) && (kind === 'float' || Number.isSafeInteger(v));
    if (!ok) throw invalid('cursor', 'is damaged');
    return v;
  });
}
