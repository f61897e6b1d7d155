import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { envNumber as num } from './env';

export type Engine = 'sqlite' | 'postgres';
export type SqliteSync = 'NORMAL' | 'FULL';
/** How the raw `pg` baseline writes a 100-event batch (see README). */
export type PgBatchMode = 'unnest' | 'values' | 'tx';

export interface BenchConfig {
  scale: number;
  /** (a): single-event appends, each to its own stream. */
  singleAppends: number;
  /** (b): events appended in batches of `batchSize`, one batch = one stream = one transaction. */
  batchedEvents: number;
  batchSize: number;
  /** Untimed operations (appends, or events read) before each timed measurement. */
  warmup: number;
  /** Repetitions per scenario; the report shows the median. */
  appendRuns: number;
  batchRuns: number;
  readRuns: number;
  engines: Engine[];
  /** The `synchronous` pragma of the main sqlite runs (adapter and raw alike). */
  sqliteSync: SqliteSync;
  /** Also run (a) with synchronous=FULL, the adapter's default. */
  sqliteFull: boolean;
  pgBatchMode: PgBatchMode;
  /** Events per interleaving step of a paired write run (both sides get the same chunk). */
  chunkEvents: number;
  /** Events per interleaving step of a paired readAll run. */
  readSlice: number;
  /** Page size of both readAll paths (the adapter's default is 2000). */
  readPageSize: number;
  /** Where fresh sqlite files go: a pm-bench-<pid> directory under BENCH_DIR (default: the OS temp dir), removed at the end. */
  workDir: string;
  /** An existing PostgreSQL admin URL; otherwise an embedded server is started. */
  postgresUrl?: string;
  outFile: string;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = (allowed as readonly string[]).find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!value) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return value as T;
}

export function loadConfig(): BenchConfig {
  const scale = num('BENCH_SCALE', 1);
  const batchSize = Math.round(num('BENCH_BATCH_SIZE', 100));
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean) as Engine[];
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine ${JSON.stringify(engine)}`);
  }
  return {
    scale,
    singleAppends: Math.max(1, Math.round(num('BENCH_SINGLE', 20_000) * scale)),
    batchedEvents: Math.max(batchSize, Math.round((num('BENCH_BATCHED', 200_000) * scale) / batchSize) * batchSize),
    batchSize,
    warmup: Math.round(num('BENCH_WARMUP', 500)),
    appendRuns: Math.round(num('BENCH_RUNS', 3)),
    batchRuns: Math.round(num('BENCH_BATCH_RUNS', num('BENCH_RUNS', 3))),
    readRuns: Math.round(num('BENCH_READ_RUNS', num('BENCH_RUNS', 3))),
    engines,
    sqliteSync: oneOf('BENCH_SQLITE_SYNC', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    sqliteFull: flag('BENCH_SQLITE_FULL', true),
    pgBatchMode: oneOf('BENCH_PG_BATCH', ['unnest', 'values', 'tx'] as const, 'values'),
    chunkEvents: Math.round(num('BENCH_CHUNK', 1000)),
    readSlice: Math.round(num('BENCH_READ_SLICE', 20_000)),
    readPageSize: Math.round(num('BENCH_PAGE_SIZE', 2000)),
    workDir: join(process.env.BENCH_DIR ? resolve(process.env.BENCH_DIR) : tmpdir(), `pm-bench-${process.pid}`),
    postgresUrl: process.env.BENCH_PG_URL || undefined,
    outFile: resolve(process.env.BENCH_OUT ?? join(__dirname, 'results', 'latest.json')),
  };
}
