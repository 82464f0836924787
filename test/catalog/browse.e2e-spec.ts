import { Client } from 'pg';
import { todayInChina } from '@app/contracts';
import { eventually, Factory, ProducerAccount, startTestApp, TestApp } from '@app/testing';

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('catalog: browse and search for buyers', () => {
  let t: TestApp;
  let f: Factory;
  let yiliang: ProducerAccount;
  let ludian: ProducerAccount;
  const ids: Record<string, string> = {};
  const today = todayInChina();

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    yiliang = await f.producer({ name: '小草坝天麻合作社', county: 'yiliang', township: '小草坝镇', kind: 'cooperative' });
    ludian = await f.producer({ name: '龙头山果园', county: 'ludian', township: '龙头山镇' });
    const pending = await f.producer({ name: '待审核农户', county: 'weixin', township: '扎西镇' }, false);

    const inSeason = { harvestFrom: shiftDays(today, -30), harvestTo: shiftDays(today, 30) };
    ids.xcb = (await f.product(yiliang, { titleZh: '小草坝天麻 鲜货', category: 'medicinal', priceFen: 12000, originCounty: 'yiliang', ...inSeason })).id;
    ids.yltm = (await f.product(yiliang, { titleZh: '彝良天麻 干片', category: 'medicinal', priceFen: 26000, originCounty: 'yiliang' })).id;
    ids.mala = (await f.product(ludian, { titleZh: '天然麻辣花椒', category: 'spice', priceFen: 4500 })).id;
    ids.apple = (await f.product(ludian, { titleZh: '昭通苹果 红富士', titleEn: 'Zhaotong Fuji apples', priceFen: 680, ...inSeason })).id;
    ids.ugly = (await f.product(ludian, { titleZh: '丑苹果', priceFen: 500, harvestFrom: shiftDays(today, -90), harvestTo: shiftDays(today, -10) })).id;
    ids.cherry = (await f.product(ludian, { titleZh: '鲁甸樱桃 预售', priceFen: 3000, preSale: true, expectedShipDate: shiftDays(today, 150), perishable: true, shelfLifeDays: 3, harvestFrom: shiftDays(today, 140), harvestTo: shiftDays(today, 170) })).id;
    ids.soldOut = (await f.product(ludian, { titleZh: '冰糖心苹果', priceFen: 900 }, { stock: 0 })).id;
    ids.draft = (await f.product(ludian, { titleZh: '天麻 草稿' }, { activate: false })).id;
    const paused = await f.product(ludian, { titleZh: '天麻 暂停' });
    await t.api.post(`/api/catalog/products/${paused.id}/status`, { status: 'paused' }, ludian.token);
    ids.paused = paused.id;
    // A pending producer cannot even create products; write one straight into the table to prove the filter.
    await t.db.query(
      `INSERT INTO catalog.products (producer_id, category, title_zh, unit, price_fen, origin_county, status, stock_available, search_vector)
       VALUES ($1, 'medicinal', '天麻 未审核', 'jin', 100, 'weixin', 'active', 10, to_tsvector('simple', '天麻'))`,
      [pending.producerId],
    );
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const res = await t.api.get(`/api/catalog/products?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Array<{ id: string } & Record<string, any>>; nextCursor: string | null };
  };
  const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);

  it('finds 天麻 in 小草坝天麻 and 彝良天麻, and not in 天然麻辣 or unlisted products', async () => {
    const page = await search(`q=${encodeURIComponent('天麻')}`);
    expect(idsOf(page).sort()).toEqual([ids.xcb, ids.yltm].sort());
  });

  it('ranks the title match and searches longer and Latin queries', async () => {
    expect(idsOf(await search(`q=${encodeURIComponent('小草坝天麻')}`))).toEqual([ids.xcb]);
    expect(idsOf(await search('q=fuji'))).toEqual([ids.apple]);
    expect(idsOf(await search(`q=${encodeURIComponent('苹果 红富士')}`))).toEqual([ids.apple]);
    expect(idsOf(await search(`q=${encodeURIComponent('彝良')}`)).sort()).toEqual([ids.xcb, ids.yltm].sort());
  });

  it('lists only active products of approved producers, with sold-out flagged', async () => {
    const all = await search('limit=50');
    const listed = idsOf(all);
    expect(listed.sort()).toEqual([ids.xcb, ids.yltm, ids.mala, ids.apple, ids.ugly, ids.cherry, ids.soldOut].sort());
    expect(all.items.find((i) => i.id === ids.soldOut)).toMatchObject({ soldOut: true, stockAvailable: 0 });
    expect(all.items.find((i) => i.id === ids.apple)).toMatchObject({ soldOut: false, priceFen: 680, producer: { name: '龙头山果园' } });
    expect(idsOf(await search('inStock=true'))).not.toContain(ids.soldOut);
  });

  it('filters by category, county, price range, producer and season', async () => {
    expect(idsOf(await search('category=medicinal')).sort()).toEqual([ids.xcb, ids.yltm].sort());
    expect(idsOf(await search('county=yiliang')).sort()).toEqual([ids.xcb, ids.yltm].sort());
    expect(idsOf(await search('minPrice=600&maxPrice=4500')).sort()).toEqual([ids.mala, ids.apple, ids.cherry, ids.soldOut].sort());
    expect(idsOf(await search(`producerId=${yiliang.producerId}`)).sort()).toEqual([ids.xcb, ids.yltm].sort());
    const seasonal = idsOf(await search('inSeason=true'));
    expect(seasonal).toEqual(expect.arrayContaining([ids.xcb, ids.apple, ids.yltm, ids.mala]));
    expect(seasonal).not.toContain(ids.ugly);
    expect(seasonal).not.toContain(ids.cherry);
    const cherry = (await search(`q=${encodeURIComponent('樱桃')}`)).items[0];
    expect(cherry).toMatchObject({ preSale: true, inSeason: false, perishable: true });
  });

  it('sorts by price both ways and by newest', async () => {
    const asc = (await search('sort=price_asc&limit=50')).items.map((i) => i.priceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await search('sort=price_desc&limit=50')).items.map((i) => i.priceFen);
    expect(desc).toEqual([...asc].reverse());
    expect(idsOf(await search('limit=1'))).toEqual([ids.soldOut]); // the last one listed of the seven
  });

  it('walks every page with cursors, in each sort, without repeats or gaps', async () => {
    for (const sort of ['newest', 'price_asc', 'price_desc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await search(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(new Set(seen).size).toBe(7);
    }
    const first = await search(`q=${encodeURIComponent('天麻')}&limit=1`);
    const second = await search(`q=${encodeURIComponent('天麻')}&limit=1&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...idsOf(first), ...idsOf(second)].sort()).toEqual([ids.xcb, ids.yltm].sort());
  });

  it('bounds the page size and refuses cursors from another sort', async () => {
    expect((await t.api.get('/api/catalog/products?limit=51')).status).toBe(400);
    expect((await search('limit=50')).items.length).toBeLessThanOrEqual(50);
    const page = await search('sort=newest&limit=1');
    const other = await t.api.get(`/api/catalog/products?sort=price_asc&cursor=${page.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.errors[0].field).toBe('cursor');
  });

  it('shows a listed product to anyone and hides drafts and paused products from buyers', async () => {
    const buyer = await f.buyer();
    const shown = await t.api.get(`/api/catalog/products/${ids.apple}`);
    expect(shown.status).toBe(200);
    expect(shown.body.stockReserved).toBeUndefined();
    expect((await t.api.get(`/api/catalog/products/${ids.draft}`, buyer.token)).status).toBe(404);
    expect((await t.api.get(`/api/catalog/products/${ids.paused}`)).status).toBe(404);
    expect((await t.api.get(`/api/catalog/products/${ids.draft}`, ludian.token)).body.status).toBe('draft');
  });

  it('costs one SQL statement per page, searched or not', async () => {
    const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    const statements: string[] = [];
    proto.query = function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '';
      // The outbox relay polls in the background on its own transactions; those are not the page's.
      if (!/outbox|^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET LOCAL synchronous_commit)/i.test(text.trim())) statements.push(text);
      return original.apply(this, args);
    };
    try {
      for (const q of ['limit=20', `q=${encodeURIComponent('天麻')}`, 'category=fruit&inSeason=true&sort=price_asc']) {
        statements.length = 0;
        await search(q);
        expect(statements).toHaveLength(1);
      }
    } finally {
      proto.query = original;
    }
  });
});

describe('catalog: the public page cache', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp({ CATALOG_PAGE_CACHE_MS: '400' });
    f = new Factory(t);
  });
  afterAll(() => t.close());

  it('answers a busy page from memory for a moment, then shows the change', async () => {
    const farmer = await f.producer();
    await f.product(farmer, { titleZh: '巧家花椒 一级' });
    const page = async () => (await t.api.get(`/api/catalog/products?q=${encodeURIComponent('花椒')}`)).body.items.length;
    expect(await page()).toBe(1);
    await f.product(farmer, { titleZh: '鲁甸花椒 特级' });
    expect(await page()).toBe(1); // still the cached page
    await eventually(async () => (await page()) === 2, 'the cached page to expire', 3000);
    const res = await t.api.get('/api/catalog/products?limit=abc');
    expect(res.status).toBe(400); // validation still runs before the cache
  });
});
