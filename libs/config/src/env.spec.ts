import { loadEnv } from './env';

const secret = 'x'.repeat(32);

describe('loadEnv', () => {
  it('applies defaults and converts numbers and booleans', () => {
    const env = loadEnv({ JWT_SECRET: secret, PORT: '4000', TRUST_PROXY: 'true' });
    expect(env.PORT).toBe(4000);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.DB_POOL_SIZE).toBe(10);
    expect(env.QUEUE_PREFIX).toBe('{zt}');
  });

  it('reads optional variables that have no default', () => {
    const env = loadEnv({ JWT_SECRET: secret, STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' });
    expect(env.STRIPE_SECRET_KEY).toBe('sk_test_123');
    expect(env.STRIPE_WEBHOOK_SECRET).toBe('whsec_abc');
    expect(loadEnv({ JWT_SECRET: secret }).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it('names a missing variable', () => {
    expect(() => loadEnv({})).toThrow(/JWT_SECRET: missing/);
  });

  it('names every invalid variable with the reason', () => {
    let message = '';
    try {
      loadEnv({ JWT_SECRET: 'short', PORT: 'abc', DATABASE_URL: 'mysql://x', SERVICES: 'catalog,shop' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET: JWT_SECRET must be at least 32 characters/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres/);
    expect(message).toMatch(/SERVICES:/);
  });
});
