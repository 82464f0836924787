import { COUNTY_CODES, todayInChina } from './geo';

describe('geo', () => {
  it('has the eleven county-level divisions', () => {
    expect(COUNTY_CODES).toHaveLength(11);
  });

  it('gives the date in China, which runs eight hours ahead of UTC', () => {
    expect(todayInChina(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
    expect(todayInChina(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(todayInChina(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with the Asia/Shanghai time zone at every hour of two years', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const disagree: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 3600_000 - 1) {
      if (todayInChina(new Date(t)) !== zone.format(new Date(t))) disagree.push(new Date(t).toISOString());
    }
    expect(disagree).toEqual([]);
  });
});
