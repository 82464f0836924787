import { readFileSync } from 'node:fs';

/**
 * Reads a V8 .cpuprofile (from the probe, or from `node --cpu-prof`) and tells where the time went:
 * self time per function, and per "owner" (a package in node_modules, node's own internals, the app's
 * code, the garbage collector). Percentages are of the busy (non-idle) samples.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  topFunctions: Array<{ fn: string; where: string; selfMs: number; pct: number }>;
  byOwner: Array<{ owner: string; selfMs: number; pct: number }>;
  /** Inclusive time of a few frames worth knowing about (from the call tree). */
  inclusive: Array<{ frame: string; ms: number; pct: number }>;
}

function ownerOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(garbage collector)') return '(gc)';
    if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return fn;
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) {
    const parts = url.slice(dist + 6).split('/');
    return `app: ${parts[0]}/${parts[1]}`;
  }
  return url;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + 14);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 6);
  return url.replace(/^file:\/\//, '');
}

/** Frames whose inclusive time is worth reporting: pattern on "functionName url". */
const INCLUSIVE: Array<[string, RegExp]> = [
  ['class-validator validate (ValidationPipe)', /^(validate|validateOrReject) .*class-validator/],
  ['class-transformer plainToInstance', /^(plainToInstance|plainToClass) .*class-transformer/],
  ['pg: parse rows (Result.parseRow)', /^parseRow .*pg\/lib\/result/],
  ['pg-protocol: parse messages', /^parse .*pg-protocol\/dist\/parser/],
  ['Stripe SDK request', /^_request .*stripe/],
  ['Stripe webhook verify (constructEvent)', /^constructEvent .*stripe/],
  ['JWT verify (jsonwebtoken)', /^(verify|module\.exports) .*jsonwebtoken\/verify/],
  ['bullmq Queue.addBulk', /^addBulk .*bullmq/],
  ['pino log write', /^(LOG|write) .*pino\/lib\/(tools|proto)/],
  ['JSON.parse', /^parse $/],
  ['JSON.stringify', /^stringify $/],
];

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the time after it (deltas[i + 1]) is what it stands for.
    const d = deltas[i + 1] ?? deltas[i] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, d));
  }
  const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\u0000${n.callFrame.url}:${n.callFrame.lineNumber + 1}`;
  const fnTotals = new Map<string, number>();
  const ownerTotals = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  let all = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    all += us;
    const fn = n.callFrame.functionName;
    if (fn === '(idle)') {
      idle += us;
      continue;
    }
    if (fn === '(garbage collector)') gc += us;
    fnTotals.set(keyOf(n), (fnTotals.get(keyOf(n)) ?? 0) + us);
    const owner = ownerOf(n.callFrame.url, fn);
    ownerTotals.set(owner, (ownerTotals.get(owner) ?? 0) + us);
  }
  const busy = all - idle;
  const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;

  // Inclusive time: for each node, its self time plus its children's, counted once per matching frame
  // on a path (a recursive match is not counted twice).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const text = `${n.callFrame.functionName} ${n.callFrame.url}`;
      for (const [label, re] of INCLUSIVE) {
        if (!seen.has(label) && re.test(text)) {
          seen.add(label);
          inclusive.set(label, (inclusive.get(label) ?? 0) + us);
        }
      }
    }
  }

  return {
    file,
    wallMs: Math.round((profile.endTime - profile.startTime) / 1000),
    busyMs: ms(busy),
    idleMs: ms(idle),
    gcMs: ms(gc),
    topFunctions: [...fnTotals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => {
        const [fn, where] = k.split('\u0000');
        return { fn, where: shortUrl(where), selfMs: ms(us), pct: pct(us) };
      }),
    byOwner: [...ownerTotals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([owner, us]) => ({ owner, selfMs: ms(us), pct: pct(us) })),
    inclusive: [...inclusive].sort((a, b) => b[1] - a[1]).map(([frame, us]) => ({ frame, ms: ms(us), pct: pct(us) })),
  };
}

export function printProfile(s: ProfileSummary, log: (line: string) => void): void {
  log(`CPU profile ${s.file}: ${s.wallMs} ms wall, ${s.busyMs} ms busy, ${s.idleMs} ms idle, GC ${s.gcMs} ms`);
  log('  top self time (share of busy time):');
  for (const f of s.topFunctions) log(`    ${String(f.pct).padStart(5)} %  ${f.fn}  ${f.where}`);
  log('  self time by owner:');
  for (const o of s.byOwner) log(`    ${String(o.pct).padStart(5)} %  ${o.owner}`);
  if (s.inclusive.length) {
    log('  inclusive time of selected frames:');
    for (const i of s.inclusive) log(`    ${String(i.pct).padStart(5)} %  ${i.frame}`);
  }
}

// `node dist/bench/checkout/profile-summary.js file.cpuprofile [top]` summarises a profile on its own.
if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/checkout/profile-summary.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  printProfile(summarizeProfile(file, Number(top) || 25), (l) => process.stdout.write(`${l}\n`));
}
