import sharp from 'sharp';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Factory, nextPhone, PASSWORD, startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { sendWebhook, stripeEnv } from '../ordering/helpers';
import { PickupFactory } from '../pickup/helpers';
import { checkScreen, launch, logIn as logInAt, phone, requireBuiltApp } from './browser';
import { FAKE_STRIPE_JS } from './fake-stripe';

/**
 * The whole journey in the browser at 360 px, each person on their own phone and only through the UI:
 * an admin opens a pickup point and approves a farmer, who lists apples with a photo; a buyer orders them
 * for pickup; the farmer weighs and packs them; the admin runs the day's collection; staff receive the
 * parcel and hand it over against the code the buyer sees in the app. Then again paid online through the
 * Stripe stand-in, with the code locked by wrong tries and renewed by the buyer. Admins and staff are
 * accounts an admin makes (no one signs up as one), so only those are made through the API.
 */
describe('web: the whole journey, every role in the browser', () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let browser: Browser;
  let f: Factory;
  let pointId: string;
  let staffPhone: string;
  let adminPhone: string;
  let admin: Page;
  let farmer: Page;
  let staff: Page;
  let productId: string;
  const title = `昭通苹果 丑苹果 ${Date.now() % 100000}`;
  const pointName = '鲁甸县龙头山镇八宝村服务站';
  const contexts: BrowserContext[] = [];
  /** Uncaught errors in any of the phones: a screen that throws is a failure even if the test got through. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireBuiltApp();
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe, { STRIPE_PUBLISHABLE_KEY: 'pk_test_standin' }));
    f = new Factory(t);
    const p = new PickupFactory(t, f);
    // Recorded by an admin and still only proposed: the admin opens it in the app below.
    const point = await p.point({ name: pointName, county: 'ludian', township: '龙头山镇', lat: 27.15, lng: 103.4 }, { activate: false });
    pointId = point.id;
    const staffAccount = await p.staff(pointId);
    staffPhone = staffAccount.phone;
    adminPhone = (await f.admin()).phone;
    browser = await launch();
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await stripe?.close();
  });

  async function newPhone(): Promise<Page> {
    const ctx = await phone(browser);
    contexts.push(ctx);
    await ctx.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }));
    const page = await ctx.newPage();
    // Confirmations (cancel, check-in, new code) are accepted as a person would tap OK.
    page.on('dialog', (d) => void d.accept());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  const logIn = (page: Page, phoneNo: string, home: string) => logInAt(page, t.baseUrl, phoneNo, PASSWORD, home);

  /** What another person or a queue does arrives in the background: look again until it shows. */
  async function reloadUntil(page: Page, target: Locator, ms = 30_000) {
    const until = Date.now() + ms;
    for (;;) {
      if (await target.first().isVisible().catch(() => false)) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${target}`);
      await page.waitForTimeout(400);
      await page.reload();
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
    }
  }

  async function signUpBuyer(): Promise<Page> {
    const page = await newPhone();
    await page.goto(`${t.baseUrl}/register`);
    await page.getByLabel('手机号').fill(nextPhone());
    await page.getByLabel('密码').fill('buyer-2026');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(`${t.baseUrl}/`);
    return page;
  }

  /** The buyer finds the apples, puts `jin` 斤 in the cart and checks out at the point. */
  async function order(page: Page, jin: number, pay: 'pickup' | 'online'): Promise<string> {
    await page.getByRole('searchbox').fill('丑苹果');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByRole('link', { name: new RegExp(title) }).first().click();
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByLabel('数量（斤）').fill(String(jin));
    await page.getByLabel('数量（斤）').press('Tab');
    await page.getByRole('button', { name: '加入购物车' }).click();
    await page.getByText('已加入购物车').waitFor();
    await page.goto(`${t.baseUrl}/checkout`);
    await page.getByLabel('所在县区').selectOption('ludian');
    await page.getByRole('radio', { name: new RegExp(pointName) }).check();
    await page.getByTestId('days').getByRole('radio').and(page.locator(':not([disabled])')).first().check();
    await page.getByRole('radio', { name: pay === 'pickup' ? '到店付款（现金或扫码）' : /在线支付/ }).check();
    await page.getByRole('button', { name: /提交订单/ }).click();
    if (pay === 'online') {
      await page.getByText('测试用支付表单（payment）').waitFor();
      await page.getByRole('button', { name: /确认支付/ }).click();
      await page.getByText('支付已提交，正在等待确认…').waitFor();
      // Stripe's part: the signed webhook, as Stripe would send it.
      const [row] = await t.db.query(
        `SELECT p.provider_ref FROM ordering.orders o JOIN ordering.payments p ON p.order_id = o.id WHERE o.buyer_id = (SELECT id FROM identity.users WHERE phone = $1) ORDER BY o.created_at DESC LIMIT 1`,
        [await buyerPhone(page)],
      );
      expect((await sendWebhook(t, stripe.signedEvent('payment_intent.succeeded', stripe.succeeded(row.provider_ref)))).status).toBe(200);
      await page.getByTestId('order-status').getByText('已付款，待备货').waitFor({ timeout: 15_000 });
    } else {
      await page.getByTestId('order-status').getByText('已确认，到店付款').waitFor();
    }
    return /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
  }

  const buyerPhone = async (page: Page) => (JSON.parse((await page.evaluate(`localStorage.getItem('zt.session')`)) as string) as { user: { phone: string } }).user.phone;
  const orderDay = async (orderId: string) => (await t.db.query(`SELECT pickup_day::text AS day FROM ordering.orders WHERE id = $1`, [orderId]))[0].day as string;

  /** The farmer opens the pack list for the order's day and packs its task with the weight on the scale. */
  async function pack(orderId: string, weighedJin: string) {
    await farmer.goto(`${t.baseUrl}/farm/packing?day=${await orderDay(orderId)}`);
    const task = farmer.getByTestId('pack-task').filter({ hasText: orderId.slice(0, 8) });
    await reloadUntil(farmer, task);
    await task.getByRole('link', { name: '去打包' }).click();
    await farmer.getByRole('heading', { name: /打包/ }).waitFor();
    await farmer.getByLabel(/称重/).fill(weighedJin);
    await farmer.getByRole('button', { name: '打包完成' }).click();
    await farmer.getByText('已打包，请把标签贴在包裹上。').waitFor();
    return (await farmer.getByTestId('parcel-code').textContent())!.trim();
  }

  /** The admin plans the order's day and drives its run: collect, hub, out for delivery. */
  async function runCollection(orderId: string) {
    await admin.goto(`${t.baseUrl}/manage/runs?day=${await orderDay(orderId)}`);
    await admin.getByRole('button', { name: '安排这一天的车次' }).click();
    await admin.getByText(/已安排：新加入 1 个包裹/).waitFor();
    const run = admin.getByTestId('run').filter({ has: admin.getByText('已安排', { exact: true }) });
    await run.getByText(`第 1 站 · ${pointName} · 1 件`).waitFor();
    await run.getByRole('button', { name: '开始收货' }).click();
    const moving = admin.getByTestId('run').filter({ has: admin.getByRole('button', { name: '已到中转站' }) });
    await moving.getByRole('button', { name: '已到中转站' }).click();
    await admin.getByTestId('run').getByRole('button', { name: '出发送货' }).click();
    await admin.getByText(/鲁甸县：送货中/).waitFor();
  }

  it('an admin opens the pickup point and approves the farmer, who lists apples with a photo', async () => {
    admin = await newPhone();
    await logIn(admin, adminPhone, '/manage');
    await admin.getByTestId('proposed-points').getByText(pointName, { exact: true }).waitFor();
    await checkScreen(admin, 'admin-approvals');
    await admin.getByRole('button', { name: `开通 ${pointName}` }).click();
    await admin.getByText(`已开通：${pointName}`).waitFor();
    expect((await t.db.query(`SELECT status FROM pickup.points WHERE id = $1`, [pointId]))[0].status).toBe('active');

    farmer = await newPhone();
    const farmerPhone = nextPhone();
    await farmer.goto(`${t.baseUrl}/register?role=farmer`);
    await farmer.getByLabel('手机号').fill(farmerPhone);
    await farmer.getByLabel('密码').fill(PASSWORD);
    await farmer.getByLabel('怎么称呼您').fill('李德明');
    await farmer.getByRole('button', { name: '注册' }).click();
    await farmer.getByRole('heading', { name: '申请成为生产者' }).waitFor();
    await farmer.getByLabel('农场或合作社名称').fill('八宝村丑苹果园');
    await farmer.getByLabel('县区').selectOption('ludian');
    await farmer.getByLabel('乡镇').fill('龙头山镇');
    await farmer.getByRole('button', { name: '提交申请' }).click();
    await farmer.getByText('正在审核，通过后就能上架。').waitFor();

    // A "no" needs a reason the farmer can act on; then the admin approves instead.
    await admin.reload();
    const applicant = admin.getByTestId('pending-producers').getByRole('listitem').filter({ hasText: '八宝村丑苹果园' });
    await applicant.getByRole('button', { name: '不通过 八宝村丑苹果园' }).click();
    await applicant.getByRole('button', { name: '不通过 八宝村丑苹果园' }).click();
    await applicant.getByText('请写一句原因，农户才知道怎么改。').waitFor();
    await applicant.getByRole('button', { name: '通过 八宝村丑苹果园', exact: true }).click();
    await admin.getByText('已通过：八宝村丑苹果园').waitFor();

    await farmer.reload();
    await farmer.getByText('已通过审核').waitFor();
    await farmer.locator('main').getByRole('link', { name: '上架新商品' }).click();
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 40, b: 50 } } }).jpeg().toBuffer();
    await farmer.locator('#photo').setInputFiles({ name: 'apples.jpg', mimeType: 'image/jpeg', buffer: photo });
    await farmer.getByTestId('photo-preview').waitFor();
    await farmer.getByLabel('商品名称').fill(title);
    await farmer.getByLabel('单价（元）').fill('6.80');
    await farmer.getByLabel('库存数量').fill('500');
    await farmer.getByRole('button', { name: '上架' }).click();
    await farmer.getByText('上架成功！').waitFor({ timeout: 20_000 });
    const [row] = await t.db.query(`SELECT id, status, photos FROM catalog.products WHERE title_zh = $1`, [title]);
    expect(row.status).toBe('active');
    expect(row.photos).toHaveLength(1);
    productId = row.id;
  });

  it('pay at pickup: ordered, weighed and packed, collected, received, handed over with the code the buyer sees', async () => {
    const buyer = await signUpBuyer();
    const orderId = await order(buyer, 10, 'pickup');

    // The farmer's pack list: a scale reading outside ±5% is refused next to the field, 9.8 斤 is packed.
    await farmer.goto(`${t.baseUrl}/farm/packing?day=${await orderDay(orderId)}`);
    await reloadUntil(farmer, farmer.getByTestId('pack-task'));
    await farmer.getByText(`送到 ${pointName}`).first().waitFor();
    await farmer.getByText(`${title} 10斤`).first().waitFor();
    await checkScreen(farmer, 'farm-packing');
    await farmer.getByTestId('pack-task').getByRole('link', { name: '去打包' }).click();
    await farmer.getByText('允许 9.5–10.5 斤（4750–5250 克）').waitFor();
    await farmer.getByLabel(/称重/).fill('11');
    await farmer.getByRole('button', { name: '打包完成' }).click();
    await farmer.getByText('重量超出允许范围（9.5–10.5 斤），请重新称，或标记缺货。').waitFor();
    await farmer.getByLabel(/称重/).fill('9.8');
    await farmer.getByText('按实重收 ¥66.64').waitFor();
    await checkScreen(farmer, 'farm-pack-task');
    await farmer.getByRole('button', { name: '打包完成' }).click();
    await farmer.getByText('已打包，请把标签贴在包裹上。').waitFor();
    const parcelCode = (await farmer.getByTestId('parcel-code').textContent())!.trim();
    expect(parcelCode).toMatch(/^ZT[0-9A-Z]{10}$/);
    await farmer.getByRole('link', { name: '查看和打印标签' }).click();
    const label = farmer.getByTestId('label');
    await label.waitFor();
    await farmer.waitForFunction(`document.querySelector('[data-testid=label]').naturalWidth > 0`);
    expect(await label.getAttribute('alt')).toBe(`包裹 ${parcelCode} 的标签`);
    await checkScreen(farmer, 'farm-label');

    // The buyer's order shows the tracking in words.
    await buyer.goto(`${t.baseUrl}/orders/${orderId}`);
    await reloadUntil(buyer, buyer.getByTestId('tracking').getByText('农户已打包'));

    // The admin's day: plan, collect, hub, deliver.
    await runCollection(orderId);
    await checkScreen(admin, 'admin-runs');

    // Staff see it coming and scan it in (a scanner types the code and presses Enter).
    staff = await newPhone();
    await logIn(staff, staffPhone, '/staff');
    await reloadUntil(staff, staff.getByTestId('expected-parcel').filter({ hasText: parcelCode }));
    await checkScreen(staff, 'staff-receive');
    await staff.getByLabel('扫描或输入包裹码').fill('ZT123');
    await staff.getByLabel('扫描或输入包裹码').press('Enter');
    await staff.getByText('包裹码是 ZT 开头再加 10 位字母或数字，请核对。').waitFor();
    await staff.getByLabel('扫描或输入包裹码').fill(parcelCode.toLowerCase());
    await staff.getByLabel('扫描或输入包裹码').press('Enter');
    await staff.getByText(`已收到 ${parcelCode}。这个订单的货已到齐，买家已收到取货码`).waitFor();

    // The buyer: an unread message on the tab bar, and the code with its QR on the order page.
    await buyer.goto(`${t.baseUrl}/orders`);
    await reloadUntil(buyer, buyer.getByTestId('unread-badge'));
    expect(await buyer.getByRole('link', { name: /消息/ }).textContent()).toBe('消息11 条未读');
    await buyer.goto(`${t.baseUrl}/orders/${orderId}`);
    await reloadUntil(buyer, buyer.getByTestId('pickup-code'));
    await buyer.getByTestId('pickup-qr').waitFor();
    const code = (await buyer.getByTestId('pickup-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await buyer.getByTestId('order-status').getByText('可以取货了').waitFor();
    await buyer.getByTestId('tracking').getByText('服务站已收货').waitFor();
    await checkScreen(buyer, 'buyer-order-ready');
    await buyer.getByRole('link', { name: '消息' }).click();
    await buyer.getByRole('heading', { name: '消息' }).waitFor();
    await buyer.getByTestId('notifications').getByText('您的货已到服务站').waitFor();
    await checkScreen(buyer, 'buyer-notifications');

    // Handover: the parcel code finds the order, the amount to collect, the settlement, then the code.
    await staff.getByRole('link', { name: '交货' }).click();
    await staff.getByLabel('扫描或输入包裹码').fill(parcelCode);
    await staff.getByLabel('扫描或输入包裹码').press('Enter');
    await staff.getByTestId('amount-due').getByText('到店付款，应收 ¥66.64').waitFor();
    await staff.getByLabel('买家的 6 位取货码').fill('12345');
    await staff.getByRole('button', { name: '确认交货' }).click();
    await staff.getByText('取货码是 6 位数字。').waitFor();
    await staff.getByText('请选择买家的付款方式。').waitFor();
    await staff.getByRole('radio', { name: '现金' }).check();
    const wrong = code === '000000' ? '000001' : '000000';
    await staff.getByLabel('买家的 6 位取货码').fill(wrong);
    await staff.getByRole('button', { name: '确认交货' }).click();
    await staff.getByText('取货码不对，还能再试 4 次。').waitFor();
    await checkScreen(staff, 'staff-handover');
    await staff.getByLabel('买家的 6 位取货码').fill(code);
    await staff.getByRole('button', { name: '确认交货' }).click();
    await staff.getByTestId('handover-done').waitFor();
    await staff.getByText('¥66.64（现金）').waitFor();

    await buyer.goto(`${t.baseUrl}/orders/${orderId}`);
    await reloadUntil(buyer, buyer.getByTestId('order-status').getByText('已取货'));
    expect(await buyer.getByTestId('pickup-code').count()).toBe(0);
    await checkScreen(buyer, 'buyer-order-picked-up');

    await staff.getByRole('link', { name: '对账' }).click();
    await staff.getByTestId('statement').getByText('交货 1 单 · 1 个包裹').waitFor();
    await checkScreen(staff, 'staff-statement');
    const [row] = await t.db.query(`SELECT status, settlement, paid_at_pickup_fen FROM pickup.collections WHERE order_id = $1`, [orderId]);
    expect(row).toEqual({ status: 'handed_over', settlement: 'cash', paid_at_pickup_fen: 6664 });
  });

  it('paid online: the whole delivery checked in at once, the code locked by wrong tries and renewed by the buyer', async () => {
    const buyer = await signUpBuyer();
    const orderId = await order(buyer, 5, 'online');
    const parcelCode = await pack(orderId, '4.8');
    await runCollection(orderId);

    await staff.goto(`${t.baseUrl}/staff`);
    const shipment = staff.getByTestId('shipment').filter({ hasText: parcelCode });
    await reloadUntil(staff, shipment);
    await shipment.getByRole('button', { name: '整车签收' }).click();
    await staff.getByText('签收了 1 个包裹').waitFor();

    await buyer.goto(`${t.baseUrl}/orders/${orderId}`);
    await reloadUntil(buyer, buyer.getByTestId('pickup-code'));
    const first = (await buyer.getByTestId('pickup-code').textContent())!.trim();

    // Five wrong codes lock the order at the counter; staff are told the buyer needs a new code.
    await staff.goto(`${t.baseUrl}/staff/handover`);
    await staff.getByLabel('扫描或输入包裹码').fill(parcelCode);
    await staff.getByLabel('扫描或输入包裹码').press('Enter');
    await staff.getByTestId('amount-due').getByText('已在线付款，不用收钱').waitFor();
    const wrong = first === '000000' ? '000001' : '000000';
    for (let left = 4; left >= 1; left--) {
      await staff.getByLabel('买家的 6 位取货码').fill(wrong);
      await staff.getByRole('button', { name: '确认交货' }).click();
      await staff.getByText(`取货码不对，还能再试 ${left} 次。`).waitFor();
    }
    await staff.getByLabel('买家的 6 位取货码').fill(wrong);
    await staff.getByRole('button', { name: '确认交货' }).click();
    await staff.getByText(/已锁定。请买家在手机上点“换一个取货码”/).waitFor();
    await checkScreen(staff, 'staff-handover-locked');
    await staff.goto(`${t.baseUrl}/staff/waiting?status=locked`);
    await staff.getByTestId('collections').getByText('已锁定', { exact: true }).waitFor();
    await checkScreen(staff, 'staff-waiting-locked');

    // The buyer was told, and the order page says the code is locked.
    await reloadUntil(buyer, buyer.getByText('取货码输错太多次，已锁定。'));
    await checkScreen(buyer, 'buyer-order-code-locked');
    await buyer.getByRole('button', { name: '换一个取货码' }).click();
    await buyer.getByText('新的取货码已发给您。').waitFor();
    await buyer.waitForFunction(`document.querySelector('[data-testid=pickup-code]')?.textContent?.trim() !== ${JSON.stringify(first)}`);
    // The new code is on screen, so the messages were read again: the lock is over.
    expect(await buyer.getByText('取货码输错太多次，已锁定。').count()).toBe(0);
    const renewed = (await buyer.getByTestId('pickup-code').textContent())!.trim();
    expect(renewed).toMatch(/^\d{6}$/);
    await checkScreen(buyer, 'buyer-order-new-code');

    await staff.goto(`${t.baseUrl}/staff/waiting`);
    await staff.getByTestId('collections').getByRole('link', { name: new RegExp(parcelCode) }).click();
    await staff.getByTestId('amount-due').waitFor();
    await staff.getByLabel('买家的 6 位取货码').fill(renewed);
    await staff.getByRole('button', { name: '确认交货' }).click();
    await staff.getByTestId('handover-done').waitFor();

    await buyer.reload();
    await reloadUntil(buyer, buyer.getByTestId('order-status').getByText(/已取货|部分退款/));

    // 4.8 of 5 斤 packed: the difference went back online, and the admin sees it among the refunds.
    await admin.goto(`${t.baseUrl}/manage/refunds`);
    await reloadUntil(admin, admin.getByTestId('refunds').getByText('¥1.36'));
    await admin.getByTestId('refunds').getByRole('link', { name: `订单 ${orderId.slice(0, 8)}` }).click();
    await admin.getByTestId('admin-order').getByText('可退 ¥32.64').waitFor();
    await admin.getByLabel('退款金额（元）').fill('40');
    await admin.getByLabel('原因').fill('苹果有碰伤');
    await admin.getByRole('button', { name: '退款', exact: true }).click();
    await admin.getByText('请填金额，比如 6.80，不能超过可退的钱。').waitFor();
    await admin.getByLabel('退款金额（元）').fill('2.00');
    await admin.getByRole('button', { name: '退款', exact: true }).click();
    await admin.getByText('已提交退款 ¥2.00').waitFor();
    await checkScreen(admin, 'admin-refunds');
    expect((await t.db.query(`SELECT amount_fen FROM ordering.refunds WHERE order_id = $1 ORDER BY created_at`, [orderId])).map((r: { amount_fen: number }) => r.amount_fen)).toEqual([136, 200]);
    // The buyer reads why, in Chinese, and whether the money is back; never which admin did it.
    await reloadUntil(buyer, buyer.getByTestId('order-refunds').getByText('客服退款：苹果有碰伤'));
    const refundsShown = buyer.getByTestId('order-refunds');
    await refundsShown.getByText('实际重量比订的少或缺货，退差价').waitFor();
    await reloadUntil(buyer, refundsShown.getByText('已退回', { exact: true }).nth(1));
    expect(await refundsShown.textContent()).not.toMatch(/admin|[0-9a-f]{8}-[0-9a-f]{4}/);
    await checkScreen(buyer, 'buyer-order-refunds');

    await admin.goto(`${t.baseUrl}/manage/queues`);
    await admin.getByTestId('queues').getByText('ordering').first().waitFor();
    await checkScreen(admin, 'admin-queues');
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Queues' }).waitFor();
    await admin.getByRole('link', { name: 'Runs' }).click();
    await admin.getByRole('heading', { name: 'Daily collection' }).waitFor();
    await checkScreen(admin, 'admin-runs-en');

    await farmer.goto(`${t.baseUrl}/farm/packing`);
    await farmer.getByRole('link', { name: '我的收入' }).click();
    await farmer.getByTestId('earnings-total').getByText('¥99.28').waitFor();
    await checkScreen(farmer, 'farm-earnings');
    expect(productId).toBeTruthy();
  });

  it('an admin finds an account by its first digits and disables it: the buyer is logged out at once; enabled, they log in again', async () => {
    const buyer = await signUpBuyer();
    const phoneNo = await buyerPhone(buyer);
    await admin.goto(`${t.baseUrl}/manage`);
    // The admin switched to English in the journey before; back to Chinese.
    if (await admin.getByRole('button', { name: '中文' }).isVisible()) await admin.getByRole('button', { name: '中文' }).click();
    await admin.getByRole('link', { name: '账号管理（停用、启用）' }).click();
    await admin.getByLabel(/手机号/).fill(phoneNo.slice(0, 2));
    await admin.getByRole('button', { name: '查找' }).click();
    await admin.getByText('手机号至少输前 3 位，最多 11 位；名字不超过 40 个字。').waitFor();
    await admin.getByLabel(/手机号/).fill(phoneNo);
    await admin.getByRole('button', { name: '查找' }).click();
    const accounts = admin.getByTestId('accounts');
    // The screen opened on the newest accounts, this buyer among them: act on its own row.
    const row = accounts.getByRole('listitem').filter({ hasText: `${phoneNo} · 买家` });
    await row.getByRole('button', { name: '停用' }).click();
    await admin.getByText(`已停用：${phoneNo}`).waitFor();
    await row.getByText('已停用', { exact: true }).waitFor();
    await checkScreen(admin, 'admin-accounts');

    // The buyer's open session ends with their next request, and logging in is refused.
    await buyer.goto(`${t.baseUrl}/orders`);
    await buyer.waitForURL(/\/login/);
    await buyer.getByLabel('手机号').fill(phoneNo);
    await buyer.getByLabel('密码').fill('buyer-2026');
    await buyer.getByRole('button', { name: '登录' }).click();
    await buyer.getByRole('alert').first().waitFor();
    expect(buyer.url()).toMatch(/\/login/);

    await row.getByRole('button', { name: '启用' }).click();
    await admin.getByText(`已启用：${phoneNo}`).waitFor();
    await buyer.getByRole('button', { name: '登录' }).click();
    // Back where the session ended.
    await buyer.waitForURL(`${t.baseUrl}/orders`);
    await buyer.getByRole('heading', { name: '我的订单' }).waitFor();

    // By part of a name: the farmer who registered as 李德明.
    await admin.getByLabel(/手机号或名字/).fill('德明');
    await admin.getByRole('button', { name: '查找' }).click();
    await accounts.getByText('李德明').waitFor();
    await accounts.getByText(`${phoneNo} · 买家`).waitFor({ state: 'detached' });
    expect(await accounts.getByRole('listitem').count()).toBe(1);
  });

  it('an admin tries again a refund the provider failed, and the buyer sees the money back', async () => {
    const buyer = await signUpBuyer();
    const orderId = await order(buyer, 1, 'online');
    stripe.refundStatus = 'failed';
    await buyer.getByRole('button', { name: '取消订单' }).click();
    await reloadUntil(buyer, buyer.getByTestId('order-refunds').getByText('退款未成功，客服会联系您'));

    stripe.refundStatus = 'succeeded';
    await admin.goto(`${t.baseUrl}/manage/refunds?status=failed`);
    if (await admin.getByRole('button', { name: '中文' }).isVisible()) await admin.getByRole('button', { name: '中文' }).click();
    const row = admin.getByTestId('refunds').getByRole('listitem').filter({ has: admin.getByRole('link', { name: `订单 ${orderId.slice(0, 8)}` }) });
    await row.getByRole('button', { name: '再退一次' }).click();
    await admin.getByText(/已再次发起退款 ¥\d/).waitFor();
    await row.getByText('已经再退过一次').waitFor();
    await checkScreen(admin, 'admin-refund-retry');

    await reloadUntil(buyer, buyer.getByTestId('order-refunds').getByText('已退回', { exact: true }));
    await buyer.getByTestId('order-status').getByText('已退款').waitFor();
    expect((await t.db.query(`SELECT status FROM ordering.refunds WHERE order_id = $1 ORDER BY created_at`, [orderId])).map((r: { status: string }) => r.status)).toEqual(['failed', 'succeeded']);
  });
});
