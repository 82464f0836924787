import { loadEnv } from '@app/config';
import { newPickupCode, PICKUP_CODE, PickupCodes } from './pickup-codes';

const env = (extra: Record<string, string> = {}) => loadEnv({ JWT_SECRET: 'j'.repeat(40), ...extra });
const POINT = '7a1c2f0e-1111-4222-8333-944445555666';
const OTHER = '7a1c2f0e-1111-4222-8333-944445555667';

describe('pickup codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 2000 }, newPickupCode);
    expect(codes.every((c) => PICKUP_CODE.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('are stored as an HMAC that matches only the same code at the same point', () => {
    const codes = new PickupCodes(env());
    const digest = codes.digest(POINT, '042917');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('042917');
    expect(codes.matches(POINT, '042917', digest)).toBe(true);
    expect(codes.matches(POINT, '042918', digest)).toBe(false);
    expect(codes.matches(OTHER, '042917', digest)).toBe(false);
    expect(codes.matches(POINT, '42917', digest)).toBe(false);
    expect(codes.matches(POINT, '042917', null)).toBe(false);
  });

  it('use PICKUP_CODE_SECRET when set, a key derived from JWT_SECRET otherwise', () => {
    const derived = new PickupCodes(env()).digest(POINT, '123456');
    const own = new PickupCodes(env({ PICKUP_CODE_SECRET: 's'.repeat(32) })).digest(POINT, '123456');
    const otherJwt = new PickupCodes(loadEnv({ JWT_SECRET: 'k'.repeat(40) })).digest(POINT, '123456');
    expect(own).not.toBe(derived);
    expect(otherJwt).not.toBe(derived);
  });
});
