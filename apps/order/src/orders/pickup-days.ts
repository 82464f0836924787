import { addDays, daysBetween, todayInChina } from '@app/contracts';

export { addDays, daysBetween };

const CHINA_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The earliest pickup day for an order placed at `now`: goods are collected overnight after the
 * cut-off, so an order before the cut-off (China time) can be collected tomorrow, after it the day after.
 */
export function earliestPickupDay(now: Date, cutoff: string): string {
  const today = todayInChina(now);
  const clock = CHINA_TIME.format(now); // 'HH:MM'
  return addDays(today, clock < cutoff ? 1 : 2);
}

export interface DayRuleLine {
  productId: string;
  titleZh: string;
  perishable: boolean;
  shelfLifeDays: number | null;
  preSale: boolean;
  expectedShipDate: string | null;
}

/** Why `day` does not suit this line, or null when it does. */
export function dayProblem(line: DayRuleLine, day: string, today: string): string | null {
  if (line.preSale && line.expectedShipDate && day < line.expectedShipDate) {
    return `${line.titleZh} is a pre-sale item: choose a pickup day on or after ${line.expectedShipDate}`;
  }
  if (line.perishable && line.shelfLifeDays && daysBetween(today, day) > line.shelfLifeDays) {
    return `${line.titleZh} keeps ${line.shelfLifeDays} days: choose a pickup day by ${addDays(today, line.shelfLifeDays)}`;
  }
  return null;
}
