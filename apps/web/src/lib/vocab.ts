// The catalog's vocabulary is shared with the server (libs/contracts), so a new category or county shows
// up here without a second list to keep in step.
import { COUNTIES, COUNTY_CODES, type County } from '../../../../libs/contracts/src/geo';
import { PRODUCT_CATEGORIES, CATEGORY_CODES, UNITS, UNIT_CODES, type ProductCategory, type Unit } from '../../../../libs/contracts/src/catalog';
import { COUNTY_SEATS } from '../../../../libs/contracts/src/county-seats';
import { pick } from '../i18n';

export { COUNTIES, COUNTY_CODES, PRODUCT_CATEGORIES, CATEGORY_CODES, UNITS, UNIT_CODES, COUNTY_SEATS };
export type { County, ProductCategory, Unit };

export const countyName = (code: string) => pick(COUNTIES[code as County], code);
export const categoryName = (code: string) => pick(PRODUCT_CATEGORIES[code as ProductCategory], code);
/** Short unit for prices: "斤" / "jin". */
export const unitName = (code: string) => {
  const u = UNITS[code as Unit];
  return u ? pick({ zh: u.zh, en: u.en.replace(/ \(.*\)$/, '') }) : code;
};
