import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { envNumber } from '../env';

export type Engine = 'sqlite' | 'postgres';

export interface ProjectionBenchConfig {
  /** At least this many events are generated and loaded. */
  events: number;
  /** The history spans this many years (two review cycles each); the headcount is sized to reach `events`. */
  years: number;
  seed: number;
  engines: Engine[];
  /** The sqlite files' directory: pm-projections-<pid> of the engine's process under BENCH_DIR (default: the OS temp dir), removed at the end. */
  workDir: string;
  /** An existing PostgreSQL admin URL; otherwise an embedded server is started. */
  postgresUrl?: string;
  /** Also write a CPU profile of each rebuild and print where its time goes. */
  profile: boolean;
  outFile: string;
}

export function loadProjectionBenchConfig(): ProjectionBenchConfig {
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine ${JSON.stringify(engine)}`);
  }
  return {
    events: Math.round(envNumber('BENCH_PROJECTION_EVENTS', 1_000_000)),
    years: 8,
    seed: 20_240_601,
    engines: engines as Engine[],
    workDir: join(process.env.BENCH_DIR ? resolve(process.env.BENCH_DIR) : tmpdir(), `pm-projections-${process.pid}`),
    postgresUrl: process.env.BENCH_PG_URL || undefined,
    profile: ['1', 'true', 'yes', 'on'].includes((process.env.BENCH_PROJECTION_PROFILE ?? '').toLowerCase()),
    outFile: join(__dirname, '..', 'results', 'projections-latest.json'),
  };
}
