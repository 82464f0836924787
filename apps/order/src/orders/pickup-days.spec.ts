import { earliestPickupDay } from '@app/contracts';
import { dayProblem } from './pickup-days';

describe('pickup days', () => {
  it('offers tomorrow before the 22:00 cut-off and the day after once it has passed (China time)', () => {
    expect(earliestPickupDay(new Date('2026-11-27T13:59:00Z'), '22:00')).toBe('2026-11-28'); // 21:59 CST
    expect(earliestPickupDay(new Date('2026-11-27T14:00:00Z'), '22:00')).toBe('2026-11-29'); // 22:00 CST
    expect(earliestPickupDay(new Date('2026-11-27T17:00:00Z'), '22:00')).toBe('2026-11-29'); // 01:00 CST on the 28th: before that day's cut-off
  });

  const line = { productId: 'p', titleZh: '樱桃', perishable: false, shelfLifeDays: null, preSale: false, expectedShipDate: null };

  it('keeps perishables within their shelf life', () => {
    const cherries = { ...line, perishable: true, shelfLifeDays: 3 };
    expect(dayProblem(cherries, '2026-11-30', '2026-11-27')).toBeNull();
    expect(dayProblem(cherries, '2026-12-01', '2026-11-27')).toMatch(/keeps 3 days: choose a pickup day by 2026-11-30/);
  });

  it('keeps pre-sale items until their expected date', () => {
    const presale = { ...line, preSale: true, expectedShipDate: '2026-12-10' };
    expect(dayProblem(presale, '2026-12-09', '2026-11-27')).toMatch(/on or after 2026-12-10/);
    expect(dayProblem(presale, '2026-12-10', '2026-11-27')).toBeNull();
  });
});
