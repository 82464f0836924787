import { machineTicks, procTicks, scanProcs, TICK, tickDelta } from '../proc-ticks';
import { cpus } from 'node:os';

/**
 * Where the CPU goes during a run: the server process, PostgreSQL (all its processes), the load generator
 * (this process) and the machine as a whole, read from /proc. Linux only; elsewhere the figures are null.
 */
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
  const pg0 = scanProcs(database).benchDb;
  const m0 = machineTicks();
  return (): CpuSplit => {
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const self = process.cpuUsage(self0);
    const server1 = serverPid ? procTicks(serverPid) : null;
    const pg1 = scanProcs(database).benchDb;
    const pgTicks = tickDelta(pg0, pg1);
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
