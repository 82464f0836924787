import { AppError } from '@app/errors';
import { assertCollectionTransition, canMoveCollection, holdPlan, shownStatus } from './collection-status';

const HOUR = 3600 * 1000;

describe('collection status machine', () => {
  it.each([
    ['expected', 'waiting'],
    ['expected', 'cancelled'],
    ['waiting', 'handed_over'],
    ['waiting', 'returned'],
  ] as const)('allows %s → %s', (from, to) => expect(canMoveCollection(from, to)).toBe(true));

  it.each([
    ['expected', 'handed_over'],
    ['handed_over', 'returned'],
    ['returned', 'handed_over'],
    ['returned', 'waiting'],
    ['cancelled', 'waiting'],
  ] as const)('refuses %s → %s with INVALID_TRANSITION', (from, to) => {
    let error: unknown;
    try {
      assertCollectionTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_TRANSITION');
  });

  it('shows a waiting collection as locked or overdue', () => {
    const now = new Date('2026-11-28T04:00:00Z');
    const later = new Date(now.getTime() + HOUR);
    expect(shownStatus({ status: 'waiting', locked_at: null, deadline: later }, now)).toBe('waiting');
    expect(shownStatus({ status: 'waiting', locked_at: now, deadline: later }, now)).toBe('locked');
    expect(shownStatus({ status: 'waiting', locked_at: now, deadline: now }, now)).toBe('overdue');
    expect(shownStatus({ status: 'handed_over', locked_at: null, deadline: now }, now)).toBe('handed_over');
  });
});

describe('hold plan', () => {
  const ready = new Date('2026-11-28T02:00:00Z');

  it('holds 3 days and reminds a day before', () => {
    const plan = holdPlan(ready, false, 3, 1);
    expect(plan.deadline.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(plan.remindAt.toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });

  it('holds perishables one day and reminds halfway', () => {
    const plan = holdPlan(ready, true, 3, 1);
    expect(plan.deadline.toISOString()).toBe('2026-11-29T02:00:00.000Z');
    expect(plan.remindAt.toISOString()).toBe('2026-11-28T14:00:00.000Z');
  });

  it('never holds perishables longer than other goods', () => {
    expect(holdPlan(ready, true, 2, 5).deadline.toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });
});
