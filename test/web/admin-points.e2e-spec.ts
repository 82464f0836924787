import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { Account, Factory, nextPhone, PASSWORD, startTestApp, TestApp } from '@app/testing';
import { placeOrder } from '../logistics/helpers';
import { firstPickupDay } from '../ordering/helpers';
import { nextWeekday, PickupFactory } from '../pickup/helpers';
import { checkScreen, launch, logIn as logInAt, phone, requireBuiltApp } from './browser';

/**
 * The admin's 服务站 screen at 360 px, only through the UI: a point recorded through the form (a mistake
 * first, shown next to its field), opened on the approvals screen, a new staff account made and bound to
 * it, who then sees the point on their own phone; an existing staff account found by its number and
 * bound; the first one unbound; the point suspended with a reason; its commission, phone and capacity
 * changed in its card, but not a weekday buyers have booked. The database and the API agree at each step.
 */
describe('web: the admin records pickup points and who staffs them', () => {
  let t: TestApp;
  let browser: Browser;
  let f: Factory;
  let p: PickupFactory;
  let adminPhone: string;
  let admin: Page;
  let staff: Page;
  let pointId: string;
  const pointName = '彝良县小草坝镇供销社门店';
  const staffPhone = nextPhone();
  const staffPassword = 'zhangli-2026';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  /** What each confirm() asked: the admin is told what will happen before it happens. */
  const confirms: string[] = [];

  beforeAll(async () => {
    requireBuiltApp();
    t = await startTestApp();
    f = new Factory(t);
    p = new PickupFactory(t, f);
    // Another county's point, so the filters have something to leave out.
    await p.point({ name: '昭阳区洒渔镇光明村村级服务站' });
    adminPhone = (await f.admin()).phone;
    browser = await launch();
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function newPhone(where?: { latitude: number; longitude: number }): Promise<Page> {
    const ctx = await phone(browser);
    contexts.push(ctx);
    if (where) {
      await ctx.grantPermissions(['geolocation'], { origin: t.baseUrl });
      await ctx.setGeolocation({ ...where, accuracy: 12 });
    }
    const page = await ctx.newPage();
    page.on('dialog', (d) => {
      confirms.push(d.message());
      void d.accept();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  const logIn = (page: Page, phoneNo: string, password: string, home: string) => logInAt(page, t.baseUrl, phoneNo, password, home);

  const card = (): Locator => admin.getByTestId('point').filter({ has: admin.getByRole('heading', { name: pointName }) });
  const pointRow = async () => (await t.db.query(`SELECT * FROM pickup.points WHERE name = $1`, [pointName]))[0];
  const boundIds = async () => (await t.db.query(`SELECT user_id FROM pickup.point_staff WHERE point_id = $1 ORDER BY created_at`, [pointId])).map((r: { user_id: string }) => r.user_id);
  const userId = async (phoneNo: string) => (await t.db.query(`SELECT id FROM identity.users WHERE phone = $1`, [phoneNo]))[0]?.id as string | undefined;
/** "11月29日", the part of the app's day label that does not depend on the weekday's spelling. */
const monthDay = (isoDay: string) => `${Number(isoDay.slice(5, 7))}月${Number(isoDay.slice(8, 10))}日`;

  it('records a point through the form: a mistake is shown next to its field, then the point waits to open', async () => {
    // At the door of a township co-op shop in Xiaocaoba (彝良县).
    admin = await newPhone({ latitude: 27.625312, longitude: 104.048715 });
    await logIn(admin, adminPhone, PASSWORD, '/manage');
    await admin.getByRole('link', { name: '服务站（新建、店员、暂停）' }).click();
    await admin.getByRole('heading', { name: '服务站', exact: true }).waitFor();
    await admin.getByTestId('point').filter({ hasText: '昭阳区洒渔镇光明村村级服务站' }).waitFor();
    await checkScreen(admin, 'admin-points');
    await admin.getByRole('link', { name: '新建服务站' }).click();
    await admin.getByRole('heading', { name: '新建服务站' }).waitFor();

    // Defaults: every day 08:00–19:00, 50 parcels a day, 1.5%.
    expect(await admin.getByLabel('周三开门').inputValue()).toBe('08:00');
    expect(await admin.getByLabel('周三关门').inputValue()).toBe('19:00');
    expect(await admin.getByLabel('每天最多收多少件包裹').inputValue()).toBe('50');
    expect(await admin.getByLabel('佣金（%）').inputValue()).toBe('1.5');
    await checkScreen(admin, 'admin-point-new');

    await admin.getByLabel('服务站名称').fill(pointName);
    await admin.getByLabel('类型').selectOption('township_coop');
    await admin.getByLabel('县区').selectOption('yiliang');
    await admin.getByLabel('乡镇').fill('小草坝镇');
    await admin.getByLabel('详细地址').fill('小草坝镇街上供销社');
    await admin.getByRole('button', { name: '用我现在的位置' }).click();
    await admin.getByText('已填入现在的位置（误差约 12 米）。').waitFor();
    expect(await admin.getByLabel('纬度').inputValue()).toBe('27.62531');
    expect(await admin.getByLabel('经度').inputValue()).toBe('104.04872');
    // Closed on Sundays, Saturdays till five.
    await admin.getByRole('checkbox', { name: '周日' }).uncheck();
    await admin.getByTestId('new-point').getByText('休息', { exact: true }).waitFor();
    await admin.getByLabel('周六关门').fill('17:00');
    await admin.getByLabel('有冷库').check();
    await admin.getByLabel('联系人').fill('陈国华');
    // A digit short.
    await admin.getByLabel('联系电话').fill('1391234567');
    await admin.getByRole('button', { name: '新建服务站' }).click();
    await admin.locator('#np-contactPhone-error').getByText('请填 11 位手机号，比如 13912345678。').waitFor();
    expect(await admin.getByLabel('联系电话').getAttribute('aria-invalid')).toBe('true');
    // The long form brings the field to fix into view.
    // (after the errors render, so waited for rather than read at once)
    await admin.waitForFunction(`document.activeElement?.id === 'np-contactPhone'`, undefined, { timeout: 5000 });
    await admin.getByText('有内容没填对，请看下面红字的提示。').waitFor();
    await checkScreen(admin, 'admin-point-new-mistake');
    expect(await pointRow()).toBeUndefined();

    const contactPhone = nextPhone();
    await admin.getByLabel('联系电话').fill(contactPhone);
    await admin.getByRole('button', { name: '新建服务站' }).click();
    await admin.getByText(`已新建“${pointName}”，现在是待开通。`, { exact: false }).waitFor();
    await card().getByText('待开通', { exact: true }).waitFor();
    await card().getByText('还没有店员。', { exact: false }).waitFor();
    expect(admin.url()).toBe(`${t.baseUrl}/manage/points?county=yiliang&status=proposed`);
    await checkScreen(admin, 'admin-points-created');

    const row = await pointRow();
    pointId = row.id;
    expect({
      status: row.status, kind: row.kind, county: row.county, township: row.township, village: row.village, lat: Number(row.lat), lng: Number(row.lng),
      capacity: row.capacity_per_day, cold: row.cold_storage, bps: row.commission_bps, contactName: row.contact_name, contactPhone: row.contact_phone,
    }).toEqual({
      status: 'proposed', kind: 'township_coop', county: 'yiliang', township: '小草坝镇', village: null, lat: 27.62531, lng: 104.04872,
      capacity: 50, cold: true, bps: 150, contactName: '陈国华', contactPhone,
    });
    const day = { open: '08:00', close: '19:00' };
    expect(row.opening_hours).toEqual({ 1: day, 2: day, 3: day, 4: day, 5: day, 6: { open: '08:00', close: '17:00' } });
    // Buyers do not see it yet.
    expect((await t.api.get('/api/pickup-points?county=yiliang')).body.items).toEqual([]);
  });

  it('is opened on the approvals screen; a new staff account is made and bound, and sees the point on their phone', async () => {
    await admin.getByRole('link', { name: '去审核页开通' }).click();
    await admin.getByTestId('proposed-points').getByText(pointName, { exact: true }).waitFor();
    await checkScreen(admin, 'admin-approvals-new-point');
    await admin.getByRole('button', { name: `开通 ${pointName}` }).click();
    await admin.getByText(`已开通：${pointName}`).waitFor();
    expect((await pointRow()).status).toBe('active');

    await admin.getByRole('link', { name: '服务站（新建、店员、暂停）' }).click();
    await card().getByText('营业中', { exact: true }).waitFor();
    await card().getByRole('button', { name: `添加店员 ${pointName}` }).click();
    await card().getByRole('button', { name: '新建店员账号' }).click();
    await card().getByLabel('手机号（店员用它登录）').fill(staffPhone);
    await card().getByLabel('称呼（店员的名字）').fill('张丽');
    await card().getByLabel('初始密码').fill('zhangli');
    await card().getByRole('button', { name: '新建并绑定' }).click();
    await card().getByText('密码要 8 到 128 位，有字母也有数字。').waitFor();
    expect(await userId(staffPhone)).toBeUndefined();
    await checkScreen(admin, 'admin-point-new-staff');

    await card().getByLabel('初始密码').fill(staffPassword);
    await card().getByRole('button', { name: '新建并绑定' }).click();
    await card().getByText(`已新建店员 张丽（${staffPhone}）并绑定到“${pointName}”。`, { exact: false }).waitFor();
    await card().getByRole('list', { name: `店员 ${pointName}` }).getByText('张丽').waitFor();
    await checkScreen(admin, 'admin-point-staff-bound');

    const [account] = await t.db.query(`SELECT id, role, display_name, status FROM identity.users WHERE phone = $1`, [staffPhone]);
    expect({ role: account.role, name: account.display_name, status: account.status }).toEqual({ role: 'staff', name: '张丽', status: 'active' });
    expect(await boundIds()).toEqual([account.id]);

    // Her own phone: the receive screen is for this point.
    staff = await newPhone();
    await logIn(staff, staffPhone, staffPassword, '/staff');
    await staff.getByRole('heading', { name: '收货' }).waitFor();
    await staff.locator('main').getByText(pointName, { exact: true }).waitFor();
    await checkScreen(staff, 'staff-receive-new-point');
  });

  it('binds an existing staff account found by its number, unbinds the first, and suspends the point with a reason', async () => {
    const existing: Account = await p.staff();
    const buyer = await f.register('buyer', '买家老王');

    await card().getByRole('button', { name: `添加店员 ${pointName}` }).click();
    // A buyer's number finds nothing: only staff accounts can be bound.
    await card().getByLabel('店员的手机号（可以只输前几位）').fill(buyer.phone);
    await card().getByRole('button', { name: '查找' }).click();
    await card().getByText('没有这个号码的店员账号。', { exact: false }).waitFor();
    await card().getByLabel('店员的手机号（可以只输前几位）').fill('13');
    await card().getByRole('button', { name: '查找' }).click();
    await card().getByText('请输手机号的前 3 到 11 位数字。').waitFor();
    await card().getByLabel('店员的手机号（可以只输前几位）').fill(existing.phone);
    await card().getByRole('button', { name: '查找' }).click();
    await card().getByTestId('found-staff').getByText(existing.phone).waitFor();
    await checkScreen(admin, 'admin-point-find-staff');
    await card().getByTestId('found-staff').getByRole('button', { name: '绑定 服务站店员' }).click();
    await card().getByText(`已绑定：服务站店员 → ${pointName}`).waitFor();
    expect(await boundIds()).toEqual([await userId(staffPhone), existing.id]);
    const adminToken = (await f.admin()).token;
    const seen = (await t.api.get(`/api/pickup-points/${pointId}`, adminToken)).body;
    expect(seen.staff.map((s: { userId: string }) => s.userId)).toEqual([await userId(staffPhone), existing.id]);

    await card().getByRole('button', { name: '解除 张丽' }).click();
    await card().getByText('已解除：张丽').waitFor();
    expect(confirms.pop()).toBe(`把 张丽 从“${pointName}”解除？解除后 TA 看不到这个服务站的包裹了。`);
    expect(await boundIds()).toEqual([existing.id]);
    expect(await card().getByRole('button', { name: '解除 张丽' }).count()).toBe(0);
    // Her phone no longer has a point to work for.
    await staff.reload();
    await staff.getByText('您的账号还没有绑定服务站，请联系合作社管理员。').waitFor();

    // A buyer has booked a pickup here: the admin is told before suspending that it still goes ahead.
    const farmer = await f.producer();
    const product = await f.product(farmer, { titleZh: '小草坝天麻' }, { stock: 5 });
    // The form closed the point on Sundays: a Monday.
    await placeOrder(t, buyer, pointId, nextWeekday('1', firstPickupDay(t)), [{ productId: product.id, quantity: 1 }]);
    await card().getByRole('button', { name: `暂停服务 ${pointName}` }).click();
    await card().getByText('接下来 30 天里已经有 1 单约在这里取货。暂停后这些订单照常送到、照常取货。').waitFor();
    await card().getByRole('button', { name: `确认暂停 ${pointName}` }).click();
    await card().getByText('请写一句原因（至少 2 个字）。').waitFor();
    await checkScreen(admin, 'admin-point-suspend-reason');
    expect((await pointRow()).status).toBe('active');
    await card().getByLabel('暂停原因（记录用，买家看不到）').fill('门店装修，暂停两周');
    await card().getByRole('button', { name: `确认暂停 ${pointName}` }).click();
    await card().getByText(`已暂停：${pointName}`).waitFor();
    expect(confirms.pop()).toBe(`暂停“${pointName}”？暂停后，买家下单时不能再选这里取货。`);
    await card().getByText('已暂停', { exact: true }).waitFor();
    await card().getByText('暂停原因：门店装修，暂停两周').waitFor();
    await checkScreen(admin, 'admin-point-suspended');
    const row = await pointRow();
    expect({ status: row.status, note: row.status_note }).toEqual({ status: 'suspended', note: '门店装修，暂停两周' });
    expect((await t.api.get('/api/pickup-points?county=yiliang')).body.items).toEqual([]);

    // The filters: suspended points in 彝良县 are this one; the other county's point is left out.
    await admin.goto(`${t.baseUrl}/manage/points`);
    await admin.getByTestId('point').filter({ hasText: '昭阳区洒渔镇光明村村级服务站' }).waitFor();
    await admin.getByLabel('县区').selectOption('yiliang');
    await admin.getByRole('link', { name: '已暂停' }).click();
    await admin.waitForURL(`${t.baseUrl}/manage/points?county=yiliang&status=suspended`);
    await card().waitFor();
    await admin.waitForLoadState('networkidle');
    expect(await admin.getByTestId('point').count()).toBe(1);
    await checkScreen(admin, 'admin-points-filtered');

    // In English, and reopened.
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Pickup points' }).waitFor();
    await card().getByRole('button', { name: `Reopen ${pointName}` }).waitFor();
    await checkScreen(admin, 'admin-points-en');
    await card().getByRole('button', { name: `Reopen ${pointName}` }).click();
    await card().getByText(`Reopened: ${pointName}`).waitFor();
    expect((await pointRow()).status).toBe('active');
    expect((await t.api.get('/api/pickup-points?county=yiliang')).body.items.map((x: { name: string }) => x.name)).toEqual([pointName]);
  });

  it('changes a point in its card: only what changed is sent, a booked weekday stays open, an unchanged form sends nothing', async () => {
    // A buyer has booked a Wednesday: Wednesdays may no longer close.
    const buyer = await f.buyer();
    const farmer = await f.producer();
    const product = await f.product(farmer, { titleZh: '彝良天麻粉' }, { stock: 5 });
    const booked = nextWeekday('3', firstPickupDay(t));
    await placeOrder(t, buyer, pointId, booked, [{ productId: product.id, quantity: 1 }]);
    const before = await pointRow();
    const patches: Array<Record<string, unknown>> = [];
    const seePatch = (r: Request) => void (r.method() === 'PATCH' && patches.push(r.postDataJSON()));
    admin.on('request', seePatch);

    await admin.getByRole('button', { name: '中文' }).click();
    await admin.goto(`${t.baseUrl}/manage/points?county=yiliang`);
    await card().getByRole('button', { name: `修改 ${pointName}` }).click();
    const form = admin.getByTestId('edit-point');
    await form.getByRole('heading', { name: `修改“${pointName}”` }).waitFor();
    // The point's own values, not the new-point defaults.
    expect(await form.getByLabel('服务站名称').inputValue()).toBe(pointName);
    expect(await form.getByLabel('县区').inputValue()).toBe('yiliang');
    expect(await form.getByLabel('佣金（%）').inputValue()).toBe('1.5');
    expect(await form.getByLabel('每天最多收多少件包裹').inputValue()).toBe('50');
    expect(await form.getByLabel('联系电话').inputValue()).toBe(before.contact_phone);
    expect(await form.getByRole('checkbox', { name: '周日' }).isChecked()).toBe(false);
    expect(await form.getByLabel('周六关门').inputValue()).toBe('17:00');
    expect(await form.getByLabel('有冷库').isChecked()).toBe(true);
    await checkScreen(admin, 'admin-point-edit');

    // Wednesday closed along with the rest: refused as a whole, in Chinese, with the day and the count.
    const newPhone = nextPhone();
    await form.getByRole('checkbox', { name: '周三' }).uncheck();
    await form.getByLabel('佣金（%）').fill('2');
    await form.getByLabel('联系电话').fill(newPhone);
    await form.getByLabel('每天最多收多少件包裹').fill('30');
    await form.getByRole('button', { name: '保存修改' }).click();
    await form.getByText(new RegExp(`不能休息：${monthDay(booked)}.* 1 单`)).waitFor();
    await form.getByText('去掉的日子里有买家约了取货，请把它勾回来。').waitFor();
    await checkScreen(admin, 'admin-point-edit-booked');
    expect(patches).toEqual([{ openingHours: expect.not.objectContaining({ 3: expect.anything() }), capacityPerDay: 30, commissionBps: 200, contactPhone: newPhone }]);
    const refused = await pointRow();
    expect({ bps: refused.commission_bps, phone: refused.contact_phone, capacity: refused.capacity_per_day, hours: refused.opening_hours, at: refused.updated_at })
      .toEqual({ bps: 150, phone: before.contact_phone, capacity: 50, hours: before.opening_hours, at: before.updated_at });

    // Wednesday kept: the rest is saved, and only the fields that changed are sent.
    await form.getByRole('checkbox', { name: '周三' }).check();
    await form.getByRole('button', { name: '保存修改' }).click();
    await card().getByText(`已保存“${pointName}”的修改。`).waitFor();
    expect(patches[1]).toEqual({ capacityPerDay: 30, commissionBps: 200, contactPhone: newPhone });
    await card().getByText('每天 30 件 · 佣金 2.00%').waitFor();
    await card().getByText(`联系人 陈国华 ${newPhone}`).waitFor();
    // Back at the card, where the admin started.
    await admin.waitForFunction(`document.activeElement?.getAttribute('aria-label') === ${JSON.stringify(`修改 ${pointName}`)}`, undefined, { timeout: 5000 });
    await checkScreen(admin, 'admin-point-edited');
    const saved = await pointRow();
    expect({ bps: saved.commission_bps, phone: saved.contact_phone, capacity: saved.capacity_per_day, hours: saved.opening_hours, status: saved.status })
      .toEqual({ bps: 200, phone: newPhone, capacity: 30, hours: before.opening_hours, status: 'active' });
    // The booked Wednesday keeps its order under the lower capacity.
    const [counter] = await t.db.query(`SELECT capacity, held FROM pickup.day_counters WHERE point_id = $1 AND day = $2::date`, [pointId, booked]);
    expect(counter).toEqual({ capacity: 30, held: 1 });

    // Opened again and saved as it is: nothing is sent.
    await card().getByRole('button', { name: `修改 ${pointName}` }).click();
    expect(await form.getByLabel('佣金（%）').inputValue()).toBe('2');
    // "2.00" is still 2%.
    await form.getByLabel('佣金（%）').fill('2.00');
    await form.getByRole('button', { name: '保存修改' }).click();
    await form.getByText('没有改动，不用保存。').waitFor();
    await checkScreen(admin, 'admin-point-edit-nothing');
    expect(patches).toHaveLength(2);
    expect((await pointRow()).updated_at).toEqual(saved.updated_at);

    // In English too; cancelling leaves the card as it was.
    await admin.getByRole('button', { name: 'English' }).click();
    await form.getByRole('heading', { name: `Edit "${pointName}"` }).waitFor();
    await checkScreen(admin, 'admin-point-edit-en');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await card().getByText('30 parcels a day · commission 2.00%').waitFor();
    admin.off('request', seePatch);
    await admin.getByRole('button', { name: '中文' }).click();
  });
});
