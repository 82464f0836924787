import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORD, startTestApp, TestApp } from '@app/testing';
import { Journey } from '../flow/journey';
import { CHROMIUM, logIn, requireBuiltApp } from './browser';

/**
 * The staff's camera scanner. Headless chromium has no camera and no BarcodeDetector (it ships on Android,
 * ChromeOS and macOS only), so the phone is given chromium's fake camera (a moving test pattern) and a
 * stand-in BarcodeDetector that "sees" whatever code the test puts in front of it. Everything else is the
 * app's own: asking for the camera, playing it into the page, looking at frames until a parcel code
 * appears, receiving that parcel, and letting go of the camera.
 */
const FAKE_DETECTOR = `
  window.__seen = null;
  window.__formats = null;
  window.BarcodeDetector = class {
    constructor(opts) { window.__formats = opts.formats; }
    async detect(video) {
      if (!(video instanceof HTMLVideoElement) || video.readyState < 2) throw new Error('no frame yet');
      return window.__seen ? [{ rawValue: window.__seen }] : [{ rawValue: 'https://example.com/not-a-parcel' }];
    }
  };`;

describe('web: staff receive a parcel with the phone camera', () => {
  let t: TestApp;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let parcelCode: string;
  let staffPhone: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireBuiltApp();
    t = await startTestApp();
    const j = new Journey(t, null);
    const { farmer, admin, point, buyer } = await j.people('yiliang', { township: '小草坝镇', name: '小草坝天麻合作社' });
    staffPhone = point.staff.phone;
    const product = await j.f.product(farmer, { titleZh: '小草坝天麻', unit: 'jin', priceFen: 12800 }, { stock: 20 });
    const orderId = await j.order(buyer, point.id, [{ productId: product.id, quantity: 1 }], 'pay_at_pickup');
    const task = await j.task(farmer, orderId);
    parcelCode = (await j.pack(farmer, task.id, [{ productId: product.id, packedGrams: 500 }])).parcel.code;
    await j.collectAndDeliver(admin, point.id);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera'] });
    await ctx.addInitScript(FAKE_DETECTOR);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await t?.close();
  });

  /** Live camera tracks the page still holds: a scanner that forgot to stop keeps the camera light on. */
  const liveTracks = () => page.evaluate(`window.__tracks.filter((tr) => tr.readyState === 'live').length`);

  it('looks until a parcel code is in view, receives it, and turns the camera off', async () => {
    // Every stream the app opens is kept, to check afterwards that its tracks were stopped.
    await ctx.addInitScript(`
      window.__tracks = [];
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => { const s = await open(c); window.__tracks.push(...s.getTracks()); return s; };`);
    await logIn(page, t.baseUrl, staffPhone, PASSWORD, '/staff');

    await page.getByRole('button', { name: '用相机扫码' }).click();
    const video = page.locator('video');
    await video.waitFor();
    // The fake camera plays; frames without a parcel code (a web address) are looked past.
    await page.waitForFunction(`document.querySelector('video')?.readyState >= 2`);
    expect(await page.evaluate('window.__formats')).toEqual(['qr_code', 'code_128']);
    expect(await liveTracks()).toBe(1);
    await page.waitForTimeout(600);
    expect((await t.db.query(`SELECT status FROM pickup.parcels WHERE code = $1`, [parcelCode]))[0].status).toBe('expected');

    // Lower case, as a label printed small may read: the app takes it in capitals.
    await page.evaluate(`window.__seen = ${JSON.stringify(parcelCode.toLowerCase())}`);
    await page.getByText(`已收到 ${parcelCode}`).waitFor();
    await video.waitFor({ state: 'detached' });
    expect(await liveTracks()).toBe(0);
    expect((await t.db.query(`SELECT status FROM pickup.parcels WHERE code = $1`, [parcelCode]))[0].status).toBe('received');
  });

  it('falls back to typing when the camera cannot be opened', async () => {
    await page.evaluate(`navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'))`);
    await page.getByRole('button', { name: '用相机扫码' }).click();
    await page.getByText('打不开相机，请用扫码枪或手动输入。').waitFor();
    await page.getByLabel('扫描或输入包裹码').waitFor();
    expect(await page.locator('video').count()).toBe(0);
  });
});
