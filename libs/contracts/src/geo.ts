import { addDays } from './ids-and-days';

/** Zhaotong's eleven county-level divisions. Codes are stable identifiers; names are what people read. */
export const COUNTIES = {
  zhaoyang: { zh: '昭阳区', en: 'Zhaoyang' },
  ludian: { zh: '鲁甸县', en: 'Ludian' },
  qiaojia: { zh: '巧家县', en: 'Qiaojia' },
  yanjin: { zh: '盐津县', en: 'Yanjin' },
  daguan: { zh: '大关县', en: 'Daguan' },
  yongshan: { zh: '永善县', en: 'Yongshan' },
  suijiang: { zh: '绥江县', en: 'Suijiang' },
  zhenxiong: { zh: '镇雄县', en: 'Zhenxiong' },
  yiliang: { zh: '彝良县', en: 'Yiliang' },
  weixin: { zh: '威信县', en: 'Weixin' },
  shuifu: { zh: '水富市', en: 'Shuifu' },
} as const;
export type County = keyof typeof COUNTIES;
export const COUNTY_CODES = Object.keys(COUNTIES) as County[];

/** A county's Chinese name; a code we do not know (old data, a typo in a query) is shown as it is. */
export const countyZh = (code: string): string => COUNTIES[code as County]?.zh ?? code;

export const TIME_ZONE = 'Asia/Shanghai';

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * Today's date in China Standard Time as YYYY-MM-DD. Plain arithmetic rather than Intl with the time zone:
 * checkout asks several times per order, and Intl's formatting was most of the cost.
 */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The earliest pickup day for an order placed at `now`: goods are collected overnight after the cut-off
 * (HH:MM, China time), so an order before the cut-off can be collected tomorrow, after it the day after.
 * The order service decides with it, and the web app shows the same first day.
 */
export function earliestPickupDay(now: Date, cutoff: string): string {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString();
  return addDays(china.slice(0, 10), china.slice(11, 16) < cutoff ? 1 : 2);
}
