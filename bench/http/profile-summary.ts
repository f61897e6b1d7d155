// Where the API's CPU goes, from a V8 .cpuprofile of the measured window:
// - areas: every sample's time charged to the innermost frame that belongs to a known area
//   (a package or a folder of this repo), so builtins such as JSON.parse or a better-sqlite3 call
//   count for whoever called them; the areas add up to 100% of the sampled time.
// - functions of this repo, inclusive (their own time and everything they call synchronously;
//   an `await` ends a stack, so an async function only counts its synchronous stretches).
// Run on a file: node -r @swc-node/register bench/http/profile-summary.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  percent: number;
  /** CPU per answered request of the profiled run, when the count is known. */
  usPerRequest?: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Share of samples the server was busy (not idle). */
  busyPercent: number;
  areas: Share[];
  repoFunctions: Share[];
  selfTop: Share[];
}

/** First match wins; tested against the frame's url (path) and function name. */
const AREAS: [string, (url: string, fn: string) => boolean][] = [
  [
    'validation (ValidationPipe, class-validator, class-transformer)',
    (u) => /class-validator|class-transformer|\/validator\/|platform\/src\/http\/validation\.pipe/.test(u),
  ],
  ['throttler guard', (u) => /@nestjs\/throttler|api\/src\/throttling/.test(u)],
  ['auth guard (API keys, roles)', (u) => /platform\/src\/auth\//.test(u)],
  ['request logging (pino)', (u) => /\/(pino|pino-http|nestjs-pino|sonic-boom|pino-std-serializers|fast-redact|thread-stream)\//.test(u)],
  ['helmet headers', (u) => /\/(@fastify\/helmet|helmet)\//.test(u)],
  ['idempotency', (u) => /platform\/src\/idempotency\//.test(u)],
  ['personal data: key store (keys.db) + AES-GCM sealing', (u) => /platform\/src\/personal-data\//.test(u)],
  ['async context tracking (async_hooks: AsyncLocalStorage of nestjs-pino, AsyncResource.bind)', (u) => /^node:(internal\/)?async_hooks/.test(u)],
  ['metrics (prom-client, append metrics)', (u) => /\/prom-client\/|api\/src\/metrics\//.test(u)],
  ['error mapping (ProblemFilter)', (u) => /platform\/src\/http\/problem/.test(u)],
  ['store: read stream + decode rows', (u, f) => /libs\/event-store\//.test(u) && /^(readStream|decodeRow|readBatch|parseJson)$/.test(f)],
  ['store: append (validate, serialize, hash, insert, commit)', (u) => /libs\/event-store\//.test(u)],
  ['domain: fold history + decide', (u) => /libs\/domain\//.test(u)],
  ['policy lookups (read + decode policy stream)', (u) => /api\/src\/policies\//.test(u)],
  ['app: controllers, command context, executor', (u) => /apps\/api\/src\//.test(u)],
  ['nest core (router, pipes, guards, interceptors, DI)', (u) => /@nestjs\/(core|common|platform-fastify)\//.test(u)],
  ['nest cqrs + rxjs (command bus)', (u) => /@nestjs\/cqrs\/|\/rxjs\//.test(u)],
  [
    'fastify (routing, hooks, parsing, reply)',
    (u) =>
      /\/(fastify|find-my-way|avvio|fast-json-stringify|secure-json-parse|@fastify\/[^/]+|light-my-request|fast-querystring|toad-cache|process-warning)\//.test(
        u,
      ),
  ],
  ['bench bare server', (u) => /bench\/http\/bare-server/.test(u)],
  ['node core (http, net, streams, timers)', (u) => u.startsWith('node:')],
];

const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(idle)': 'idle',
  '(program)': 'V8/native outside JS frames',
  '(root)': 'V8/native outside JS frames',
};

/** Frames charged to their caller: the better-sqlite3 JS wrappers and node's crypto. */
const TRANSPARENT = /node_modules\/better-sqlite3\/|^node:(internal\/)?crypto/;

function areaOf(url: string, fn: string): string | undefined {
  if (TRANSPARENT.test(url)) return undefined;
  for (const [name, test] of AREAS) if (test(url, fn)) return name;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `other package: ${pkg[1]}`;
  if (url && !url.startsWith('node:')) return `other: ${url.replace(/^file:\/\//, '').replace(/.*\/work\/main\//, '')}`;
  return undefined;
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/.*\/(node_modules\/|libs\/|apps\/|bench\/)/, '$1');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

function shares(map: Map<string, number>, total: number, top: number, requests?: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({
      name,
      ms: Math.round(us / 1000),
      percent: Math.round((us / total) * 1000) / 10,
      ...(requests ? { usPerRequest: Math.round(us / requests) } : {}),
    }));
}

/** `requests`: how many requests the profiled window answered, for per-request figures. */
export function summarizeProfile(profile: CpuProfile, requests?: number, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // The area of each node: its own if it has one, else its caller's (memoized walk up).
  const areaCache = new Map<number, string>();
  const nodeArea = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const special = SPECIAL[node.callFrame.functionName];
    const up = parent.get(id);
    const area =
      special ??
      areaOf(node.callFrame.url, node.callFrame.functionName) ??
      (up === undefined ? `native: ${node.callFrame.functionName || '(anonymous)'}` : nodeArea(up));
    areaCache.set(id, area);
    return area;
  };

  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  // The profiler's own work (stopping and serializing through node:inspector) is not the server's.
  const profilerCache = new Map<number, boolean>();
  const isProfiler = (id: number): boolean => {
    const cached = profilerCache.get(id);
    if (cached !== undefined) return cached;
    const up = parent.get(id);
    const result = byId.get(id)!.callFrame.url === 'node:inspector' || (up !== undefined && isProfiler(up));
    profilerCache.set(id, result);
    return result;
  };

  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    if (isProfiler(id)) return;
    total += dt;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') idle += dt;
    areas.set(nodeArea(id), (areas.get(nodeArea(id)) ?? 0) + dt);
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (!/\/(libs|apps)\//.test(n.callFrame.url)) continue;
      const key = label(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const busy = total - idle;
  areas.delete('idle');
  return {
    sampledMs: Math.round(total / 1000),
    busyPercent: Math.round((busy / total) * 1000) / 10,
    // Shares of busy time, so they read as "of the CPU the server spent".
    areas: shares(areas, busy, 40, requests),
    repoFunctions: shares(inclusive, busy, top, requests),
    selfTop: shares(new Map([...self].filter(([k]) => !k.startsWith('(idle)'))), busy, top, requests),
  };
}

export function formatProfile(summary: ProfileSummary, areasOnly = false, minPercent = 0): string[] {
  const row = (s: Share) =>
    `  ${s.percent.toFixed(1).padStart(5)}%  ${String(s.ms).padStart(6)} ms${s.usPerRequest === undefined ? '' : `  ${String(s.usPerRequest).padStart(5)} us/req`}  ${s.name}`;
  const lines = [
    `sampled ${summary.sampledMs} ms, server busy ${summary.busyPercent}% of it; shares below are of the busy time`,
    'by area (self time, builtins and native calls charged to their caller):',
    ...summary.areas.filter((s) => s.percent >= minPercent).map(row),
  ];
  if (areasOnly) return lines;
  return [
    ...lines,
    'functions of this repo, inclusive (synchronous stretches):',
    ...summary.repoFunctions.map(row),
    'top self time:',
    ...summary.selfTop.map(row),
  ];
}

if (require.main === module) {
  const [file, n] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [N]');
  console.log(formatProfile(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, undefined, Number(n ?? 20))).join('\n'));
}
