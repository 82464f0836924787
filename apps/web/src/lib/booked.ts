import { ApiError } from '../api/client';
import { getLang } from '../i18n';
import { day } from './format';

/**
 * The pickup point API refuses to close a day buyers have booked (409, details.days [{ day, held }]), for
 * staff and admins alike. Each area words it for its reader: staff are told to ask an admin, admins to
 * keep the day open or move the orders; `say` wraps the list and `each` words one day and its count.
 */
export function bookedProblem(err: unknown, say: (days: string) => string, each: (day: string, held: number) => string): string | null {
  const days = err instanceof ApiError && err.status === 409 ? (err.details?.days as Array<{ day: string; held: number }> | undefined) : undefined;
  if (!days?.length) return null;
  // 、 is how Chinese lists things; an English reader would not know it as a separator.
  return say(days.map((d) => each(day(d.day), d.held)).join(getLang() === 'zh' ? '、' : '; '));
}
