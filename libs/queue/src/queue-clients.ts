import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Env } from '@app/config';
import { DEFAULT_JOB_OPTIONS } from './registry';

/** One producer-side Queue per queue name, created on first use. */
@Injectable()
export class QueueClients implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly env: Env) {}

  get(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        // Adding fails at once while Redis is down; the outbox keeps the rows until it is back.
        connection: { url: this.env.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        prefix: this.env.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      q.on('error', () => undefined); // connection errors surface where jobs are added
      this.queues.set(name, q);
    }
    return q;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown() {
    await Promise.all(this.all().map((q) => q.close().catch(() => undefined)));
  }
}
