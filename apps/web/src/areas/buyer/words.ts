import { getLang } from '../../i18n';

// English names for libs/contracts' CERTIFICATIONS, which has the Chinese only.
const CERTIFICATIONS: Record<string, { zh: string; en: string }> = {
  green_food: { zh: '绿色食品', en: 'Green Food' },
  organic: { zh: '有机产品', en: 'Organic' },
  geographic_indication: { zh: '地理标志产品', en: 'Geographic indication' },
  pollution_free: { zh: '无公害农产品', en: 'Pollution-free' },
};

export const certificationName = (code: string) => CERTIFICATIONS[code]?.[getLang()] ?? code;
