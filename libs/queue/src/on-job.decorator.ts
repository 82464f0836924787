import { SetMetadata } from '@nestjs/common';
import { JOB_ROUTES, JobName } from './registry';

export const ON_JOB = 'zt:on-job';

export interface OnJobTarget {
  name: JobName;
  queue: string;
}

/**
 * Marks a provider method as the handler of one job on one queue. An event that goes to several
 * services' queues has one handler per queue, so the queue must be named; a job with a single route
 * defaults to it. Exactly one handler per (queue, job) must exist in the process hosting that queue.
 */
export function OnJob(name: JobName, queue?: string) {
  const routes = JOB_ROUTES[name];
  const target = queue ?? (routes.length === 1 ? routes[0] : undefined);
  if (!target || !routes.includes(target)) {
    throw new Error(`@OnJob('${name}'${queue ? `, '${queue}'` : ''}): name one of its queues: ${routes.join(', ') || 'none'}`);
  }
  return SetMetadata(ON_JOB, { name, queue: target } satisfies OnJobTarget);
}

export const handlerKey = (queue: string, name: string) => `${queue}:${name}`;
