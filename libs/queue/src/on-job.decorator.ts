import { SetMetadata } from '@nestjs/common';
import { JobName } from './registry';

export const ON_JOB = 'zt:on-job';

/** Marks a provider method as the handler of one job name. Exactly one handler per routed job must exist. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
