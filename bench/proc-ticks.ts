import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: clock ticks per second on Linux. */
export const TICK = 100;

/** CPU ticks (user + system) of one process; null when it is gone or this is not Linux. */
export function procTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

export interface ProcTicks {
  /** PostgreSQL backends serving `database` (their process title names it). */
  benchDb: Map<number, number>;
  /** The other PostgreSQL processes: other databases, WAL writer, checkpointer, autovacuum. */
  otherPg: Map<number, number>;
  redis: Map<number, number>;
}

/** CPU ticks by process id of PostgreSQL and Redis processes on this machine. */
export function scanProcs(database: string): ProcTicks {
  const out: ProcTicks = { benchDb: new Map(), otherPg: new Map(), redis: new Map() };
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  const marker = ` ${database} `;
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (comm === 'postgres' || comm.startsWith('postgres:')) {
        const title = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
        (title.includes(marker) ? out.benchDb : out.otherPg).set(Number(name), ticks);
      } else if (comm.startsWith('redis-server')) {
        out.redis.set(Number(name), ticks);
      }
    } catch {
      /* the process ended */
    }
  }
  return out;
}

/** Busy and total ticks of the whole machine. */
export function machineTicks(): { busy: number; total: number } | null {
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

/** Ticks spent between two scans, by processes present in the second. */
export function tickDelta(a: Map<number, number>, b: Map<number, number>): number {
  let t = 0;
  for (const [pid, ticks] of b) t += ticks - (a.get(pid) ?? 0);
  return t;
}
