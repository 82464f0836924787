import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Where the CPU goes during a run: the server process, PostgreSQL (all its processes), the load generator
 * (this process) and the machine as a whole, read from /proc. Linux only; elsewhere the figures are null.
 */
const TICK = 100; // USER_HZ: clock ticks per second on Linux

function procTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

/**
 * CPU ticks of PostgreSQL processes: backends serving `database` (their process title names it), and all
 * the others (other databases on a shared server, background writer, WAL writer, autovacuum) apart.
 */
function postgresTicks(database: string): Map<number, number> {
  const out = new Map<number, number>();
  const marker = ` ${database} `;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres' && !comm.startsWith('postgres:')) continue;
      const title = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!title.includes(marker)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      /* the process ended */
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export interface CpuSplit {
  /** CPU time over wall time, in cores (1.0 = one core fully busy). */
  server: number | null;
  /** Backends of the benchmark's database only. */
  postgres: number | null;
  loadGenerator: number;
  machineBusy: number | null;
  cores: number;
}

export function startCpuSample(serverPid: number | undefined, database: string) {
  const t0 = process.hrtime.bigint();
  const self0 = process.cpuUsage();
  const server0 = serverPid ? procTicks(serverPid) : null;
  const pg0 = postgresTicks(database);
  const m0 = machineTicks();
  return (): CpuSplit => {
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const self = process.cpuUsage(self0);
    const server1 = serverPid ? procTicks(serverPid) : null;
    const pg1 = postgresTicks(database);
    let pgTicks = 0;
    for (const [pid, ticks] of pg1) pgTicks += ticks - (pg0.get(pid) ?? 0);
    const m1 = machineTicks();
    const cores = cpus().length;
    return {
      server: server0 !== null && server1 !== null ? (server1 - server0) / TICK / wall : null,
      postgres: pg1.size ? pgTicks / TICK / wall : null,
      loadGenerator: (self.user + self.system) / 1e6 / wall,
      machineBusy: m0 && m1 ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * cores : null,
      cores,
    };
  };
}

/** Cores busy on the whole machine over the next `ms` milliseconds (null off Linux). */
export async function machineBusyOver(ms: number): Promise<number | null> {
  const m0 = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const m1 = machineTicks();
  return m0 && m1 && m1.total > m0.total ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * cpus().length : null;
}

/**
 * Waits (up to `maxSeconds`) until the machine is nearly idle, so other work on a shared box (a test
 * run, a build) does not end up in the figures. Returns the load seen last, in cores.
 */
export async function waitForQuiet(maxSeconds: number, threshold = 0.3): Promise<{ busy: number | null; waitedS: number }> {
  const start = Date.now();
  let busy = await machineBusyOver(1000);
  while (busy !== null && busy > threshold && Date.now() - start < maxSeconds * 1000) busy = await machineBusyOver(1000);
  return { busy, waitedS: Math.round((Date.now() - start) / 1000) };
}
