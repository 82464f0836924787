import { AppError } from '@app/errors';

export const TASK_STATUSES = ['open', 'packed', 'short', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** open → packed | short | cancelled; the others are final (a cancel after packing voids the parcel instead). */
const ALLOWED: Record<TaskStatus, readonly TaskStatus[]> = {
  open: ['packed', 'short', 'cancelled'],
  packed: [],
  short: [],
  cancelled: [],
};

export function assertTaskTransition(from: TaskStatus, to: TaskStatus): void {
  if (!ALLOWED[from].includes(to)) {
    throw new AppError('INVALID_TRANSITION', `A pack task that is ${from} cannot become ${to}`, { from, to });
  }
}
