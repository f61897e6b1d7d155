// Where a rebuild's CPU goes, from a V8 .cpuprofile of it: every sample is charged to the innermost
// frame that belongs to a known stage of the rebuild, so builtins (JSON.parse, JSON.stringify) and
// native driver calls count for whoever called them. The stages add up to 100% of the sampled time.
// Run on a file: node -r @swc-node/register bench/projections/rebuild-profile.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** First match wins, tested from the innermost frame outwards. */
const STAGES: [stage: string, test: (url: string, fn: string) => boolean][] = [
  [
    'read events (store page query + decodeRow: JSON.parse of data and metadata)',
    (u, f) => /libs\/event-store\/src\//.test(u) && /^(readBatch|decodeRow)$/.test(f),
  ],
  ['load documents (ReadModelStore.load + JSON.parse)', (u, f) => /libs\/projections\/src\/store\//.test(u) && f === 'load'],
  [
    'commit (JSON.stringify of documents + SQL writes + transaction)',
    (u) => /libs\/projections\/src\/store\/|better-sqlite3\/lib\/methods\/transaction/.test(u),
  ],
  [
    'apply (DocumentBatch + projection code + domain evolve)',
    (u) => /libs\/projections\/src\/(document-batch|employee-status|timeline|cycle-ratings|workforce)|libs\/domain\//.test(u),
  ],
  ['runner (batching, slot trackers, caches)', (u) => /libs\/projections\/src\/runner\//.test(u)],
  ['event store (subscription loop)', (u) => /libs\/event-store\//.test(u)],
  ['pg driver (protocol, parsing, socket)', (u) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(u)],
  ['node internals (streams, timers, promises)', (u) => u.startsWith('node:')],
];
const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'garbage collector',
  '(idle)': 'idle (waiting for the database)',
  '(program)': 'V8/native outside JS',
  '(root)': 'V8/native outside JS',
};

export function rebuildStages(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stageOf = new Map<number, string>();
  const stage = (id: number): string => {
    const known = stageOf.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    const found = SPECIAL[functionName] ?? STAGES.find(([, test]) => test(url, functionName))?.[0];
    const up = parent.get(id);
    const result = found ?? (up === undefined ? 'other' : stage(up));
    stageOf.set(id, result);
    return result;
  };
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const s = stage(id);
    time.set(s, (time.get(s) ?? 0) + dt);
  });
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([s, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${s}`);
}

if (require.main === module) {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: rebuild-profile.ts FILE.cpuprofile');
  console.log(rebuildStages(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).join('\n'));
}
