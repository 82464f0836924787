import type { Job } from 'bullmq';

/** What the job runner records in the dead-letter queue when a job has used all its attempts. */
export interface DeadLetterData {
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade?: number;
  failedAt?: string;
}

/** The dead-letter job's id: one entry per original job, in a form BullMQ accepts as a custom id. */
export function deadLetterId(queue: string, jobId: string): string {
  return `${queue}-${jobId}`.replace(/:/g, '.');
}

export interface DeadLetterView {
  id: string;
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  failedReason: string;
  attempts: number | null;
  failedAt: string;
}

export function deadLetterView(job: Job<DeadLetterData>): DeadLetterView {
  const d = job.data;
  return {
    id: job.id!,
    queue: d.queue,
    jobId: d.jobId,
    name: d.name,
    data: d.data,
    failedReason: d.failedReason,
    attempts: d.attemptsMade ?? null,
    failedAt: d.failedAt ?? new Date(job.timestamp).toISOString(),
  };
}
