import sharp from 'sharp';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factory, nextPhone, startTestApp, TestApp } from '@app/testing';
import { checkScreen, launch, phone, requireBuiltApp, seriousA11yProblems, WEB_DIR } from './browser';

/**
 * The phase-1 web app in a real browser at 360 px against the all-in-one server: a farmer signs up,
 * applies, is approved and lists apples with a photo through a dropped connection and a reload; a buyer
 * finds them, orders 10 斤 and pays at the pickup point.
 */
describe('web: a farmer lists produce from a phone, a buyer orders it for pickup', () => {
  let t: TestApp;
  let f: Factory;
  let browser: Browser;
  let farmerCtx: BrowserContext;
  let buyerCtx: BrowserContext;
  const title = `昭通苹果 红富士 ${Date.now() % 100000}`;

  beforeAll(async () => {
    requireBuiltApp();
    t = await startTestApp();
    f = new Factory(t);
    await f.pickupPoint({ name: '龙头山镇供销社便民店', county: 'ludian' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const productRows = () => t.db.query(`SELECT id, status, price_fen, stock_available, photos FROM catalog.products WHERE title_zh = $1`, [title]);

  it('serves the app at / and at its own paths, and leaves the API and health paths to the server', async () => {
    const home = await fetch(`${t.baseUrl}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<div id="app">');
    expect(html).toContain('window.__ZT__={"stripePublishableKey":null,"orderCutoff":"22:00"}');
    const deep = await fetch(`${t.baseUrl}/orders/123?x=1`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
    const api404 = await fetch(`${t.baseUrl}/api/no-such-thing`);
    expect(api404.status).toBe(404);
    expect(await api404.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/assets/missing-file.js`)).status).toBe(404);
    // Assets go out pre-compressed and cached for good (their names change with their content).
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const br = await fetch(`${t.baseUrl}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toContain('immutable');
    expect(await br.text()).toBe(readFileSync(join(WEB_DIR, script), 'utf8'));
    const sw = await fetch(`${t.baseUrl}/sw.js`);
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps the JS a buyer downloads for the first screen under 150 KB gzip, with no Stripe.js', async () => {
    const ctx = await phone(browser);
    const page = await ctx.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname + new URL(r.url()).hostname);
    });
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('heading', { name: '新鲜上架' }).waitFor();
    await page.waitForLoadState('networkidle');
    const local = scripts.filter((s) => s.startsWith('/assets/')).map((s) => s.replace(/127\.0\.0\.1$/, ''));
    expect(local.length).toBeGreaterThanOrEqual(2); // the shell and the buyer's chunk
    expect(scripts.some((s) => s.includes('stripe'))).toBe(false);
    const gzip = local.reduce((sum, path) => sum + gzipSync(readFileSync(join(WEB_DIR, path))).length, 0);
    expect(gzip).toBeLessThan(150 * 1024);
    // Nor the farmer's photo tools.
    expect(local.some((s) => /farmer/.test(s))).toBe(false);
    // The accessibility check used on every screen does find a real problem when there is one.
    await page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<button class="btn"></button>')`);
    expect((await seriousA11yProblems(page)).join('\n')).toMatch(/critical button-name/);
    await ctx.close();
  });

  it('lets a farmer sign up and apply, then list 昭通苹果 with a photo through an outage and a reload', async () => {
    farmerCtx = await phone(browser);
    const page = await farmerCtx.newPage();
    const phoneNo = nextPhone();
    await page.goto(`${t.baseUrl}/register?role=farmer`);
    await page.getByLabel('手机号').fill(phoneNo);
    await page.getByLabel('密码').fill('apple-2026');
    await page.getByLabel('怎么称呼您').fill('王建国');
    await checkScreen(page, 'register');
    await page.getByRole('button', { name: '注册' }).click();

    await page.getByRole('heading', { name: '申请成为生产者' }).waitFor();
    // A wrong field comes back next to the field in plain words, and nothing is written.
    await page.getByLabel('农场或合作社名称').fill('鲁');
    await page.getByLabel('县区').selectOption('ludian');
    await page.getByLabel('乡镇').fill('龙头山镇');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('名称要 2 到 60 个字。').waitFor();
    expect(await t.db.query(`SELECT 1 FROM catalog.producers WHERE contact_phone = $1`, [phoneNo])).toHaveLength(0);
    await checkScreen(page, 'farm-apply-error');
    await page.getByLabel('农场或合作社名称').fill('龙头山镇光明村苹果园');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('正在审核，通过后就能上架。').waitFor();

    const [producer] = await t.db.query(`SELECT id FROM catalog.producers WHERE contact_phone = $1`, [phoneNo]);
    const admin = await f.admin();
    expect((await t.api.post(`/api/catalog/producers/${producer.id}/review`, { decision: 'approve' }, admin.token)).status).toBe(200);
    await page.reload();
    await page.getByText('已通过审核').waitFor();
    await checkScreen(page, 'farm-dashboard');
    // The page is now run by the shell worker, which is what lets it open again with no signal.
    await page.evaluate('navigator.serviceWorker.ready');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');

    await page.locator('main').getByRole('link', { name: '上架新商品' }).click();
    await page.getByRole('heading', { name: '上架新商品' }).waitFor();
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 196, g: 30, b: 58 } } }).jpeg({ quality: 95 }).toBuffer();
    await page.locator('#photo').setInputFiles({ name: 'IMG_20261012.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('photo-preview').waitFor();
    await page.getByLabel('商品名称').fill(title);
    await page.getByLabel('单价（元）').fill('6.80');
    await page.getByLabel('库存数量').fill('500');
    // Shrunk in the browser before it is kept or sent: at most 1280 px, WebP, far smaller than the camera's file.
    const kept = (await page.evaluate(`new Promise((resolve) => {
      const req = indexedDB.open('zt-farmer');
      req.onsuccess = () => {
        const get = req.result.transaction('drafts').objectStore('drafts').get('new-listing');
        get.onsuccess = async () => {
          const blob = get.result.photo;
          const bmp = await createImageBitmap(blob);
          resolve({ type: blob.type, size: blob.size, width: bmp.width, height: bmp.height, title: get.result.fields.titleZh });
        };
      };
    })`)) as { type: string; size: number; width: number; height: number; title: string };
    expect(kept).toMatchObject({ type: 'image/webp', width: 1280, height: 853 });
    expect(kept.size).toBeLessThan(photo.length);
    await checkScreen(page, 'farm-listing');

    // The signal drops as the farmer taps send: the listing waits on the phone.
    await farmerCtx.setOffline(true);
    await page.getByRole('button', { name: '上架' }).click();
    await page.getByText('现在没有网络，已保存在手机上，联网后会自动上架。').waitFor();
    // …and the phone reloads the page with no signal: the shell worker opens the app, the draft is still there.
    await page.reload();
    await page.getByText('现在没有网络，已保存在手机上，联网后会自动上架。').waitFor();
    expect(await page.getByLabel('商品名称').inputValue()).toBe(title);
    expect(await productRows()).toHaveLength(0);
    await checkScreen(page, 'farm-listing-queued');

    // Back online: it goes out by itself, photo and all, exactly once.
    await farmerCtx.setOffline(false);
    await page.getByText('上架成功！').waitFor({ timeout: 20_000 });
    const rows = await productRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'active', price_fen: 680, stock_available: 500 });
    expect(rows[0].photos).toHaveLength(1);

    // Price, stock and pause from the phone.
    await page.goto(`${t.baseUrl}/farm/products/${rows[0].id}`);
    await page.getByLabel('单价（元）').fill('6.5元');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('价格请填数字，比如 6.80。').waitFor();
    await checkScreen(page, 'farm-edit-error');
    await page.getByLabel('单价（元）').fill('6.80');
    await page.getByLabel('现在能卖的数量').fill('480');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    expect((await productRows())[0]).toMatchObject({ price_fen: 680, stock_available: 480 });
    await page.getByRole('button', { name: '暂停销售' }).click();
    await page.getByRole('button', { name: '恢复销售' }).click();
    await page.getByRole('button', { name: '暂停销售' }).waitFor();
    expect((await productRows())[0].status).toBe('active');
  });

  it('lets a buyer find the apples, order 10 斤 for a pickup day that has room, pay at pickup and follow the order', async () => {
    buyerCtx = await phone(browser);
    const page = await buyerCtx.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('heading', { name: '新鲜上架' }).waitFor();
    await checkScreen(page, 'home');
    await page.getByRole('searchbox').fill('苹果');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByRole('heading', { name: '搜索“苹果”的结果' }).waitFor();
    await page.getByRole('link', { name: new RegExp(title) }).waitFor();
    await checkScreen(page, 'search');
    await page.getByRole('link', { name: new RegExp(title) }).first().click();
    await page.getByRole('heading', { name: title }).waitFor();
    await checkScreen(page, 'product');
    const photo = page.locator('img.hero-photo').first();
    expect(await photo.getAttribute('src')).toMatch(/-s\.webp$/); // the 360 px variant

    await page.getByRole('link', { name: '登录后购买' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await checkScreen(page, 'login');
    await page.getByLabel('手机号').fill('12345');
    await page.getByLabel('密码').fill('x');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请填 11 位手机号，比如 13912345678。').waitFor();
    await page.getByRole('link', { name: '还没有账号？注册' }).click();
    await page.getByLabel('手机号').fill(nextPhone());
    await page.getByLabel('密码').fill('buyer-2026');
    await page.getByRole('button', { name: '注册' }).click();
    // Back to the product after signing up.
    await page.getByRole('heading', { name: title }).waitFor();

    await page.getByLabel('数量（斤）').fill('10');
    await page.getByLabel('数量（斤）').press('Tab');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByText('已加入购物车').waitFor();
    await page.getByRole('link', { name: '去结算' }).click();
    await page.getByTestId('cart-total').getByText('¥68.00').waitFor();
    await checkScreen(page, 'cart');
    await page.getByRole('link', { name: '去结算' }).click();

    await page.getByRole('heading', { name: '确认订单' }).waitFor();
    await page.getByLabel('所在县区').selectOption('ludian');
    await page.getByRole('radio', { name: /龙头山镇供销社便民店/ }).check();
    const firstDay = page.getByTestId('days').getByRole('radio').and(page.locator(':not([disabled])')).first();
    await firstDay.check();
    const chosenDay = await firstDay.getAttribute('value');
    await page.getByRole('radio', { name: '到店付款（现金或扫码）' }).check();
    expect(await page.getByRole('radio', { name: /在线支付/ }).count()).toBe(0); // no Stripe configured
    await checkScreen(page, 'checkout');
    // A double tap is one order.
    await page.getByRole('button', { name: /提交订单/ }).dblclick();

    await page.getByText('下单成功！').waitFor();
    await page.getByTestId('order-status').getByText('已确认，到店付款').waitFor();
    await page.getByText('取货时付 ¥68.00').waitFor();
    await checkScreen(page, 'order');
    const orders = await t.db.query(`SELECT status, payment_method, pickup_day::text AS day, total_fen FROM ordering.orders WHERE status <> 'creating'`);
    expect(orders).toEqual([{ status: 'confirmed', payment_method: 'pay_at_pickup', day: chosenDay, total_fen: 6800 }]);

    await page.getByRole('link', { name: '我的订单' }).click();
    await page.getByTestId('orders').getByText('已确认，到店付款').waitFor();
    await checkScreen(page, 'orders');

    // English on request, kept across reloads.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My orders' }).waitFor();
    await page.reload();
    await page.getByText('Confirmed, pay at pickup').waitFor();
    await checkScreen(page, 'orders-en');
  });
});
