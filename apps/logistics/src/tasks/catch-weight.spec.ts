import type { OrderLineSnapshot } from '@app/queue';
import { AppError } from '@app/errors';
import { packLines, samePacking } from './catch-weight';

const APPLES = '11111111-1111-4111-8111-111111111111';
const WALNUTS = '22222222-2222-4222-8222-222222222222';
const BEANS = '33333333-3333-4333-8333-333333333333';
const lines: OrderLineSnapshot[] = [
  { productId: APPLES, producerId: 'p', titleZh: '昭通苹果', unit: 'jin', unitPriceFen: 680, quantity: 10, lineTotalFen: 6800, perishable: true },
  { productId: WALNUTS, producerId: 'p', titleZh: '核桃', unit: 'piece', unitPriceFen: 1500, quantity: 2, lineTotalFen: 3000, perishable: false },
  { productId: BEANS, producerId: 'p', titleZh: '大白豆', unit: 'kg', unitPriceFen: 1200, quantity: 2, lineTotalFen: 2400, perishable: false },
];

function fieldsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return (err as AppError).fields ?? [];
  }
  throw new Error('did not throw');
}

describe('packing with catch weight', () => {
  it('prices weighed lines by the packed weight, never above the ordered total', () => {
    const out = packLines(lines, [{ productId: APPLES, packedGrams: 4800 }, { productId: WALNUTS }, { productId: BEANS, packedGrams: 2100 }], 5);
    expect(out).toEqual([
      { productId: APPLES, quantity: 10, packedGrams: 4800, short: false, finalFen: 6528 },
      { productId: WALNUTS, quantity: 2, packedGrams: null, short: false, finalFen: 3000 },
      { productId: BEANS, quantity: 2, packedGrams: 2100, short: false, finalFen: 2400 },
    ]);
  });

  it('accepts the tolerance edges and refuses a gram beyond, naming the line', () => {
    expect(packLines(lines.slice(0, 1), [{ productId: APPLES, packedGrams: 4750 }], 5)[0].finalFen).toBe(6460);
    expect(packLines(lines.slice(0, 1), [{ productId: APPLES, packedGrams: 5250 }], 5)[0].finalFen).toBe(6800);
    const fields = fieldsOf(() => packLines(lines.slice(0, 1), [{ productId: APPLES, packedGrams: 4749 }], 5));
    expect(fields).toEqual([{ field: 'lines.0.packedGrams', message: expect.stringContaining('昭通苹果: 4749 g is outside ±5%') }]);
  });

  it('packs short lines at nothing and refuses weights on count lines or short lines', () => {
    const out = packLines(lines.slice(0, 2), [{ productId: APPLES, short: true }, { productId: WALNUTS, short: true }], 5);
    expect(out.map((l) => [l.short, l.finalFen, l.packedGrams])).toEqual([[true, 0, null], [true, 0, null]]);
    expect(fieldsOf(() => packLines(lines.slice(1, 2), [{ productId: WALNUTS, packedGrams: 300 }], 5))[0].field).toBe('lines.0.packedGrams');
    expect(fieldsOf(() => packLines(lines.slice(0, 1), [{ productId: APPLES, short: true, packedGrams: 5000 }], 5))[0].field).toBe('lines.0.packedGrams');
  });

  it('wants every line answered once, and only lines of the task', () => {
    expect(fieldsOf(() => packLines(lines.slice(0, 2), [{ productId: WALNUTS }], 5))).toEqual([{ field: 'lines', message: expect.stringContaining('昭通苹果') }]);
    const twice = fieldsOf(() => packLines(lines.slice(1, 2), [{ productId: WALNUTS }, { productId: WALNUTS, short: true }], 5));
    expect(twice[0]).toEqual({ field: 'lines.1.productId', message: 'answers a line already answered' });
    const stranger = fieldsOf(() => packLines(lines.slice(1, 2), [{ productId: WALNUTS }, { productId: BEANS }], 5));
    expect(stranger[0]).toEqual({ field: 'lines.1.productId', message: 'is not a line of this task' });
    expect(fieldsOf(() => packLines(lines.slice(0, 1), [{ productId: APPLES }], 5))[0].message).toContain('sold by weight');
  });

  it('tells a repeated pack from a different one', () => {
    const input = [{ productId: APPLES, packedGrams: 4800 }, { productId: WALNUTS, short: true }];
    const done = packLines(lines.slice(0, 2), input, 5);
    expect(samePacking(done, input)).toBe(true);
    expect(samePacking(done, [{ productId: APPLES, packedGrams: 4900 }, { productId: WALNUTS, short: true }])).toBe(false);
    expect(samePacking(done, [{ productId: APPLES, packedGrams: 4800 }, { productId: WALNUTS }])).toBe(false);
  });
});
