import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Env } from '@app/config';
import { AppError } from '@app/errors';
import { RedisConnection } from '@app/queue';

/**
 * Counts login attempts in Redis, so the limit holds across every replica: failures per phone number
 * and attempts per client address, each in a fixed window; and sign-ups per client address. If Redis is
 * away, logins and sign-ups go on unlimited (and say so in the log) rather than locking every farmer out.
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');

  constructor(
    private readonly redis: RedisConnection,
    private readonly env: Env,
  ) {}

  private key(kind: 'phone' | 'addr' | 'signup', value: string) {
    const digest = createHash('sha256').update(value).digest('hex').slice(0, 32);
    return `${this.env.QUEUE_PREFIX}:login:${kind}:${digest}`;
  }

  /** Counts this attempt against the address and refuses when the address or the phone is over its limit. */
  async check(phone: string, address: string): Promise<void> {
    const window = this.env.LOGIN_WINDOW_SECONDS;
    try {
      const [[, addrCount], [, addrTtl], [, phoneFailures], [, phoneTtl]] = (await this.redis.client
        .multi()
        .incr(this.key('addr', address))
        .ttl(this.key('addr', address))
        .get(this.key('phone', phone))
        .ttl(this.key('phone', phone))
        .exec()) as Array<[Error | null, unknown]>;
      if (Number(addrTtl) < 0) await this.redis.client.expire(this.key('addr', address), window);
      if (Number(addrCount) > this.env.LOGIN_MAX_PER_ADDRESS) this.refuse(Number(addrTtl) > 0 ? Number(addrTtl) : window);
      if (Number(phoneFailures ?? 0) >= this.env.LOGIN_MAX_PER_PHONE) this.refuse(Number(phoneTtl) > 0 ? Number(phoneTtl) : window);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.logger.warn({ msg: 'login limiter unavailable, not limiting', err: (err as Error).message });
    }
  }

  /** Counts a sign-up against the address, refusing past REGISTER_MAX_PER_ADDRESS in the window. */
  async checkRegistration(address: string): Promise<void> {
    const key = this.key('signup', address);
    try {
      const [[, count], , [, ttl]] = (await this.redis.client.multi().incr(key).expire(key, this.env.REGISTER_WINDOW_SECONDS, 'NX').ttl(key).exec()) as Array<
        [Error | null, unknown]
      >;
      if (Number(count) > this.env.REGISTER_MAX_PER_ADDRESS) this.refuse(Number(ttl), 'sign-ups from this network');
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.logger.warn({ msg: 'sign-up limiter unavailable, not limiting', err: (err as Error).message });
    }
  }

  async failed(phone: string): Promise<void> {
    const key = this.key('phone', phone);
    await this.redis.client
      .multi()
      .incr(key)
      .expire(key, this.env.LOGIN_WINDOW_SECONDS, 'NX')
      .exec()
      .catch(() => undefined);
  }

  async succeeded(phone: string): Promise<void> {
    await this.redis.client.del(this.key('phone', phone)).catch(() => undefined);
  }

  private refuse(retryAfterSeconds: number, what = 'login attempts'): never {
    throw new AppError('RATE_LIMITED', `Too many ${what}; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
      retryAfterSeconds,
    });
  }
}
