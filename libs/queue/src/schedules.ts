import { Env } from '@app/config';
import { JobName } from './registry';

export type ScheduleRepeat = { every: number } | { pattern: string; tz: string };

/** Repeating jobs, registered idempotently by the workers of the queue they belong to. */
export function jobSchedules(env: Env): Array<{ id: string; queue: string; name: JobName; repeat: ScheduleRepeat }> {
  const [planHour, planMinute] = env.COLLECTION_PLAN_AT.split(':').map(Number);
  return [
    { id: 'catalog-reservation-sweep', queue: 'catalog', name: 'catalog.reservation.sweep', repeat: { every: 60_000 } },
    { id: 'ordering-order-sweep', queue: 'ordering', name: 'ordering.order.sweep', repeat: { every: 60_000 } },
    { id: 'logistics-runs-plan', queue: 'logistics', name: 'logistics.runs.plan', repeat: { pattern: `${planMinute} ${planHour} * * *`, tz: 'Asia/Shanghai' } },
    { id: 'pickup-collections-sweep', queue: 'pickup', name: 'pickup.collections.sweep', repeat: { every: 5 * 60_000 } },
  ];
}
