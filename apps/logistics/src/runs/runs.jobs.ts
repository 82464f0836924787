import { Injectable, Logger } from '@nestjs/common';
import { JobPayloads, OnJob } from '@app/queue';
import { tomorrowInChina } from '../days';
import { PlanningService } from './planning.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The nightly planning (COLLECTION_PLAN_AT, China time): tomorrow's parcels into runs. Planning is idempotent. */
@Injectable()
export class RunsJobs {
  private readonly logger = new Logger('CollectionPlanning');

  constructor(private readonly planning: PlanningService) {}

  @OnJob('logistics.runs.plan', 'logistics')
  async plan(data: JobPayloads['logistics.runs.plan']) {
    const day = data?.day && DAY.test(data.day) ? data.day : tomorrowInChina();
    const result = await this.planning.plan(day);
    this.logger.log({ msg: 'collection runs planned', day, added: result.added, runs: result.runs.length });
    return { day, added: result.added, runs: result.runs.length };
  }
}
