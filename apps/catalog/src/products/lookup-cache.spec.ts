import type { ProductSummary } from '@app/contracts';
import { LookupCache } from './lookup-cache';

const product = (id: string, stockAvailable = 10): ProductSummary => ({
  id,
  producerId: 'producer',
  titleZh: '昭通苹果',
  unit: 'jin',
  priceFen: 680,
  minOrderQty: 1,
  stockAvailable,
  onSale: true,
  perishable: false,
  shelfLifeDays: null,
  preSale: false,
  expectedShipDate: null,
  photo: null,
});

describe('LookupCache', () => {
  it('answers what it read within its time and asks for the rest', () => {
    const cache = new LookupCache(1000);
    const ticket = cache.begin();
    cache.keep(ticket, [product('a'), product('b')]);
    const now = ticket.at;
    expect(cache.take(['a', 'c'], now + 999)).toEqual({ found: [product('a')], missing: ['c'] });
    expect(cache.take(['a', 'b'], now + 1000)).toEqual({ found: [], missing: ['a', 'b'] });
  });

  it('does not keep a read that began before a change', () => {
    const cache = new LookupCache(1000);
    const before = cache.begin();
    cache.forget(['a']);
    cache.keep(before, [product('a')]);
    expect(cache.take(['a']).missing).toEqual(['a']);
    const after = cache.begin();
    cache.keep(after, [product('a')]);
    expect(cache.take(['a']).found).toHaveLength(1);
  });

  it('forgets the products named, or all of them', () => {
    const cache = new LookupCache(1000);
    cache.keep(cache.begin(), [product('a'), product('b'), product('c')]);
    cache.forget(['a']);
    expect(cache.take(['a', 'b', 'c']).missing).toEqual(['a']);
    cache.forget();
    expect(cache.take(['b', 'c']).missing).toEqual(['b', 'c']);
  });

  it('learns stock that reservations took, keeping the lower figure when replies cross', () => {
    const cache = new LookupCache(1000);
    cache.keep(cache.begin(), [product('a', 10)]);
    cache.learnStock('a', 4);
    cache.learnStock('a', 6); // an earlier reservation's reply, arriving late
    expect(cache.take(['a']).found[0].stockAvailable).toBe(4);
    cache.learnStock('z', 0); // never read: nothing to correct
    expect(cache.take(['z']).missing).toEqual(['z']);
  });

  it('stays within its size, dropping the oldest', () => {
    const cache = new LookupCache(1000, 2);
    cache.keep(cache.begin(), [product('a'), product('b')]);
    cache.keep(cache.begin(), [product('c')]);
    expect(cache.take(['a', 'b', 'c']).missing).toEqual(['a']);
  });

  it('keeps nothing when switched off', () => {
    const cache = new LookupCache(0);
    cache.keep(cache.begin(), [product('a')]);
    expect(cache.enabled).toBe(false);
    expect(cache.take(['a']).missing).toEqual(['a']);
  });
});
