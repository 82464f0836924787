import { assertHoldTransition, canMoveHold } from './hold-status';

describe('slot hold status machine', () => {
  it('releases a held slot', () => {
    expect(canMoveHold('held', 'released')).toBe(true);
  });

  it('never takes a released slot again and never moves a hold to itself', () => {
    expect(canMoveHold('released', 'held')).toBe(false);
    expect(canMoveHold('released', 'released')).toBe(false);
    expect(canMoveHold('held', 'held')).toBe(false);
    expect(() => assertHoldTransition('released', 'held')).toThrow('A pickup slot hold that is released cannot become held');
  });
});
