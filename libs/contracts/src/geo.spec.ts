import { COUNTY_CODES, todayInChina } from './geo';

describe('geo', () => {
  it('has the eleven county-level divisions', () => {
    expect(COUNTY_CODES).toHaveLength(11);
  });

  it('gives the date in China, which runs eight hours ahead of UTC', () => {
    expect(todayInChina(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
    expect(todayInChina(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
});
