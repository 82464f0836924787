import { Injectable, Logger } from '@nestjs/common';
import { JobPayloads, OnJob } from '@app/queue';
import { ReservationsService } from './reservations.service';

export class NotDueYet extends Error {}

/** Queue handlers that give expired reservations' stock back. Both are safe to run any number of times. */
@Injectable()
export class ReservationJobs {
  private readonly logger = new Logger('ReservationJobs');

  constructor(private readonly reservations: ReservationsService) {}

  @OnJob('catalog.reservation.expire')
  async expire(data: JobPayloads['catalog.reservation.expire']) {
    const outcome = await this.reservations.expire(data.reservationId);
    // Delivered a little early (clocks differ between Redis and PostgreSQL): fail so BullMQ retries later.
    if (outcome === 'not-yet') throw new NotDueYet(`reservation ${data.reservationId} is not due yet`);
    return outcome;
  }

  @OnJob('catalog.reservation.sweep')
  async sweep() {
    const ids = await this.reservations.overdue();
    let expired = 0;
    for (const id of ids) if ((await this.reservations.expire(id)) === 'expired') expired++;
    if (expired) this.logger.log({ msg: 'sweep expired reservations the queue had not', expired });
    return { expired };
  }
}
