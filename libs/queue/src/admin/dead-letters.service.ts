import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AuthUser } from '@app/auth';
import { AppError } from '@app/errors';
import { QueueClients } from '../queue-clients';
import { DEAD_LETTER_QUEUE, QUEUE_OF_SERVICE } from '../registry';
import { DeadLetterData, deadLetterView, DeadLetterView } from './dead-letter';
import { withRedis } from './redis-unavailable';

const ID = /^[A-Za-z0-9._:-]{1,200}$/;
const SCAN_PAGE = 200;
const KNOWN_QUEUES = new Set(Object.values(QUEUE_OF_SERVICE));

export type RetryOutcome = 'retried' | 're-added' | 'already-queued' | 'already-completed';

/**
 * Jobs that used all their attempts, as the job runner copied them to the dead-letter queue. A retry
 * runs the ORIGINAL job again under its original id, because consumers record that id in their inbox:
 * a job whose effect never committed runs it now, and one whose effect did commit (it failed after the
 * commit) finds its id in the inbox and changes nothing twice. A copy under a new id would defeat that.
 */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger('DeadLetters');

  constructor(private readonly queues: QueueClients) {}

  async list(queue: string | undefined, limit = 50): Promise<{ total: number; items: DeadLetterView[] }> {
    return withRedis('listing dead letters', async () => {
      const dlq = this.queues.get(DEAD_LETTER_QUEUE);
      const total = await dlq.getWaitingCount();
      const items: DeadLetterView[] = [];
      // Newest first; a queue filter has to look at the entries, so it reads the list a page at a time.
      for (let start = 0; items.length < limit && start < total; start += SCAN_PAGE) {
        const page = (await dlq.getJobs(['waiting'], start, start + SCAN_PAGE - 1)) as Job<DeadLetterData>[];
        for (const job of page) {
          if (queue && job.data?.queue !== queue) continue;
          items.push(deadLetterView(job));
          if (items.length === limit) break;
        }
      }
      return { total, items };
    });
  }

  async retry(admin: AuthUser, id: string): Promise<DeadLetterView & { outcome: RetryOutcome; state: string }> {
    return withRedis('retrying a dead letter', async () => {
      const dlq = this.queues.get(DEAD_LETTER_QUEUE);
      const entry = await this.find(id);
      const dead = deadLetterView(entry);
      if (!KNOWN_QUEUES.has(dead.queue)) throw new AppError('CONFLICT', `Dead letter ${id} names an unknown queue ${dead.queue}`);
      // Out of the dead-letter queue first: should the retried job fail for good again, the runner files a fresh entry under the same id.
      await dlq.remove(id);
      const queue = this.queues.get(dead.queue);
      let outcome: RetryOutcome;
      try {
        const original = await queue.getJob(dead.jobId);
        if (!original) {
          // Removed by its retention since: the same id again, so the consumers' inbox still recognises it.
          await queue.add(dead.name, dead.data, { jobId: dead.jobId });
          outcome = 're-added';
        } else {
          const state = await original.getState();
          if (state === 'failed') {
            await original.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
            outcome = 'retried';
          } else {
            // Another admin's retry got there first: the job is on its way or done, and runs no second time.
            outcome = state === 'completed' ? 'already-completed' : 'already-queued';
          }
        }
      } catch (err) {
        await dlq.add(entry.name, entry.data, { jobId: id, attempts: 1 }).catch(() => undefined);
        throw err;
      }
      const state = await queue.getJobState(dead.jobId);
      this.logger.log({ msg: 'dead letter retried', id, queue: dead.queue, jobId: dead.jobId, job: dead.name, outcome, state, by: admin.id });
      return { ...dead, outcome, state };
    });
  }

  async discard(admin: AuthUser, id: string): Promise<DeadLetterView & { discarded: true }> {
    return withRedis('discarding a dead letter', async () => {
      const entry = await this.find(id);
      const dead = deadLetterView(entry);
      await this.queues.get(DEAD_LETTER_QUEUE).remove(id);
      this.logger.warn({ msg: 'dead letter discarded', id, queue: dead.queue, jobId: dead.jobId, job: dead.name, data: dead.data, failedReason: dead.failedReason, by: admin.id });
      return { ...dead, discarded: true };
    });
  }

  private async find(id: string): Promise<Job<DeadLetterData>> {
    const job = ID.test(id) ? ((await this.queues.get(DEAD_LETTER_QUEUE).getJob(id)) as Job<DeadLetterData> | undefined) : undefined;
    if (!job?.data?.jobId) throw new AppError('NOT_FOUND', `Dead letter ${id} not found`);
    return job;
  }
}
