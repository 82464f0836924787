import { earliestPickupDay as earliestAt, todayInChina } from '../../../../libs/contracts/src/geo';
import { addDays } from '../../../../libs/contracts/src/ids-and-days';
import { getLang } from '../i18n';

const TZ = 'Asia/Shanghai';

/** Integer fen to "¥6.80". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "6.80" or "6.8" or "6" typed by a farmer, to fen; null when it is not a price. */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^¥/, '').replace('，', '.').replace('。', '.');
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const locale = () => (getLang() === 'zh' ? 'zh-CN' : 'en-GB');

/** A YYYY-MM-DD pickup day as "12月3日 周三" / "Wed 3 Dec". */
export function day(isoDay: string): string {
  const d = new Date(`${isoDay}T12:00:00+08:00`);
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, month: 'short', day: 'numeric', weekday: 'short' }).format(d);
}

/** ISO weekday 1 (Monday) to 7 (Sunday) as "周一" / "Mon". */
export function weekdayName(isoWeekday: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, weekday: 'short' }).format(new Date(Date.UTC(2024, 0, isoWeekday, 4)));
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Today in China as YYYY-MM-DD, plus `n` days. */
export const chinaDay = (n = 0, now = new Date()): string => addDays(todayInChina(now), n);

/** The earliest pickup day the order service accepts (the same rule it decides with). */
export const earliestPickupDay = (cutoff: string, now = new Date()): string => earliestAt(now, cutoff);
