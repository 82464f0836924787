import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Account, Factory, PASSWORD, startTestApp, TestApp } from '@app/testing';
import { placeOrder } from '../logistics/helpers';
import { firstPickupDay } from '../ordering/helpers';
import { addDays, PickupFactory, weekdayOf } from '../pickup/helpers';
import { checkScreen, launch, logIn, phone, requireBuiltApp } from './browser';

const zhWeekday = (isoDay: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(new Date(`${isoDay}T12:00:00+08:00`));
/** "11月29日", the part of the app's day label that does not depend on the weekday's spelling. */
const monthDay = (isoDay: string) => `${Number(isoDay.slice(5, 7))}月${Number(isoDay.slice(8, 10))}日`;

/**
 * A pickup point's own staff keep its hours, capacity and days off up to date from the phone, and are
 * told in their words when buyers have already booked a day they want to close.
 */
describe('web: staff set their point’s hours and days off', () => {
  let t: TestApp;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let pointId: string;
  let staffPhone: string;
  let booked: string;
  let buyer: Account;
  let orderId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireBuiltApp();
    t = await startTestApp();
    const f = new Factory(t);
    const p = new PickupFactory(t, f);
    const point = await p.point({ name: '彝良县小草坝镇服务站', county: 'yiliang', township: '小草坝镇' });
    pointId = point.id;
    staffPhone = (await p.staff(pointId)).phone;
    // A buyer has booked the first pickup day: that day may no longer close.
    booked = firstPickupDay(t);
    const farmer = await f.producer();
    const product = await f.product(farmer, { titleZh: '小草坝天麻' }, { stock: 10 });
    buyer = await f.buyer();
    orderId = await placeOrder(t, buyer, pointId, booked, [{ productId: product.id, quantity: 1 }]);
    browser = await launch();
    ctx = await phone(browser);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  const point = async () => (await t.api.get(`/api/pickup-points/${pointId}`)).body;

  it('changes the hours and capacity, and refuses to close a weekday a buyer has booked', async () => {
    await logIn(page, t.baseUrl, staffPhone, PASSWORD, '/staff');
    await page.getByRole('link', { name: '营业时间、休息日' }).click();
    await page.getByRole('heading', { name: '服务站设置' }).waitFor();

    // Closing the booked day's weekday is refused, with the day and how many orders are booked.
    const bookedDay = page.getByRole('checkbox', { name: zhWeekday(booked), exact: true });
    await bookedDay.uncheck();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(new RegExp(`不能关门：${monthDay(booked)}.* 1 单`)).waitFor();
    expect(Object.keys((await point()).openingHours)).toContain(weekdayOf(booked));

    // Another weekday closes; the booked one keeps new hours; capacity goes up. A bad time is caught first.
    await bookedDay.check();
    const other = addDays(booked, 3);
    await page.getByRole('checkbox', { name: zhWeekday(other), exact: true }).uncheck();
    await page.getByLabel(`${zhWeekday(booked)}关门`).fill('07:00');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('关门时间要晚于开门时间。').waitFor();
    await page.getByLabel(`${zhWeekday(booked)}开门`).fill('07:30');
    await page.getByLabel(`${zhWeekday(booked)}关门`).fill('18:30');
    await page.getByLabel('每天最多收几件包裹').fill('80');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await checkScreen(page, 'staff-settings');
    const saved = await point();
    expect(saved.capacityPerDay).toBe(80);
    expect(saved.openingHours[weekdayOf(booked)]).toEqual({ open: '07:30', close: '18:30' });
    expect(saved.openingHours[weekdayOf(other)]).toBeUndefined();
    expect(Object.keys(saved.openingHours)).toHaveLength(6);
  });

  it('closes a free day with a reason buyers see, refuses the booked day, and opens it again', async () => {
    const free = addDays(booked, 1);
    await page.getByLabel('哪一天休息').fill(free);
    await page.getByLabel(/原因/).fill('赶集天休息');
    await page.getByRole('button', { name: '设为休息日' }).click();
    await page.getByText(`${monthDay(free)}`).first().waitFor();
    await page.getByTestId('closed-days').getByText('赶集天休息').waitFor();
    expect((await point()).closedDays).toEqual([{ day: free, reason: '赶集天休息' }]);
    // Buyers picking a day see it closed.
    const days = (await t.api.get(`/api/pickup-points/${pointId}/availability?from=${free}&to=${free}`)).body;
    expect(days).toEqual([expect.objectContaining({ day: free, open: false, closedReason: 'closed_day', note: '赶集天休息' })]);

    await page.getByLabel('哪一天休息').fill(booked);
    await page.getByRole('button', { name: '设为休息日' }).click();
    await page.getByText(new RegExp(`不能关门：${monthDay(booked)}.* 1 单`)).waitFor();
    expect((await point()).closedDays).toHaveLength(1);

    await page.getByRole('button', { name: new RegExp(`照常营业 ${monthDay(free)}`) }).click();
    await page.getByText('最近没有休息日。').waitFor();
    expect((await point()).closedDays).toEqual([]);
  });

  it('shows the buyer the point’s hours on their pickup day, as the staff set them, and how to call', async () => {
    const phone2 = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const buyerPage = await phone2.newPage();
    await logIn(buyerPage, t.baseUrl, buyer.phone, PASSWORD, '/');
    await buyerPage.goto(`${t.baseUrl}/orders/${orderId}`);
    await buyerPage.getByTestId('point-hours').getByText('取货日营业 07:30–18:30').waitFor();
    const call = buyerPage.getByRole('link', { name: /打电话给服务站/ });
    expect(await call.getAttribute('href')).toBe(`tel:${(await point()).contactPhone}`);
    await phone2.close();
  });
});
