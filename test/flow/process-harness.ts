import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadEnv } from '@app/config';
import { Api, createSuiteDatabase, deleteRedisKeys, freePort, TEST_JWT_SECRET, TestApp } from '@app/testing';

const DIST_APPS = join(__dirname, '..', '..', 'dist', 'apps');
/** Enough of a process's output to explain a failure, without holding a long run's logs in memory. */
const OUTPUT_KEPT = 256 * 1024;

export type ServiceEntry = 'identity' | 'catalog' | 'order' | 'logistics' | 'pickup-point' | 'platform';

/** One built service running as its own OS process (dist/apps/<entry>/src/main.js). */
export class ServiceProcess {
  private out = '';
  private expectedExit = false;
  readonly exited: Promise<number | string | null>;

  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    const keep = (d: Buffer) => {
      this.out += d.toString();
      if (this.out.length > OUTPUT_KEPT * 2) this.out = this.out.slice(-OUTPUT_KEPT);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        // A process that dies on its own is the first thing to know when a test times out afterwards.
        if (!this.expectedExit) process.stderr.write(`${name} (pid ${proc.pid}) exited unexpectedly: ${code ?? signal}; its output ends:\n${this.output()}\n`);
        resolve(code ?? signal);
      }),
    );
  }

  static async start(name: string, entry: ServiceEntry, env: Record<string, string>, port?: number): Promise<ServiceProcess> {
    const sp = await ServiceProcess.spawn(name, entry, env, port);
    await sp.ready();
    return sp;
  }

  /** Starts the process without waiting for it to be ready: a worker begins taking jobs before /ready answers. */
  static async spawn(name: string, entry: ServiceEntry, env: Record<string, string>, port?: number): Promise<ServiceProcess> {
    const main = join(DIST_APPS, entry, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
    const p = port ?? (await freePort());
    const proc = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(p) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, proc, p);
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get running() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  output(lastChars = 4000) {
    return this.out.slice(-lastChars);
  }

  /** Waits for /ready (Postgres and Redis reachable); fails with the process's last output if it dies or hangs. */
  async ready(ms = 60_000) {
    const until = Date.now() + ms;
    for (;;) {
      const status = await Promise.race([
        fetch(`${this.baseUrl}/ready`).then((r) => r.status, () => 0),
        this.exited.then(() => -1),
      ]);
      if (status === 200) return;
      if (status === -1 || Date.now() > until) {
        throw new Error(`${this.name} ${status === -1 ? 'exited' : `was not ready in ${ms} ms`}; its output ends:\n${this.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no shutdown hooks, open transactions die with their connections, BullMQ locks are left to expire. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectedExit = true;
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the clean shutdown; SIGKILL if it takes longer than `ms`. */
  async stop(ms = 20_000): Promise<number | string | null> {
    if (!this.running) return this.exited;
    this.expectedExit = true;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), ms);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * What every process of one test run shares: a suite database copied from the migrated template, a Redis
 * key prefix, an upload folder and the JWT secret. `env()` gives a process its variables.
 */
export class ProcessSuite {
  readonly processes: ServiceProcess[] = [];
  private constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
    readonly queuePrefix: string,
    readonly uploadDir: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async create(opts: { redisUrl?: string } = {}): Promise<ProcessSuite> {
    const database = await createSuiteDatabase();
    const redisUrl = opts.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    return new ProcessSuite(database.url, redisUrl, `{p${randomBytes(5).toString('hex')}}`, mkdtempSync(join(tmpdir(), 'zt-proc-uploads-')), database.drop);
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      UPLOAD_DIR: this.uploadDir,
      DB_POOL_SIZE: '5',
      LOG_LEVEL: 'warn',
      LOG_REQUESTS: 'false',
      CATALOG_PAGE_CACHE_MS: '0',
      // A killed worker's jobs come back after the lock lapses: 30 s in production, 3 s here.
      QUEUE_LOCK_MS: '3000',
      ...extra,
    };
  }

  async start(name: string, entry: ServiceEntry, extra: Record<string, string> = {}, port?: number): Promise<ServiceProcess> {
    const p = await this.spawn(name, entry, extra, port);
    await p.ready();
    return p;
  }

  async spawn(name: string, entry: ServiceEntry, extra: Record<string, string> = {}, port?: number): Promise<ServiceProcess> {
    const p = await ServiceProcess.spawn(name, entry, this.env(extra), port);
    this.processes.push(p);
    return p;
  }

  /** A TestApp-shaped handle for Journey, Factory and the flow cases: HTTP through `api`, SQL through `db`. */
  async testApp(api: Api, extraEnv: Record<string, string> = {}): Promise<TestApp & { destroy: () => Promise<void> }> {
    const db = new DataSource({ type: 'postgres', url: this.databaseUrl, extra: { max: 4 } });
    await db.initialize();
    const noApp = new Proxy({} as NestFastifyApplication, {
      get: (_t, prop) => {
        throw new Error(`t.app.${String(prop)}: the services run as separate processes here; there is no in-process Nest app`);
      },
    });
    return {
      app: noApp,
      api,
      env: loadEnv(this.env(extraEnv)),
      db,
      baseUrl: api.baseUrl,
      logs: [],
      close: async () => undefined,
      destroy: () => db.destroy(),
    };
  }

  queue(name: string, redisUrl = this.redisUrl): Queue {
    const q = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix: this.queuePrefix });
    q.on('error', () => undefined);
    return q;
  }

  /** Runs `fn` with a client of queue `name`, closed afterwards. */
  async withQueue<T>(name: string, fn: (q: Queue) => Promise<T>): Promise<T> {
    const q = this.queue(name);
    try {
      return await fn(q);
    } finally {
      await q.close();
    }
  }

  /** Stops every process still running (SIGTERM), then removes the database, the keys and the uploads. */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop().catch(() => undefined)));
    await deleteRedisKeys(this.redisUrl, this.queuePrefix);
    await this.dropDatabase();
    rmSync(this.uploadDir, { recursive: true, force: true });
  }
}
