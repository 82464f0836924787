import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { Env } from '@app/config';

/** The shared Redis client for rate limits and health; BullMQ opens its own connections from the same URL. */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis;

  constructor(private readonly env: Env) {
    // Fail fast while Redis is away instead of queueing commands: callers decide what to do without it.
    this.client = new IORedis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    let warned = false;
    this.client.on('error', (err) => {
      if (!warned) this.logger.warn({ msg: 'redis unavailable', err: err.message });
      warned = true;
    });
    this.client.on('ready', () => {
      if (warned) this.logger.log({ msg: 'redis reconnected' });
      warned = false;
    });
  }

  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  bullConnection() {
    return { url: this.env.REDIS_URL };
  }

  async onApplicationShutdown() {
    this.client.disconnect();
  }
}
