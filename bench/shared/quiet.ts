import { cpus } from 'node:os';
import { machineTicks } from '../proc-ticks';

/** Cores busy on the whole machine over the next `ms` milliseconds (null off Linux). */
async function machineBusyOver(ms: number): Promise<number | null> {
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
  return { busy: busy === null ? null : Math.round(busy * 100) / 100, waitedS: Math.round((Date.now() - start) / 1000) };
}
