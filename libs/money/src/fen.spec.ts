import { applyBasisPoints, formatYuan, lineTotal, parseYuan, sumFen } from './fen';

describe('money in fen', () => {
  it('formats fen as yuan', () => {
    expect(formatYuan(680)).toBe('¥6.80');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(1250, false)).toBe('12.50');
  });

  it('parses yuan text exactly, without floats', () => {
    expect(parseYuan('6.8')).toBe(680);
    expect(parseYuan('¥1,234.05')).toBe(123405);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 is 28.999... as a float
    expect(() => parseYuan('1.234')).toThrow(RangeError);
    expect(() => parseYuan('-1')).toThrow(RangeError);
  });

  it('refuses non-integer and negative amounts', () => {
    expect(() => lineTotal(6.5, 2)).toThrow(RangeError);
    expect(() => lineTotal(680, 1.5)).toThrow(RangeError);
    expect(() => formatYuan(-1)).toThrow(RangeError);
    expect(lineTotal(680, 10)).toBe(6800);
    expect(sumFen([680, 1250])).toBe(1930);
  });

  it('applies a rate in basis points with half-up rounding', () => {
    expect(applyBasisPoints(1000, 250)).toBe(25);
    expect(applyBasisPoints(999, 50)).toBe(5); // 4.995 rounds up
    expect(applyBasisPoints(880, 50)).toBe(4); // 4.4 rounds down
  });
});
