import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScenarioResult } from './scenarios';

export interface EngineResult {
  engine: 'sqlite' | 'postgres';
  /** One line on what was compared: versions, pragmas, settings. */
  setup: string;
  rawBaseline: string[];
  rawSchema: string;
  scenarios: ScenarioResult[];
  settings: Record<string, string>;
  peakRssBytes: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Peak resident set size of this (node) process so far; an embedded postgres server is not included. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

export function formatEngine(result: EngineResult): string {
  const header = ['scenario', 'adapter ev/s', 'raw ev/s', 'adapter/raw', 'target', 'result'];
  const rows = result.scenarios.map((s) => [
    s.title,
    fmt(s.adapterEventsPerSec),
    fmt(s.rawEventsPerSec),
    s.ratio.toFixed(2),
    `>= ${s.target.toFixed(2)}`,
    s.pass ? 'PASS' : 'MISS',
  ]);
  const runs = result.scenarios.map(
    (s) =>
      `  ${s.id.padEnd(11)} adapter [${s.adapter.map((m) => fmt(m.eventsPerSec)).join(', ')}]  raw [${s.raw.map((m) => fmt(m.eventsPerSec)).join(', ')}]  ratio [${s.ratios.map((r) => r.toFixed(2)).join(', ')}]`,
  );
  return [
    `== ${result.engine}: ${result.setup}`,
    table([header, ...rows]),
    "ev/s are medians over runs; adapter/raw is the median of the paired runs' ratios. Every run (ev/s; ratio):",
    ...runs,
    'raw baseline:',
    ...result.rawBaseline.map((l) => `  ${l}`),
    `raw schema: ${result.rawSchema.replace(/\s+/g, ' ')}`,
    `peak RSS of the node process after ${result.engine}: ${mib(result.peakRssBytes)}`,
  ].join('\n');
}

export function formatSummary(results: EngineResult[]): string {
  const all = results.flatMap((r) => r.scenarios.map((s) => ({ engine: r.engine, s })));
  const missed = all.filter(({ s }) => !s.pass);
  return [
    `peak RSS (node process, whole bench): ${mib(peakRssBytes())}`,
    missed.length === 0
      ? `all ${all.length} ratios meet their targets`
      : `MISSED: ${missed.map(({ engine, s }) => `${engine} ${s.id} ${s.ratio.toFixed(2)} < ${s.target}`).join('; ')}`,
  ].join('\n');
}

export function writeJson(path: string, body: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
}
