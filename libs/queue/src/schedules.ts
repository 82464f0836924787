import { JobName } from './registry';

/** Repeating jobs, registered idempotently by the workers of the queue they belong to. */
export const JOB_SCHEDULES: Array<{ id: string; queue: string; name: JobName; everyMs: number }> = [
  { id: 'catalog-reservation-sweep', queue: 'catalog', name: 'catalog.reservation.sweep', everyMs: 60_000 },
  { id: 'ordering-order-sweep', queue: 'ordering', name: 'ordering.order.sweep', everyMs: 60_000 },
];
