import { Injectable, Logger } from '@nestjs/common';
import { Env } from '@app/config';
import { AppError } from '@app/errors';
import { RedisConnection } from '@app/queue';

/** Wrong pickup codes one account may enter in the window before it is slowed down. */
export const STAFF_CODE_FAILURES_MAX = 10;
export const STAFF_CODE_WINDOW_SECONDS = 10 * 60;

/**
 * Counts wrong pickup codes per staff account in Redis, across every replica. The per-collection lock stops
 * guessing one buyer's code; this stops an account from guessing across many collections. With Redis away,
 * handovers go on unlimited (the per-collection lock still holds) and the log says so.
 */
@Injectable()
export class CodeAttemptLimiter {
  private readonly logger = new Logger('PickupCodeLimiter');

  constructor(
    private readonly redis: RedisConnection,
    private readonly env: Env,
  ) {}

  private key(userId: string) {
    return `${this.env.QUEUE_PREFIX}:pickup-code-failures:${userId}`;
  }

  async check(userId: string): Promise<void> {
    try {
      const [[, failures], [, ttl]] = (await this.redis.client.multi().get(this.key(userId)).ttl(this.key(userId)).exec()) as Array<[Error | null, unknown]>;
      if (Number(failures ?? 0) >= STAFF_CODE_FAILURES_MAX) {
        const retryAfterSeconds = Number(ttl) > 0 ? Number(ttl) : STAFF_CODE_WINDOW_SECONDS;
        throw new AppError('RATE_LIMITED', `Too many wrong pickup codes from this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
          retryAfterSeconds,
        });
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.logger.warn({ msg: 'pickup code limiter unavailable, not limiting', err: (err as Error).message });
    }
  }

  async failed(userId: string): Promise<void> {
    const key = this.key(userId);
    await this.redis.client
      .multi()
      .incr(key)
      .expire(key, STAFF_CODE_WINDOW_SECONDS, 'NX')
      .exec()
      .catch(() => undefined);
  }
}
