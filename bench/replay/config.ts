import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { envNumber } from '../env';

export interface ReplayBenchConfig {
  /** At least this many events are generated and loaded. */
  events: number;
  /** Same span and seed as the projection bench, so both benches read the same kind of history. */
  years: number;
  seed: number;
  /** pm-replay-<pid> under BENCH_DIR (default: the OS temp dir), removed at the end. */
  workDir: string;
  outFile: string;
}

export function loadReplayBenchConfig(): ReplayBenchConfig {
  return {
    events: Math.round(envNumber('BENCH_REPLAY_EVENTS', 1_000_000)),
    years: 8,
    seed: 20_240_601,
    workDir: join(process.env.BENCH_DIR ? resolve(process.env.BENCH_DIR) : tmpdir(), `pm-replay-${process.pid}`),
    outFile: join(__dirname, '..', 'results', 'replay-latest.json'),
  };
}
