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

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in China Standard Time as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return CHINA_DATE.format(now);
}
