import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { queryRows, UnitOfWork } from '@app/database';
import { firstDelivery, JobPayloads, OnJob } from '@app/queue';
import { CollectionLifecycle } from './collection-lifecycle';

const SWEEP_BATCH = 500;

/**
 * Reminders and returns at the deadline. Each collection's jobs are scheduled when it becomes ready; the
 * sweep (every 5 minutes) catches whatever those missed. Both check the collection's state under its row
 * lock, so a job and the sweep meeting on one collection act once, and a handed-over one never expires.
 */
@Injectable()
export class ExpiryConsumer {
  private readonly logger = new Logger('PickupExpiry');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: CollectionLifecycle,
  ) {}

  @OnJob('pickup.collection.remind', 'pickup')
  remind(data: JobPayloads['pickup.collection.remind'], job: Job) {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'pickup', 'pickup-remind', String(job.id)))) return 'duplicate';
      return (await this.lifecycle.remind(tx, data.collectionId)) ? 'reminded' : 'not-due';
    });
  }

  @OnJob('pickup.collection.expire', 'pickup')
  expire(data: JobPayloads['pickup.collection.expire'], job: Job) {
    return this.uow.run(async (tx) => {
      if (!(await firstDelivery(tx, 'pickup', 'pickup-expire', String(job.id)))) return 'duplicate';
      return (await this.lifecycle.expire(tx, data.collectionId)) ? 'returned' : 'not-due';
    });
  }

  @OnJob('pickup.collections.sweep', 'pickup')
  async sweep(): Promise<{ returned: number; reminded: number }> {
    const db = this.uow.dataSource.manager;
    const due = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM pickup.collections WHERE status = 'waiting' AND deadline <= now() ORDER BY deadline LIMIT ${SWEEP_BATCH}`,
    );
    let returned = 0;
    for (const { id } of due) if (await this.uow.run((tx) => this.lifecycle.expire(tx, id))) returned++;
    const remind = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM pickup.collections
        WHERE status = 'waiting' AND reminded_at IS NULL AND remind_at <= now() AND deadline > now() ORDER BY remind_at LIMIT ${SWEEP_BATCH}`,
    );
    let reminded = 0;
    for (const { id } of remind) if (await this.uow.run((tx) => this.lifecycle.remind(tx, id))) reminded++;
    if (returned || reminded) this.logger.log({ msg: 'pickup sweep', returned, reminded });
    return { returned, reminded };
  }
}
