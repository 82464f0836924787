import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueClients } from '@app/queue';
import { eventually, startTestApp, TestApp } from '@app/testing';

/** Runs the check as the container would; asynchronously, since the server it probes lives in this process. */
function runCheck(port: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-e', dockerHealthcheckScript()], { env: { PATH: process.env.PATH ?? '', PORT: port }, timeout: 10_000 });
    child.on('exit', (code) => resolve(code));
  });
}

/** The image's HEALTHCHECK script, as the Dockerfile has it, so this test follows any change to it. */
function dockerHealthcheckScript(): string {
  const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
  const m = /HEALTHCHECK[^\n]*\\\n\s*CMD node -e "([^\n]+)"\s*$/m.exec(dockerfile);
  if (!m) throw new Error('no "HEALTHCHECK ... CMD node -e" found in the Dockerfile');
  return m[1];
}

describe('queues: a worker-only process (PROCESS_ROLE=worker)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'worker' });
  });
  afterAll(() => t.close());

  it('runs the queue workers', async () => {
    const catalog = t.app.get(QueueClients).get('catalog');
    await catalog.add('catalog.reservation.expire', { reservationId: '00000000-0000-4000-8000-000000000001' }, { jobId: 'qtest-worker-expire' });
    await eventually(async () => (await catalog.getJobState('qtest-worker-expire')) === 'completed', 'the worker to run the job');
    expect((await catalog.getJob('qtest-worker-expire'))!.returnvalue).toBe('not-held');
  });

  it('answers /health and /ready, and nothing else over HTTP', async () => {
    expect((await t.api.get('/health')).status).toBe(200);
    expect((await t.api.get('/ready')).body).toMatchObject({ status: 'ready' });
    for (const path of ['/api/catalog/products', '/api/admin/queues', '/admin/queues', '/api/docs-json', '/health/x']) {
      const res = await t.api.get(path);
      expect([path, res.status, res.body?.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    expect((await t.api.post('/api/auth/login', { phone: '13900000000', password: 'x' })).status).toBe(404);
  });

  it('passes the Dockerfile HEALTHCHECK', async () => {
    expect(await runCheck(new URL(t.baseUrl).port)).toBe(0);
    // And the check can fail: nothing listens on port 1.
    expect(await runCheck('1')).toBe(1);
  });
});
