/**
 * The request mix: what buyers do on the browse and search pages. Each base query is a first page; later
 * pages follow the nextCursor the API hands out, gathered before the load starts.
 */
export const PRODUCTS_PATH = '/api/catalog/products';

export interface BaseQuery {
  query: Record<string, string>;
  /** How many pages to serve of it (1 = first page only). Buyers mostly look at page one or two. */
  pages: number;
}

const CATEGORIES = ['fruit', 'vegetable', 'medicinal', 'fungus', 'spice', 'nut', 'grain', 'bamboo_shoot', 'tea'];
const COUNTIES = ['zhaoyang', 'ludian', 'qiaojia', 'yanjin', 'daguan', 'yongshan', 'suijiang', 'zhenxiong', 'yiliang', 'weixin', 'shuifu'];

export const BROWSE_QUERIES: BaseQuery[] = [
  { query: {}, pages: 10 },
  ...CATEGORIES.map((category) => ({ query: { category }, pages: 3 })),
  ...COUNTIES.map((county) => ({ query: { county }, pages: 2 })),
  { query: { minPrice: '500', maxPrice: '2000' }, pages: 3 },
  { query: { minPrice: '2000', maxPrice: '10000' }, pages: 2 },
  { query: { maxPrice: '1000' }, pages: 2 },
  { query: { minPrice: '20000' }, pages: 2 },
  { query: { inSeason: 'true' }, pages: 4 },
  { query: { inSeason: 'true', category: 'fruit' }, pages: 2 },
  { query: { inSeason: 'true', county: 'yiliang' }, pages: 2 },
  { query: { inStock: 'true' }, pages: 2 },
  { query: { category: 'medicinal', county: 'yiliang' }, pages: 2 },
  { query: { category: 'fruit', sort: 'price_asc' }, pages: 2 },
  { query: { sort: 'price_asc' }, pages: 3 },
  { query: { sort: 'price_desc' }, pages: 2 },
  { query: { county: 'ludian', sort: 'price_desc' }, pages: 2 },
  { query: { category: 'nut', inStock: 'true', maxPrice: '2000' }, pages: 1 },
];

export const SEARCH_QUERIES: BaseQuery[] = [
  { query: { q: '天麻' }, pages: 3 },
  { query: { q: '苹果' }, pages: 3 },
  { query: { q: '小草坝天麻' }, pages: 2 },
  { query: { q: '竹荪' }, pages: 2 },
  { query: { q: 'apple' }, pages: 2 },
  { query: { q: '花椒' }, pages: 2 },
  { query: { q: '核桃' }, pages: 2 },
  { query: { q: '苦荞茶' }, pages: 1 },
  { query: { q: '樱桃' }, pages: 1 },
  { query: { q: '冰糖心' }, pages: 1 },
  { query: { q: '洋芋' }, pages: 1 },
  { query: { q: '鲜天麻' }, pages: 1 },
  { query: { q: '昭通苹果' }, pages: 2 },
  { query: { q: '笋干' }, pages: 1 },
  { query: { q: 'walnut' }, pages: 1 },
  { query: { q: 'gastrodia' }, pages: 1 },
  { query: { q: '红富士' }, pages: 1 },
  { query: { q: '天麻礼盒' }, pages: 1 },
  { query: { q: '马铃薯' }, pages: 1 },
  { query: { q: '绿茶' }, pages: 1 },
  { query: { q: '天麻', county: 'yiliang' }, pages: 2 },
  { query: { q: '苹果', category: 'fruit', maxPrice: '1000' }, pages: 2 },
  { query: { q: '核桃', inSeason: 'true' }, pages: 1 },
  { query: { q: '竹荪', sort: 'price_asc' }, pages: 1 },
  { query: { q: '天麻', sort: 'price_desc' }, pages: 1 },
  { query: { q: '苹果', county: 'ludian' }, pages: 1 },
  { query: { q: '花椒', inStock: 'true' }, pages: 1 },
];

export function pathOf(query: Record<string, string>, cursor?: string): string {
  const params = new URLSearchParams(query);
  if (cursor) params.set('cursor', cursor);
  const qs = params.toString();
  return qs ? `${PRODUCTS_PATH}?${qs}` : PRODUCTS_PATH;
}

export interface PageResult {
  items: unknown[];
  nextCursor: string | null;
}

/**
 * Expands base queries into page paths by following nextCursor with `get`. Returns every page path and
 * how many items the pages held (to tell a realistic mix from a list of empty pages).
 */
export async function expandPages(bases: BaseQuery[], get: (path: string) => Promise<PageResult>): Promise<{ paths: string[]; items: number[] }> {
  const paths: string[] = [];
  const items: number[] = [];
  for (const base of bases) {
    let cursor: string | undefined;
    for (let page = 0; page < base.pages; page++) {
      const path = pathOf(base.query, cursor);
      const res = await get(path);
      paths.push(path);
      items.push(res.items.length);
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
  }
  return { paths, items };
}

/** Each connection starts at its own place in the list, so the connections do not ask for the same page at once. */
export function rotated<T>(list: T[], index: number, of: number): T[] {
  const start = Math.floor((index * list.length) / Math.max(1, of)) % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}
