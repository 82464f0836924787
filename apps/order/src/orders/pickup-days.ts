import { addDays, daysBetween } from '@app/contracts';

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
