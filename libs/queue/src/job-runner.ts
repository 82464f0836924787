import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { Env, hostedServices } from '@app/config';
import { DeadLetterData, deadLetterId } from './admin/dead-letter';
import { handlerKey, ON_JOB, OnJobTarget } from './on-job.decorator';
import { QueueClients } from './queue-clients';
import { DEAD_LETTER_QUEUE, JOB_ROUTES, jobsForQueue, QUEUE_OF_SERVICE } from './registry';
import { RedisConnection } from './redis-connection';
import { jobSchedules } from './schedules';

export type JobHandler = (data: unknown, job: Job) => Promise<unknown>;

const SCHEDULE_REFRESH_MS = 60_000;

/**
 * Runs a BullMQ worker for each queue of the services this process hosts, dispatching by job name to
 * the @OnJob handlers. Refuses to start when a routed job has no handler or two.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private readonly workers: Worker[] = [];
  private scheduleTimer: NodeJS.Timeout | null = null;
  private scheduleRetry: NodeJS.Timeout | null = null;
  private closing = false;
  readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly env: Env,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueClients,
    private readonly redis: RedisConnection,
  ) {}

  hostedQueues(): string[] {
    return [...hostedServices(this.env)].map((s) => QUEUE_OF_SERVICE[s]);
  }

  async onApplicationBootstrap() {
    this.collectHandlers();
    const hosted = this.hostedQueues();
    for (const queue of hosted) {
      for (const name of jobsForQueue(queue)) {
        if (!this.handlers.has(handlerKey(queue, name))) throw new Error(`job ${name} is routed to queue ${queue} but has no @OnJob handler`);
      }
    }
    for (const key of this.handlers.keys()) {
      const queue = key.slice(0, key.indexOf(':'));
      if (!hosted.includes(queue)) throw new Error(`@OnJob handler ${key} is for a queue this process does not host`);
    }
    if (this.env.PROCESS_ROLE === 'api') return;
    for (const queue of hosted) if (jobsForQueue(queue).length) this.workers.push(this.startWorker(queue));
    await this.registerSchedules(hosted);
    // Registering is idempotent; doing it again every minute brings the repeating jobs back after Redis
    // lost its data, which would otherwise leave no sweep and no collection planning until a restart.
    this.scheduleTimer = setInterval(() => void this.registerSchedules(hosted), SCHEDULE_REFRESH_MS);
    this.scheduleTimer.unref();
    this.redis.client.on('ready', () => void this.registerSchedules(hosted));
  }

  /** Registers the repeating jobs; if Redis is not back yet, tries again shortly until it is. */
  private async registerSchedules(hosted: string[]): Promise<void> {
    let failed = false;
    for (const s of jobSchedules(this.env).filter((s) => hosted.includes(s.queue) && JOB_ROUTES[s.name].includes(s.queue))) {
      await this.queues.get(s.queue).upsertJobScheduler(s.id, s.repeat, { name: s.name, data: {} }).catch((err) => {
        failed = true;
        this.logger.warn({ msg: 'could not register job scheduler yet', scheduler: s.id, err: (err as Error).message });
      });
    }
    // One pending retry at most: the minute timer and Redis's 'ready' also land here, and each failing
    // round starting its own retry would leave several loops polling a Redis that is down.
    if (failed && !this.closing && !this.scheduleRetry) {
      this.scheduleRetry = setTimeout(() => {
        this.scheduleRetry = null;
        void this.registerSchedules(hosted);
      }, 2000).unref();
    }
  }

  async onApplicationShutdown() {
    this.closing = true;
    if (this.scheduleTimer) clearInterval(this.scheduleTimer);
    if (this.scheduleRetry) clearTimeout(this.scheduleRetry);
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private collectHandlers() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const target = this.reflector.get<OnJobTarget>(ON_JOB, proto[method]);
        if (!target) continue;
        const key = handlerKey(target.queue, target.name);
        if (this.handlers.has(key)) throw new Error(`job ${target.name} has two @OnJob handlers on queue ${target.queue}`);
        this.handlers.set(key, (proto[method] as JobHandler).bind(instance));
      }
    }
  }

  private startWorker(queue: string): Worker {
    const worker = new Worker(
      queue,
      async (job) => {
        const handler = this.handlers.get(handlerKey(queue, job.name));
        if (!handler) throw new Error(`no handler for ${job.name}`);
        return handler(job.data, job);
      },
      {
        connection: { url: this.env.REDIS_URL, maxRetriesPerRequest: null },
        prefix: this.env.QUEUE_PREFIX,
        concurrency: this.env.QUEUE_CONCURRENCY,
        // A killed worker's jobs go back to waiting once their lock lapses (BullMQ's stalled-job check).
        lockDuration: this.env.QUEUE_LOCK_MS,
        stalledInterval: this.env.QUEUE_LOCK_MS,
      },
    );
    worker.on('error', (err) => this.logger.warn({ msg: 'worker connection error', queue, err: err.message }));
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn({ msg: final ? 'job failed for good' : 'job failed, will retry', queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, err: err.message });
      if (final) {
        void this.queues
          .get(DEAD_LETTER_QUEUE)
          .add(
            job.name,
            { queue, jobId: job.id!, name: job.name, data: job.data, failedReason: err.message, attemptsMade: job.attemptsMade, failedAt: new Date().toISOString() } satisfies DeadLetterData,
            { jobId: deadLetterId(queue, job.id!), attempts: 1 },
          )
          // The original stays in its queue's failed set, so bull-board still shows it.
          .catch((e: Error) => this.logger.error({ msg: 'could not file a dead letter', queue, jobId: job.id, err: e.message }));
      }
    });
    return worker;
  }
}
