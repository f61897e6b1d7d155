import { join, resolve } from 'node:path';
import { envNumber as num } from '../env';

export type Sync = 'NORMAL' | 'FULL';

/** Everything the HTTP bench can be told through the environment (see README.md). */
export interface HttpBenchConfig {
  scale: number;
  connections: number;
  /** Untimed load before each measured run, seconds. */
  warmupSeconds: number;
  /** Measured run, seconds. */
  durationSeconds: number;
  /** Rounds of (bare, nest) per sync mode; the report shows the median of each server's runs. */
  rounds: number;
  /** The headline sync mode first, then any others (FULL is the service's default). */
  syncModes: Sync[];
  /** Employees hired before measuring: the targets of feedback and ratings. */
  seedEmployees: number;
  /** Open review cycles ratings are spread over (the issue asks for one). */
  cycles: number;
  /** The request mix, in parts: hires, feedback, ratings. */
  mix: { hire: number; feedback: number; rating: number };
  /** Also run the API once more under the V8 profiler and summarize where its CPU goes. */
  profile: 'auto' | 'always' | 'never';
  /** Targets of the issue: nest/bare throughput at least, and nest/bare p99 at most. */
  targets: { throughputRatioMin: number; p99RatioMax: number };
  outFile: string;
  profileDir: string;
}

function syncModes(): Sync[] {
  const raw = process.env.BENCH_HTTP_SYNC ?? 'NORMAL,FULL';
  const modes = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const mode of modes) if (mode !== 'NORMAL' && mode !== 'FULL') throw new Error(`BENCH_HTTP_SYNC: ${JSON.stringify(mode)} is not NORMAL or FULL`);
  if (modes.length === 0) throw new Error('BENCH_HTTP_SYNC names no mode');
  return [...new Set(modes)] as Sync[];
}

function mix(): HttpBenchConfig['mix'] {
  const raw = process.env.BENCH_HTTP_MIX ?? '2:2:1';
  const parts = raw.split(':').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0) || parts.every((p) => p === 0)) {
    throw new Error(`BENCH_HTTP_MIX must be hires:feedback:ratings in whole parts, e.g. 2:2:1, got ${JSON.stringify(raw)}`);
  }
  return { hire: parts[0], feedback: parts[1], rating: parts[2] };
}

function profileMode(): HttpBenchConfig['profile'] {
  const raw = (process.env.BENCH_HTTP_PROFILE ?? 'auto').toLowerCase();
  if (raw === 'auto' || raw === 'always' || raw === 'never') return raw;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return 'always';
  if (['0', 'false', 'no', 'off'].includes(raw)) return 'never';
  throw new Error(`BENCH_HTTP_PROFILE must be auto, always or never, got ${JSON.stringify(raw)}`);
}

export function loadHttpConfig(): HttpBenchConfig {
  const scale = num('BENCH_SCALE', 1);
  return {
    scale,
    connections: Math.round(num('BENCH_HTTP_CONNECTIONS', 50)),
    warmupSeconds: Math.max(1, Math.round(num('BENCH_HTTP_WARMUP', 3) * Math.min(1, scale))),
    durationSeconds: Math.max(1, Math.round(num('BENCH_HTTP_DURATION', 12) * scale)),
    rounds: Math.round(num('BENCH_HTTP_ROUNDS', 2)),
    syncModes: syncModes(),
    seedEmployees: Math.max(50, Math.round(num('BENCH_HTTP_EMPLOYEES', 1000) * Math.min(1, scale))),
    cycles: Math.round(num('BENCH_HTTP_CYCLES', 1)),
    mix: mix(),
    profile: profileMode(),
    targets: { throughputRatioMin: 0.5, p99RatioMax: 2 },
    outFile: resolve(process.env.BENCH_HTTP_OUT ?? join(__dirname, '..', 'results', 'http-latest.json')),
    profileDir: resolve(process.env.BENCH_HTTP_PROFILE_DIR ?? join(__dirname, '..', 'results', 'http-profile')),
  };
}
