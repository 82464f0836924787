/** Money is integer fen (分) in CNY. ¥12.50 is 1250. Floats never hold money. */
export type Fen = number;

export const MAX_FEN = 100_000_000_00; // ¥100 million: far above any order, well inside safe integers

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

export function assertFen(value: number, what = 'amount'): Fen {
  if (!isFen(value)) throw new RangeError(`${what} must be a whole number of fen between 0 and ${MAX_FEN}`);
  return value;
}

/** Price of `quantity` units at `unitFen` each. */
export function lineTotal(unitFen: Fen, quantity: number): Fen {
  assertFen(unitFen, 'unit price');
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('quantity must be a whole number');
  return assertFen(unitFen * quantity, 'line total');
}

export function sumFen(values: Fen[]): Fen {
  return assertFen(values.reduce((a, b) => a + b, 0), 'total');
}

/** Formats 1250 as "¥12.50" (or "12.50" without the symbol). */
export function formatYuan(fen: Fen, withSymbol = true): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${withSymbol ? '¥' : ''}${grouped}.${cents}`;
}

/** Parses "6.8", "6.80" or "¥1,234.5" into fen; refuses more than two decimals. */
export function parseYuan(text: string): Fen {
  const clean = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) throw new RangeError(`"${text}" is not an amount in yuan`);
  return assertFen(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}

/** Rate in basis points (1/100 of a percent) applied to an amount, rounded half up to whole fen. */
export function applyBasisPoints(fen: Fen, basisPoints: number): Fen {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) throw new RangeError('basis points must be 0..10000');
  return Math.floor((fen * basisPoints + 5_000) / 10_000);
}
