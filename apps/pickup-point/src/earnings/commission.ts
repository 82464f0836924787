/**
 * The point's commission on goods it handed over: basis points of the goods value, rounded half up to the
 * fen (150 bps of 6,529 fen is 97.935 → 98 fen). Integer arithmetic only.
 */
export function commissionFen(goodsFen: number, bps: number): number {
  if (!Number.isSafeInteger(goodsFen) || goodsFen < 0) throw new RangeError('goodsFen must be a whole number of fen');
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError('bps must be 0..10000');
  return Math.floor((goodsFen * bps + 5_000) / 10_000);
}
