import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSuiteDatabase, eventually, freePort, TEST_JWT_SECRET } from '@app/testing';

const DIST = join(__dirname, '..', 'dist', 'apps');

function run(entry: string, env: Record<string, string>): { proc: ChildProcess; output: () => string; exited: Promise<number | string | null> } {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (scripts/test.sh does)`);
  const proc = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal)));
  return { proc, output: () => out, exited };
}

describe('processes: configuration, standalone services, graceful shutdown', () => {
  let db: Awaited<ReturnType<typeof createSuiteDatabase>>;

  beforeAll(async () => {
    db = await createSuiteDatabase();
  });
  afterAll(() => db.drop());

  it('refuses to start with a missing or invalid variable, naming it', async () => {
    const p = run(join(DIST, 'platform/src/main.js'), { DATABASE_URL: db.url, PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('JWT_SECRET: missing');
    expect(p.output()).toMatch(/PORT: /);
  });

  it('runs the catalog alone, serving only its own paths, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const p = run(join(DIST, 'catalog/src/main.js'), {
      DATABASE_URL: db.url,
      PORT: String(port),
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: `{proc${port}}`,
      UPLOAD_DIR: join(tmpdir(), `zt-uploads-${port}`),
    });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${base}/ready`).catch(() => null))?.status === 200, 'the catalog service to be ready');
    const products = await fetch(`${base}/api/catalog/products`);
    expect(products.status).toBe(200);
    expect((await fetch(`${base}/api/auth/login`, { method: 'POST' })).status).toBe(404);
    const docs = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/api/catalog/products');
    expect(Object.keys(docs.paths)).not.toContain('/api/auth/login');
    const withId = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(withId.headers.get('x-request-id')).toBe('trace-abc-123');

    p.proc.kill('SIGTERM');
    // Nest runs every shutdown hook, then re-raises the signal so the exit status still says SIGTERM.
    expect(await p.exited).toBe('SIGTERM');
    expect(p.output()).toContain('shut down cleanly');
    const lines = p.output().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
