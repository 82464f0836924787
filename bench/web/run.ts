import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { hostedServices, loadEnv } from '@app/config';
import { migrateSchemas } from '@app/database';
import { createApp } from '@app/http';
import { hashPassword } from '../../apps/identity/src/auth/passwords';
import { modulesFor } from '../../apps/platform/src/platform';
import { MIGRATION_PLAN } from '../../migrations';
import { generateCatalog } from '../../scripts/seed/catalog';
import { insertProducers, insertProducts, upsertUsers, writeSearchVectors } from '../../scripts/seed/db';
import { createRng } from '../../scripts/seed/rng';
import { deleteRedisKeys } from '../../libs/testing/src/redis-keys';
import { dropDatabase, recreateDatabase } from '../shared/database';
import { storeSettings } from '../shared/settings';

/**
 * The buyer's first screen on a rural phone: the built app served by the all-in-one server, loaded by
 * Chromium with slow 4G (BENCH_KBPS down/up, BENCH_RTT_MS round trip) and a 4× slower CPU, cold each
 * time (new browser context, empty cache, no service worker yet). Prints the JS it downloaded (as sent
 * and unpacked), first contentful paint, and when the product list became visible.
 *
 *   npm run bench:web            BENCH_RUNS (5), BENCH_KBPS (400), BENCH_RTT_MS (400), BENCH_CPU (4)
 */
const cfg = {
  runs: Number(process.env.BENCH_RUNS ?? 5),
  kbps: Number(process.env.BENCH_KBPS ?? 400),
  rttMs: Number(process.env.BENCH_RTT_MS ?? 400),
  cpu: Number(process.env.BENCH_CPU ?? 4),
  products: Number(process.env.BENCH_PRODUCTS ?? 300),
  ...storeSettings('zt_bench_web'),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
const log = (msg: string) => process.stdout.write(`${msg}\n`);

/** Listed products from the seed generator (their photo files do not exist: images are lazy and not measured). */
async function seed(url: string): Promise<void> {
  const catalog = generateCatalog(cfg.products, createRng(2026), { listedOnly: true, firstPhone: 13_900_000_000 });
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    const users = await upsertUsers(db, catalog.producers.map((p) => ({ phone: p.phone, password_hash: hash, role: 'farmer' as const, display_name: p.displayName, created_at: p.createdAt })));
    const { ids } = await insertProducers(db, catalog.producers, users);
    const inserted = await insertProducts(db, catalog.products, ids, { url: (key) => `/media/${key}` });
    await writeSearchVectors(db, inserted);
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}

interface Run {
  jsRaw: number;
  jsSent: number;
  fcpMs: number;
  listMs: number;
  requests: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  // Compiled to dist/bench/web/run.js, beside dist/web.
  if (!existsSync(resolve(__dirname, '../../web/index.html'))) {
    throw new Error('dist/web is missing: run "npm run build" first (npm run bench:web does)');
  }
  log(`web bench: ${cfg.runs} cold loads of the buyer home at ${cfg.kbps} kbps, ${cfg.rttMs} ms RTT, CPU ÷${cfg.cpu}`);
  const url = await recreateDatabase(cfg);
  const uploads = mkdtempSync(join(tmpdir(), 'zt-bench-web-'));
  const prefix = `{bw${randomBytes(4).toString('hex')}}`;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const browser = await chromium.launch({ executablePath: cfg.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await migrateSchemas(url, MIGRATION_PLAN);
    await seed(url);
    const env = loadEnv({ NODE_ENV: 'production', PORT: '0', DATABASE_URL: url, REDIS_URL: cfg.redisUrl, QUEUE_PREFIX: prefix, JWT_SECRET: randomBytes(24).toString('hex'), UPLOAD_DIR: uploads, LOG_LEVEL: 'warn' });
    app = await createApp(env, modulesFor(hostedServices(env)));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}`;

    const runs: Run[] = [];
    for (let i = 0; i < cfg.runs; i++) {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await ctx.newPage();
      // A page that never shows its list says why here, rather than only timing out.
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && log(`  [page] ${m.text()}`));
      page.on('response', (r) => r.status() >= 400 && !r.url().includes('/media/') && log(`  [page] ${r.status()} ${r.url()}`));
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const bytesPerSec = (cfg.kbps * 1000) / 8;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: cfg.rttMs, downloadThroughput: bytesPerSec, uploadThroughput: bytesPerSec });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cfg.cpu });
      const scripts = new Map<string, { sent: number; raw: number }>();
      let requests = 0;
      cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
        requests++;
        if (e.type === 'Script') scripts.set(e.requestId, { sent: 0, raw: 0 });
      });
      cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
        const s = scripts.get(e.requestId);
        if (s) s.raw += e.dataLength;
      });
      cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
        const s = scripts.get(e.requestId);
        if (s) s.sent = e.encodedDataLength;
      });
      // When the first product card is in the page, by the page's own clock (navigation start = 0).
      await page.addInitScript(`new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid=product-list] li')) { window.__listAt = performance.now(); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`);
      await page.goto(`${base}/`, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForSelector('[data-testid=product-list] li', { timeout: 120_000 }).catch(async (err) => {
        const shot = resolve(__dirname, '../../../test-output/web/bench-failure.png');
        await page.screenshot({ path: shot, fullPage: true });
        throw new Error(`the product list did not show (screenshot: ${shot}): ${(err as Error).message}`);
      });
      await page.waitForLoadState('networkidle');
      const fcp = (await page.evaluate(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`)) as number;
      const listAt = (await page.evaluate('window.__listAt')) as number;
      const all = [...scripts.values()];
      runs.push({ jsRaw: all.reduce((s, x) => s + x.raw, 0), jsSent: all.reduce((s, x) => s + x.sent, 0), fcpMs: fcp, listMs: listAt, requests });
      log(`  run ${i + 1}: JS ${kb(runs[i].jsSent)} sent / ${kb(runs[i].jsRaw)} unpacked, FCP ${Math.round(fcp)} ms, product list ${Math.round(listAt)} ms, ${requests} responses`);
      await ctx.close();
    }
    log('');
    log(`median of ${runs.length}: JS sent ${kb(median(runs.map((r) => r.jsSent)))} (unpacked ${kb(median(runs.map((r) => r.jsRaw)))}), ` +
      `first contentful paint ${Math.round(median(runs.map((r) => r.fcpMs)))} ms, product list visible ${Math.round(median(runs.map((r) => r.listMs)))} ms`);
  } finally {
    await browser.close();
    await app?.close();
    await deleteRedisKeys(cfg.redisUrl, prefix);
    rmSync(uploads, { recursive: true, force: true });
    if (!cfg.keepDb) await dropDatabase(cfg);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
