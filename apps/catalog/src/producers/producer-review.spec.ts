import { reviewOutcome } from './producer-review';

describe('producer review', () => {
  it('approves pending, rejected and suspended producers', () => {
    expect(reviewOutcome('pending', 'approve')).toBe('approved');
    expect(reviewOutcome('rejected', 'approve')).toBe('approved');
    expect(reviewOutcome('suspended', 'approve')).toBe('approved');
  });

  it('suspends only approved producers and rejects only pending ones', () => {
    expect(reviewOutcome('approved', 'suspend')).toBe('suspended');
    expect(() => reviewOutcome('pending', 'suspend')).toThrow(/pending cannot be given "suspend"/);
    expect(() => reviewOutcome('approved', 'reject')).toThrow(/INVALID|cannot/);
    expect(() => reviewOutcome('approved', 'approve')).toThrow(/cannot/);
  });
});
