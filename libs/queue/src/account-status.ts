import type { Redis } from 'ioredis';
import type { AccountStatusStore } from '@app/auth';

/** The disabled accounts as one Redis set, which every process's guard reads. */
export class RedisAccountStatus implements AccountStatusStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  disabled(): Promise<string[]> {
    return this.redis.smembers(this.key);
  }

  async mark(userId: string, disabled: boolean): Promise<void> {
    if (disabled) await this.redis.sadd(this.key, userId);
    else await this.redis.srem(this.key, userId);
  }

  async replace(ids: string[]): Promise<void> {
    const tx = this.redis.multi().del(this.key);
    if (ids.length) tx.sadd(this.key, ...ids);
    await tx.exec();
  }
}
