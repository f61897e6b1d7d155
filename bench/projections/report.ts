import type { Measurement } from '../measure';

/** A measurement with the CPU this process spent per event. */
export type Timed = Measurement & { cpuUsPerEvent: number };

export const RATIO_TARGET = 0.4;
export const RSS_TARGET_BYTES = 1024 ** 3;

export interface EngineResult {
  engine: 'sqlite' | 'postgres';
  setup: string;
  load: Timed;
  /** Timed passes after one untimed warm-up pass; the fastest is the baseline. */
  rawReadAll: Timed[];
  /** `store.readAll()`, for comparison: what the runner's reading costs without projecting. */
  adapterReadAll: Timed;
  /** With the runner's default options. */
  rebuild: Timed & { profiled: boolean };
  /** rebuild ev/s over the fastest raw readAll ev/s. */
  ratio: number;
  rssPeakBytes: { load: number; read: number; rebuild: number };
  /** process.resourceUsage().maxRSS of this engine's process, at the end. */
  maxRssBytes: number;
  deadLetters: number;
  documents: Record<string, number>;
  /** With BENCH_PROJECTION_PROFILE: the rebuild's CPU by stage, and the top functions by self time. */
  profileStages?: string[];
  profileTop?: string[];
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const mib = (bytes: number): string => `${fmt(Math.round(bytes / 1024 / 1024))} MiB`;
const seconds = (m: Measurement): string => `${(m.ms / 1000).toFixed(1)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export const fastest = (runs: Timed[]): Timed => runs.reduce((a, b) => (b.eventsPerSec > a.eventsPerSec ? b : a));

export function formatEngine(r: EngineResult): string {
  return [
    `== ${r.engine}: ${r.setup}`,
    `events loaded     ${fmt(r.load.events)} in ${seconds(r.load)}: ${fmt(r.load.eventsPerSec)} ev/s`,
    `raw readAll       ${fmt(fastest(r.rawReadAll).eventsPerSec)} ev/s (fastest of ${r.rawReadAll.map((m) => fmt(m.eventsPerSec)).join(', ')}), node CPU ${fastest(r.rawReadAll).cpuUsPerEvent} µs/event`,
    `adapter readAll   ${fmt(r.adapterReadAll.eventsPerSec)} ev/s (store.readAll, for comparison), node CPU ${r.adapterReadAll.cpuUsPerEvent} µs/event`,
    `rebuild           ${fmt(r.rebuild.eventsPerSec)} ev/s: ${fmt(r.rebuild.events)} events in ${seconds(r.rebuild)} (runner defaults), node CPU ${r.rebuild.cpuUsPerEvent} µs/event${r.rebuild.profiled ? ' (under the CPU profiler: slower)' : ''}`,
    `rebuild/raw       ${r.ratio.toFixed(2)}  target >= ${RATIO_TARGET}  ${verdict(r.ratio >= RATIO_TARGET)}  (by node CPU per event: ${(fastest(r.rawReadAll).cpuUsPerEvent / r.rebuild.cpuUsPerEvent).toFixed(2)}; steadier on a shared machine, but leaves out postgres's own CPU)`,
    `peak RSS          load ${mib(r.rssPeakBytes.load)}, raw+adapter read ${mib(r.rssPeakBytes.read)}, rebuild ${mib(r.rssPeakBytes.rebuild)} (sampled); maxRSS ${mib(r.maxRssBytes)}  target <= ${mib(RSS_TARGET_BYTES)}  ${verdict(r.maxRssBytes <= RSS_TARGET_BYTES)}`,
    `dead letters      ${r.deadLetters}  ${verdict(r.deadLetters === 0)}`,
    `documents         ${Object.entries(r.documents)
      .map(([name, n]) => `${name} ${fmt(n)}`)
      .join(', ')}`,
    ...(r.profileStages ? ['rebuild CPU by stage:', ...r.profileStages.map((line) => `  ${line}`)] : []),
    ...(r.profileTop ? ['rebuild CPU by function, self time:', ...r.profileTop.map((line) => `  ${line}`)] : []),
  ].join('\n');
}

export function passes(r: EngineResult): boolean {
  return r.ratio >= RATIO_TARGET && r.deadLetters === 0 && r.maxRssBytes <= RSS_TARGET_BYTES;
}
