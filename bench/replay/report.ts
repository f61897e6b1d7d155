import type { Measurement } from '../measure';

export const RATIO_TARGET = 0.5;
export const REPEAT_TARGET_MS = 2000;
export const RSS_TARGET_BYTES = 1024 ** 3;

export interface RepeatedReplay {
  counterfactual: string;
  ms: number;
  changedOutcomes: number;
}

export interface ReplayBenchResult {
  setup: string;
  load: Measurement;
  /** Both timed passes after one untimed warm-up; the fastest is the baseline. */
  rawReadAll: Measurement[];
  /** Read + fold + compact + replay, from an empty ReplayHistory. */
  firstReplay: Measurement & { counterfactual: string; foldMs: number; replayMs: number; changedOutcomes: number };
  /** first replay ev/s over the fastest raw readAll ev/s. */
  ratio: number;
  repeated: RepeatedReplay[];
  repeatedMaxMs: number;
  /** Sampled every 100 ms and after every chunk, over the whole run. */
  rssPeakBytes: number;
  /** process.resourceUsage().maxRSS at the end. */
  maxRssBytes: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const mib = (bytes: number): string => `${fmt(Math.round(bytes / 1024 / 1024))} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export const fastest = (runs: Measurement[]): Measurement => runs.reduce((a, b) => (b.eventsPerSec > a.eventsPerSec ? b : a));

export function verdicts(r: ReplayBenchResult): { ratio: boolean; repeated: boolean; rss: boolean } {
  return { ratio: r.ratio >= RATIO_TARGET, repeated: r.repeatedMaxMs < REPEAT_TARGET_MS, rss: Math.max(r.rssPeakBytes, r.maxRssBytes) <= RSS_TARGET_BYTES };
}

export function formatResult(r: ReplayBenchResult): string {
  const pass = verdicts(r);
  const first = r.firstReplay;
  return [
    `== sqlite: ${r.setup}`,
    `events loaded     ${fmt(r.load.events)} in ${secs(r.load.ms)}: ${fmt(r.load.eventsPerSec)} ev/s`,
    `raw readAll       ${fmt(fastest(r.rawReadAll).eventsPerSec)} ev/s (fastest of ${r.rawReadAll.map((m) => fmt(m.eventsPerSec)).join(', ')})`,
    `first replay      ${fmt(first.eventsPerSec)} ev/s: ${fmt(first.events)} events in ${secs(first.ms)} (read + fold ${secs(first.foldMs)}, compact + replay ${secs(first.replayMs)}); ${first.counterfactual}; ${fmt(first.changedOutcomes)} changed outcomes`,
    `first/raw         ${r.ratio.toFixed(2)}  target >= ${RATIO_TARGET}  ${verdict(pass.ratio)}`,
    ...r.repeated.map((x) => `repeated replay   ${secs(x.ms)}  ${x.counterfactual}; ${fmt(x.changedOutcomes)} changed outcomes`),
    `repeated, max     ${secs(r.repeatedMaxMs)}  target < ${secs(REPEAT_TARGET_MS)}  ${verdict(pass.repeated)}`,
    `peak RSS          ${mib(r.rssPeakBytes)} (sampled); maxRSS ${mib(r.maxRssBytes)}  target <= ${mib(RSS_TARGET_BYTES)}  ${verdict(pass.rss)}`,
  ].join('\n');
}
