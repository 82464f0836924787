import { AppError } from '@app/errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('page cursors', () => {
  it('round-trips the sort key', () => {
    const c = encodeCursor('price_asc', [680, 12345]);
    expect(decodeCursor(c, 'price_asc', ['int', 'int'])).toEqual([680, 12345]);
    const r = encodeCursor('relevance', [0.0607927, 9]);
    expect(decodeCursor(r, 'relevance', ['float', 'int'])).toEqual([0.0607927, 9]);
  });

  it('refuses a cursor from another sort, a damaged one, and garbage, as field errors on cursor', () => {
    const cases = [
      () => decodeCursor(encodeCursor('newest', [5]), 'price_asc', ['int', 'int']),
      () => decodeCursor(encodeCursor('newest', [1.5]), 'newest', ['int']),
      () => decodeCursor(Buffer.from('["newest","1; drop table"]').toString('base64url'), 'newest', ['int']),
      () => decodeCursor('%%%not-base64', 'newest', ['int']),
    ];
    for (const run of cases) {
      try {
        run();
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).fields?.[0].field).toBe('cursor');
      }
    }
  });
});
