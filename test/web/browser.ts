import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = resolve(__dirname, '../../dist/web');
/** Kept out of git (.gitignore: test-output/). */
export const SCREENSHOTS = resolve(__dirname, '../../test-output/web/screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The suites test the built app as the platform serves it; a missing build is a setup error, not a pass. */
export function requireBuiltApp(): void {
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR}/index.html is missing: run "npm run build:web" (or "npm run build") first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A cheap Android phone: 360×740 CSS px, touch, Chinese locale, China time. */
export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the page as it is now (an empty list is a pass). */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)')) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Controls a thumb must hit that are smaller than 44 px, and whether the page scrolls sideways at 360 px. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const problems = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + 'px');
    for (const el of document.querySelectorAll('button, .btn, select, input:not([type=checkbox]):not([type=radio]):not(.visually-hidden), .tabs a, .chips a, label.choice')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < 44 || r.width < 44) problems.push((el.id || el.className || el.tagName) + ' is ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
    return problems;
  })()`)) as string[];
}

/** One check per main screen: accessibility, thumb-size targets, and a screenshot to look at. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await shot(page, name);
  expect({ screen: name, a11y: await seriousA11yProblems(page) }).toEqual({ screen: name, a11y: [] });
  expect({ screen: name, layout: await layoutProblems(page) }).toEqual({ screen: name, layout: [] });
}

/** Logs in through the login screen and waits for the role's home page (`home`, e.g. '/staff'). */
export async function logIn(page: Page, baseUrl: string, phoneNo: string, password: string, home: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('手机号').fill(phoneNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${baseUrl}${home}`);
}
