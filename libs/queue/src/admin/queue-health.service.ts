import { Injectable } from '@nestjs/common';
import { Env, hostedServices } from '@app/config';
import { SCHEMA_OF, UnitOfWork } from '@app/database';
import { JobRunner } from '../job-runner';
import { QueueClients } from '../queue-clients';
import { DEAD_LETTER_QUEUE } from '../registry';
import { withRedis } from './redis-unavailable';

export interface QueueHealth {
  queue: string;
  paused: boolean;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
  /** How long the job at the head of the line has been ready to run; null when none waits. */
  oldestWaitingSeconds: number | null;
}

export interface OutboxBacklog {
  schema: string;
  unrelayed: number;
  oldestUnrelayedSeconds: number | null;
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 100) / 10);

/** Queue and outbox figures for the queues and schemas of the services this process hosts. */
@Injectable()
export class QueueHealthService {
  constructor(
    private readonly env: Env,
    private readonly runner: JobRunner,
    private readonly queues: QueueClients,
    private readonly uow: UnitOfWork,
  ) {}

  /** The queues an admin may look at from this process: its services' queues and the dead letters. */
  boardQueues(): string[] {
    return [...this.runner.hostedQueues(), DEAD_LETTER_QUEUE];
  }

  async overview(): Promise<{ at: string; role: string; queues: QueueHealth[]; outbox: OutboxBacklog[] }> {
    const [queues, outbox] = await Promise.all([
      withRedis('reading queue counts', () => Promise.all(this.boardQueues().map((q) => this.queueHealth(q)))),
      Promise.all([...hostedServices(this.env)].map((s) => this.backlog(SCHEMA_OF[s]))),
    ]);
    return { at: new Date().toISOString(), role: this.env.PROCESS_ROLE, queues, outbox };
  }

  private async queueHealth(name: string): Promise<QueueHealth> {
    const queue = this.queues.get(name);
    const [counts, paused, [oldest]] = await Promise.all([
      queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
      queue.isPaused(),
      queue.getJobs(['waiting'], 0, 0, true),
    ]);
    // A delayed job (a backoff, a deliver_at) starts waiting only when its delay ends.
    const readySince = oldest ? oldest.timestamp + (oldest.delay ?? 0) : null;
    return {
      queue: name,
      paused,
      counts: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      },
      oldestWaitingSeconds: readySince === null ? null : seconds(Date.now() - readySince),
    };
  }

  private async backlog(schema: string): Promise<OutboxBacklog> {
    const [row]: Array<{ unrelayed: number; oldest_ms: number | null }> = await this.uow.dataSource.query(
      `SELECT count(*)::int AS unrelayed, (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS oldest_ms
         FROM "${schema}".outbox WHERE relayed_at IS NULL`,
    );
    return { schema, unrelayed: row.unrelayed, oldestUnrelayedSeconds: row.oldest_ms === null ? null : seconds(row.oldest_ms) };
  }
}
