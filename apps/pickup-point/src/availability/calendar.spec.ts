import type { WeeklyHours } from '@app/contracts';
import { addDays, daysBetween } from '@app/contracts';
import { availability, dayRange, dayStatus, normalizeWeeklyHours, rangeProblems, weekdayOf, weeklyHoursProblem } from './calendar';

const WEEKDAYS: WeeklyHours = {
  '1': { open: '08:00', close: '20:00' },
  '2': { open: '08:00', close: '20:00' },
  '3': { open: '08:00', close: '20:00' },
  '4': { open: '08:00', close: '20:00' },
  '5': { open: '08:00', close: '20:00' },
  '6': { open: '09:00', close: '12:00' },
};
const none = new Map<string, string | null>();

describe('pickup calendar', () => {
  it('does date arithmetic on China dates without time-zone drift', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-27', '2026-12-03')).toBe(6);
    expect(daysBetween('2026-12-03', '2026-11-27')).toBe(-6);
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(dayRange('2026-12-02', '2026-11-29')).toEqual([]);
  });

  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-11-30')).toBe('1'); // a Monday
    expect(weekdayOf('2026-12-05')).toBe('6');
    expect(weekdayOf('2026-12-06')).toBe('7');
  });

  it('accepts well-formed weekly hours and names what is wrong otherwise', () => {
    expect(weeklyHoursProblem(WEEKDAYS)).toBeNull();
    expect(weeklyHoursProblem({})).toMatch(/at least one weekday/);
    expect(weeklyHoursProblem([])).toMatch(/object keyed/);
    expect(weeklyHoursProblem('08:00-20:00')).toMatch(/object keyed/);
    expect(weeklyHoursProblem({ '0': { open: '08:00', close: '20:00' } })).toMatch(/openingHours\.0: weekdays are "1"/);
    expect(weeklyHoursProblem({ '8': { open: '08:00', close: '20:00' } })).toMatch(/weekdays are/);
    expect(weeklyHoursProblem({ '1': { open: '8:00', close: '20:00' } })).toMatch(/openingHours\.1\.open must be a time/);
    expect(weeklyHoursProblem({ '1': { open: '08:00', close: '24:00' } })).toMatch(/1\.close must be a time/);
    expect(weeklyHoursProblem({ '2': { open: '18:00', close: '09:00' } })).toMatch(/2\.close must be later than open/);
    expect(weeklyHoursProblem({ '2': { open: '09:00', close: '09:00' } })).toMatch(/later than open/);
    expect(weeklyHoursProblem({ '3': { open: '09:00', close: '17:00', lunch: '12:00' } })).toMatch(/unknown field lunch/);
    expect(weeklyHoursProblem({ '3': null })).toMatch(/must be \{/);
  });

  it('normalizes hours into weekday order', () => {
    expect(Object.keys(normalizeWeeklyHours({ '7': { open: '10:00', close: '16:00' }, '1': { open: '08:00', close: '18:00' } }))).toEqual(['1', '7']);
  });

  it('opens a day by its weekday hours, unless it is a closed day or outside the booking window', () => {
    const today = '2026-11-27'; // a Friday
    const closed = new Map([['2026-12-01', '盘点']]);
    expect(dayStatus(WEEKDAYS, closed, '2026-11-30', today)).toEqual({ open: true, hours: { open: '08:00', close: '20:00' }, closedReason: null, note: null });
    expect(dayStatus(WEEKDAYS, closed, '2026-11-28', today).hours).toEqual({ open: '09:00', close: '12:00' });
    expect(dayStatus(WEEKDAYS, closed, '2026-11-29', today)).toMatchObject({ open: false, closedReason: 'weekly_hours' });
    expect(dayStatus(WEEKDAYS, closed, '2026-12-01', today)).toEqual({ open: false, hours: null, closedReason: 'closed_day', note: '盘点' });
    expect(dayStatus(WEEKDAYS, closed, '2026-11-26', today)).toMatchObject({ open: false, closedReason: 'beyond_horizon' });
    expect(dayStatus(WEEKDAYS, closed, today, today).open).toBe(true);
    expect(dayStatus(WEEKDAYS, none, addDays(today, 60), today).open).toBe(true); // a Tuesday, 60 days on
    expect(dayStatus(WEEKDAYS, none, addDays(today, 61), today)).toMatchObject({ open: false, closedReason: 'beyond_horizon' });
  });

  it('checks an availability range: not in the past, not backwards, at most 31 days', () => {
    const today = '2026-11-27';
    expect(rangeProblems('2026-11-27', '2026-12-27', today)).toEqual([]);
    expect(rangeProblems('2026-11-26', '2026-11-30', today)).toEqual([{ field: 'from', message: expect.stringMatching(/past/) }]);
    expect(rangeProblems('2026-11-30', '2026-11-29', today)).toEqual([{ field: 'to', message: 'to must not be before from' }]);
    expect(rangeProblems('2026-11-27', '2026-12-28', today)).toEqual([{ field: 'to', message: expect.stringMatching(/at most 31 days/) }]);
  });

  it("computes each day's room from the point's capacity, the day's counter and its closures", () => {
    const days = availability({
      hours: WEEKDAYS,
      capacityPerDay: 50,
      closedDays: new Map([['2026-12-01', '春节前盘点']]),
      counters: new Map([
        ['2026-11-30', { capacity: 50, held: 12 }],
        ['2026-12-02', { capacity: 60, held: 60 }], // capacity lowered to 50 after 60 were held
        ['2026-12-01', { capacity: 50, held: 0 }],
      ]),
      from: '2026-11-28',
      to: '2026-12-02',
      today: '2026-11-27',
    });
    expect(days.map((d) => [d.day, d.open, d.capacity, d.held, d.remaining, d.closedReason])).toEqual([
      ['2026-11-28', true, 50, 0, 50, null],
      ['2026-11-29', false, 0, 0, 0, 'weekly_hours'],
      ['2026-11-30', true, 50, 12, 38, null],
      ['2026-12-01', false, 0, 0, 0, 'closed_day'],
      ['2026-12-02', true, 60, 60, 0, null],
    ]);
    expect(days[3].note).toBe('春节前盘点');
    expect(days[0].hours).toEqual({ open: '09:00', close: '12:00' });
  });
});
