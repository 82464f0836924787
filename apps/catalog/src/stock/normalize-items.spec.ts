import { normalizeItems } from './reservations.service';

describe('normalizeItems', () => {
  it('sums lines of the same product and orders products by id', () => {
    const a = 'b0000000-0000-4000-8000-000000000000';
    const b = 'a0000000-0000-4000-8000-000000000000';
    expect(normalizeItems([{ productId: a, quantity: 2 }, { productId: b, quantity: 1 }, { productId: a.toUpperCase(), quantity: 3 }])).toEqual([
      { productId: b, quantity: 1 },
      { productId: a, quantity: 5 },
    ]);
  });
});
