import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Env, hostedServices, loadEnv } from '@app/config';
import { createApp } from '@app/http';
import { deleteRedisKeys } from './redis-keys';
import { modulesFor } from '../../../apps/platform/src/platform';
import { createSuiteDatabase } from './test-database';
import { Api } from './http-client';

export interface TestApp {
  app: NestFastifyApplication;
  api: Api;
  env: Env;
  db: DataSource;
  baseUrl: string;
  logs: string[];
  close: () => Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * Starts the all-in-one app on a random port against its own database (copied from the migrated
 * template), its own Redis key prefix and its own upload folder. Log lines are kept in `logs`.
 */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = overrides.DATABASE_URL ? null : await createSuiteDatabase();
  const uploads = mkdtempSync(join(tmpdir(), 'zt-uploads-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database?.url ?? overrides.DATABASE_URL,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `{t${randomBytes(5).toString('hex')}}`,
    JWT_SECRET: TEST_JWT_SECRET,
    UPLOAD_DIR: uploads,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: 'info',
    // Tests read what they just wrote; the page cache has its own test.
    CATALOG_PAGE_CACHE_MS: '0',
    // Suites sign up hundreds of accounts from 127.0.0.1; the limit has its own test.
    REGISTER_MAX_PER_ADDRESS: '100000',
    ...overrides,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp(env, modulesFor(hostedServices(env)), { logStream });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await database?.drop();
    rmSync(uploads, { recursive: true, force: true });
    throw err;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    api: new Api(baseUrl),
    env,
    db: app.get(DataSource),
    baseUrl,
    logs,
    close: async () => {
      await app.close();
      await deleteRedisKeys(env.REDIS_URL, env.QUEUE_PREFIX);
      await database?.drop();
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns a truthy value, polling; fails with `what` after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

