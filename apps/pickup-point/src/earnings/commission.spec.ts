import { commissionFen } from './commission';

describe('commission', () => {
  it.each([
    [6529, 150, 98],
    [10000, 150, 150],
    [333, 150, 5],
    [0, 150, 0],
    [12345, 0, 0],
    [12345, 10000, 12345],
    [100, 50, 1],
    [99, 50, 0],
  ])('%i fen at %i bps is %i fen', (goods, bps, fen) => expect(commissionFen(goods, bps)).toBe(fen));

  it('refuses fractions of a fen and rates beyond 100%', () => {
    expect(() => commissionFen(10.5, 150)).toThrow(RangeError);
    expect(() => commissionFen(100, 10001)).toThrow(RangeError);
  });
});
