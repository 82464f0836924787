import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../libs/testing/src/redis-server';

/** The repository root, from the compiled bench (dist/bench/<folder>/). */
export const ROOT = resolve(__dirname, '..', '..', '..');

export interface PlatformProcess {
  child: ChildProcess;
  base: string;
  port: number;
  exited: Promise<number | null>;
}

/**
 * The platform from dist/ as a child process on a free port, in production mode, with only PATH and HOME
 * from this environment plus `env`; its output goes to `logFile`. Resolves once it answers /ready.
 */
export async function startPlatform(o: { env: NodeJS.ProcessEnv; logFile: string; nodeArgs?: string[]; ipc?: boolean; name?: string }): Promise<PlatformProcess> {
  const port = await freePort();
  const fd = openSync(o.logFile, 'w');
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), join(ROOT, 'dist/apps/platform/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), ...o.env },
    stdio: o.ipc ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    const status = await Promise.race([fetch(`${base}/ready`).then((r) => r.status, () => 0), exited.then(() => -1)]);
    if (status === 200) return { child, base, port, exited };
    if (status === -1 || Date.now() > until) {
      const tail = readFileSync(o.logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`${o.name ?? 'the server'} ${status === -1 ? 'exited' : 'did not become ready in 60 s'}; its log ends:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM, then SIGKILL if it has not ended after `graceMs`. */
export async function stopPlatform({ child, exited }: Pick<PlatformProcess, 'child' | 'exited'>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
