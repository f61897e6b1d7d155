import type { Measurement } from '../measure';

export const RATIO_TARGET = 0.4;
export const RSS_TARGET_BYTES = 1024 ** 3;

export interface EngineResult {
  engine: 'sqlite' | 'postgres';
  setup: string;
  load: Measurement;
  /** Timed passes after one untimed warm-up pass; the fastest is the baseline. */
  rawReadAll: Measurement[];
  /** `store.readAll()`, for comparison: what the runner's reading costs without projecting. */
  adapterReadAll: Measurement;
  rebuild: Measurement & { batchSize: number; profiled: boolean };
  /** rebuild ev/s over the fastest raw readAll ev/s. */
  ratio: number;
  rssPeakBytes: { load: number; read: number; rebuild: number };
  /** process.resourceUsage().maxRSS after this engine: the whole process so far. */
  maxRssBytes: number;
  deadLetters: number;
  documents: Record<string, number>;
  profileTop?: string[];
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const mib = (bytes: number): string => `${fmt(Math.round(bytes / 1024 / 1024))} MiB`;
const seconds = (m: Measurement): string => `${(m.ms / 1000).toFixed(1)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export const fastest = (runs: Measurement[]): Measurement => runs.reduce((a, b) => (b.eventsPerSec > a.eventsPerSec ? b : a));

export function formatEngine(r: EngineResult): string {
  const rssPeak = Math.max(r.rssPeakBytes.load, r.rssPeakBytes.read, r.rssPeakBytes.rebuild, r.maxRssBytes);
  return [
    `== ${r.engine}: ${r.setup}`,
    `events loaded     ${fmt(r.load.events)} in ${seconds(r.load)}: ${fmt(r.load.eventsPerSec)} ev/s`,
    `raw readAll       ${fmt(fastest(r.rawReadAll).eventsPerSec)} ev/s (fastest of ${r.rawReadAll.map((m) => fmt(m.eventsPerSec)).join(', ')})`,
    `adapter readAll   ${fmt(r.adapterReadAll.eventsPerSec)} ev/s (store.readAll, for comparison)`,
    `rebuild           ${fmt(r.rebuild.eventsPerSec)} ev/s: ${fmt(r.rebuild.events)} events in ${seconds(r.rebuild)}, batch ${r.rebuild.batchSize}${r.rebuild.profiled ? ' (under the CPU profiler: slower)' : ''}`,
    `rebuild/raw       ${r.ratio.toFixed(2)}  target >= ${RATIO_TARGET}  ${verdict(r.ratio >= RATIO_TARGET)}`,
    `peak RSS          load ${mib(r.rssPeakBytes.load)}, raw+adapter read ${mib(r.rssPeakBytes.read)}, rebuild ${mib(r.rssPeakBytes.rebuild)} (sampled every 100 ms); maxRSS so far ${mib(r.maxRssBytes)}  target <= ${mib(RSS_TARGET_BYTES)}  ${verdict(rssPeak <= RSS_TARGET_BYTES)}`,
    `dead letters      ${r.deadLetters}  ${verdict(r.deadLetters === 0)}`,
    `documents         ${Object.entries(r.documents)
      .map(([name, n]) => `${name} ${fmt(n)}`)
      .join(', ')}`,
    ...(r.profileTop ? ['rebuild CPU profile, self time:', ...r.profileTop.map((line) => `  ${line}`)] : []),
  ].join('\n');
}

export function passes(r: EngineResult): boolean {
  return r.ratio >= RATIO_TARGET && r.deadLetters === 0 && Math.max(r.rssPeakBytes.rebuild, r.maxRssBytes) <= RSS_TARGET_BYTES;
}
