// Medians per server, the nest/bare ratios against the issue's targets, the table, the JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HttpBenchConfig, Sync } from './config';
import type { RunResult } from './measure';
import type { ServerKind } from './servers';
import { KINDS, type Kind } from './workload';

export interface ServerSummary {
  server: ServerKind;
  sync: Sync;
  runs: number;
  /** Medians over the runs. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerRequest: number;
  /** Summed over the runs: any is a defect of the run. */
  non2xx: number;
  errors: number;
  byKind: Record<Kind, { p50Ms: number; p99Ms: number; non2xx: number }>;
  perRun: { reqPerSec: number; p50Ms: number; p99Ms: number }[];
  /** The most CPU other processes (and the hypervisor's steal) took during any of the runs, % of a core. */
  othersCpuPercentMax?: number;
  stealPercentMax?: number;
}

export interface Verdict {
  sync: Sync;
  throughputRatio: number;
  p99Ratio: number;
  throughputPass: boolean;
  p99Pass: boolean;
  /** Both servers answered 2xx to every request and no request failed. */
  valid: boolean;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function maxOf(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarizeServer(runs: RunResult[]): ServerSummary {
  const m = (pick: (r: RunResult) => number, digits = 2) => round(median(runs.map(pick)), digits);
  return {
    server: runs[0].server,
    sync: runs[0].sync,
    runs: runs.length,
    reqPerSec: m((r) => r.reqPerSec, 0),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    serverCpuMsPerRequest: m((r) => r.serverCpuMsPerRequest, 3),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts, 0),
    byKind: Object.fromEntries(
      KINDS.map((k) => [
        k,
        { p50Ms: m((r) => r.byKind[k].p50Ms), p99Ms: m((r) => r.byKind[k].p99Ms), non2xx: runs.reduce((s, r) => s + r.byKind[k].non2xx, 0) },
      ]),
    ) as ServerSummary['byKind'],
    perRun: runs.map((r) => ({ reqPerSec: r.reqPerSec, p50Ms: r.p50Ms, p99Ms: r.p99Ms })),
    othersCpuPercentMax: maxOf(runs.map((r) => r.othersCpuPercent)),
    stealPercentMax: maxOf(runs.map((r) => r.stealPercent)),
  };
}

export function verdict(bare: ServerSummary, nest: ServerSummary, targets: HttpBenchConfig['targets']): Verdict {
  const throughputRatio = round(nest.reqPerSec / bare.reqPerSec);
  const p99Ratio = round(nest.p99Ms / bare.p99Ms);
  return {
    sync: nest.sync,
    throughputRatio,
    p99Ratio,
    throughputPass: throughputRatio >= targets.throughputRatioMin,
    p99Pass: p99Ratio <= targets.p99RatioMax,
    valid: bare.non2xx + bare.errors + nest.non2xx + nest.errors === 0,
  };
}

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':')).join('|')}|`, ...rows.map(line)];
}

const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? '-' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

export function formatResults(summaries: ServerSummary[], verdicts: Verdict[], targets: HttpBenchConfig['targets']): string[] {
  const rows = summaries.map((s) => [
    `${s.server === 'nest' ? 'Nest API' : 'bare Fastify'} (sync=${s.sync})`,
    fmt(s.reqPerSec),
    fmt(s.p50Ms, 1),
    fmt(s.p99Ms, 1),
    fmt(s.serverCpuMsPerRequest, 3),
    `${s.non2xx}${s.errors ? ` (+${s.errors} failed)` : ''}`,
    KINDS.map((k) => `${fmt(s.byKind[k].p50Ms, 1)}/${fmt(s.byKind[k].p99Ms, 1)}`).join('  '),
    s.perRun.map((r) => fmt(r.reqPerSec)).join(', '),
    `${s.othersCpuPercentMax ?? '?'}% / ${s.stealPercentMax ?? '?'}%`,
  ]);
  const verdictRows = verdicts.map((v) => [
    `sync=${v.sync}`,
    `${v.throughputRatio.toFixed(2)} (>= ${targets.throughputRatioMin}) ${v.throughputPass ? 'PASS' : 'MISS'}`,
    `${v.p99Ratio.toFixed(2)} (<= ${targets.p99RatioMax}) ${v.p99Pass ? 'PASS' : 'MISS'}`,
    v.valid ? 'valid' : 'INVALID: non-2xx or failed requests',
  ]);
  return [
    ...table(
      [
        'server',
        'req/s',
        'p50 ms',
        'p99 ms',
        'server CPU ms/req',
        'non-2xx',
        'p50/p99 ms: hire  feedback  rating',
        'req/s per run',
        'other procs / steal (max)',
      ],
      rows,
    ),
    '',
    ...table(['nest / bare', 'throughput', 'p99', 'run'], verdictRows),
  ];
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
