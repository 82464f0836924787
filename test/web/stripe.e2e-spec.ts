import type { Browser, Page } from 'playwright-core';
import { Factory, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { sendWebhook, stripeEnv } from '../ordering/helpers';
import { checkScreen, launch, phone, requireBuiltApp } from './browser';
import { FAKE_STRIPE_JS } from './fake-stripe';

/**
 * Online payment through the web app against the local Stripe stand-in. Stripe.js itself cannot be
 * loaded here, so the browser gets a stand-in script with the same calls (./fake-stripe.ts); the order
 * becomes paid only by the signed webhook, as in production.
 */
describe('web: checkout paid online with Stripe', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltApp();
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe, { STRIPE_PUBLISHABLE_KEY: 'pk_test_standin' }));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await stripe?.close();
  });

  it('offers online payment, loads Stripe.js only on the payment screen, and shows the order paid after the webhook', async () => {
    const f = new Factory(t);
    const farmer = await f.producer({ county: 'weixin', township: '扎西镇', name: '威信竹荪合作社' });
    const fungus = await f.product(farmer, { titleZh: '威信竹荪 干货', category: 'fungus', unit: 'bag', priceFen: 4500, originCounty: 'weixin' }, { stock: 40 });
    await f.pickupPoint({ name: '扎西镇村级服务站', county: 'weixin', township: '扎西镇', lat: 27.84, lng: 105.05 });
    const buyer = await f.buyer();
    expect((await t.api.put(`/api/cart/lines/${fungus.id}`, { quantity: 2 }, buyer.token)).status).toBe(200);

    const ctx = await phone(browser);
    await ctx.addInitScript(`localStorage.setItem('zt.session', ${JSON.stringify(JSON.stringify({ token: buyer.token, user: { id: buyer.id, phone: buyer.phone, role: 'buyer', displayName: '买家' } }))})`);
    const stripeJsLoads: string[] = [];
    await ctx.route('https://js.stripe.com/**', (route) => {
      stripeJsLoads.push(route.request().url());
      return route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS });
    });
    const page: Page = await ctx.newPage();

    await page.goto(`${t.baseUrl}/checkout`);
    await page.getByLabel('所在县区').selectOption('weixin');
    await page.getByRole('radio', { name: /扎西镇村级服务站/ }).check();
    await page.getByTestId('days').getByRole('radio').and(page.locator(':not([disabled])')).first().check();
    await page.getByRole('radio', { name: /在线支付/ }).check();
    expect(stripeJsLoads).toEqual([]);
    await page.getByRole('button', { name: /提交订单/ }).click();

    await page.getByRole('heading', { name: '在线支付' }).waitFor();
    await page.getByText('测试用支付表单（payment）').waitFor();
    expect(stripeJsLoads).toEqual(['https://js.stripe.com/v3/']);
    expect(await page.evaluate('window.__stripeKey')).toBe('pk_test_standin');
    await checkScreen(page, 'pay');

    // A declined payment says so and lets the buyer try again.
    await page.evaluate(`window.__stripeFail = '您的卡被拒绝了'`);
    await page.getByRole('button', { name: /确认支付/ }).click();
    await page.getByText('支付没有成功：您的卡被拒绝了').waitFor();
    await page.evaluate('window.__stripeFail = null');
    await page.getByRole('button', { name: /确认支付/ }).click();
    await page.getByText('支付已提交，正在等待确认…').waitFor();

    const [order] = await t.db.query(`SELECT o.id, o.status, p.provider_ref, p.client_secret FROM ordering.orders o JOIN ordering.payments p ON p.order_id = o.id`);
    expect(order.status).toBe('pending_payment');
    expect(await page.evaluate('window.__stripeConfirmed')).toBe(order.client_secret);
    const res = await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(order.provider_ref)));
    expect(res.status).toBe(200);

    await page.getByTestId('order-status').getByText('已付款，待备货').waitFor({ timeout: 10_000 });
    expect(page.url()).toBe(`${t.baseUrl}/orders/${order.id}?placed=1`);
    await checkScreen(page, 'order-paid');
    await ctx.close();
  });
});
