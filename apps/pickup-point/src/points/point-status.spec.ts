import { PICKUP_POINT_STATUSES } from '@app/contracts';
import { AppError } from '@app/errors';
import { assertPointTransition, canMovePoint } from './point-status';

describe('pickup point status machine', () => {
  it.each([
    ['proposed', 'active'],
    ['active', 'suspended'],
    ['suspended', 'active'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canMovePoint(from, to)).toBe(true);
    expect(() => assertPointTransition(from, to)).not.toThrow();
  });

  it.each([
    ['proposed', 'suspended'],
    ['proposed', 'proposed'],
    ['active', 'proposed'],
    ['active', 'active'],
    ['suspended', 'proposed'],
    ['suspended', 'suspended'],
  ] as const)('refuses %s → %s with INVALID_TRANSITION', (from, to) => {
    let error: unknown;
    try {
      assertPointTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_TRANSITION');
    expect((error as AppError).message).toBe(`A pickup point that is ${from} cannot become ${to}`);
  });

  it('never goes back to proposed', () => {
    for (const from of PICKUP_POINT_STATUSES) expect(canMovePoint(from, 'proposed')).toBe(false);
  });
});
