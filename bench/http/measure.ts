// One measurement of one server: start it on a fresh store, seed it, warm it up, measure, stop.
import type { HttpBenchConfig, Sync } from './config';
import { runLoad, type LoadResult } from './load';
import { cpuCounters } from './machine';
import { ServerUnderTest, type ServerKind } from './servers';
import { seed, Workload } from './workload';

export interface RunResult extends LoadResult {
  server: ServerKind;
  sync: Sync;
  round: number;
  /** How long seeding the employees and cycles through the API took. */
  seedSeconds: number;
  /** Server process CPU (user + system) during the measured run, per answered request. */
  serverCpuMsPerRequest: number;
  /** Server process CPU during the measured run, as a share of one core. */
  serverCpuPercent: number;
  /** CPU of the load generator (this process: autocannon and its bookkeeping), as a share of one core. */
  loadGenCpuPercent: number;
  /**
   * CPU used by everything else on the machine during the measured run (other processes), and
   * the hypervisor's steal, as shares of one core: high values mean the run was disturbed.
   */
  othersCpuPercent?: number;
  stealPercent?: number;
}

export interface MeasureOptions {
  round: number;
  logLevel: string;
  /** Profile the measured window into this file (the run is then not comparable: profiler on). */
  profileFile?: string;
  log: (line: string) => void;
}

export async function measureServer(kind: ServerKind, sync: Sync, config: HttpBenchConfig, options: MeasureOptions): Promise<RunResult> {
  const server = await ServerUnderTest.start(kind, sync, { logLevel: options.logLevel, profileFile: options.profileFile });
  try {
    const seedStart = performance.now();
    await seed(server.url, config);
    const seedSeconds = Math.round((performance.now() - seedStart) / 10) / 100;
    const workload = new Workload(config, `${kind}${options.round}`);
    await runLoad(server.url, workload, config.connections, config.warmupSeconds);
    if (options.profileFile) server.startProfile();
    const cpuBefore = server.cpuSeconds();
    const loadGenBefore = process.cpuUsage();
    const machineBefore = cpuCounters();
    const result = await runLoad(server.url, workload, config.connections, config.durationSeconds);
    const cpu = server.cpuSeconds() - cpuBefore;
    const loadGen = process.cpuUsage(loadGenBefore);
    const machineAfter = cpuCounters();
    const loadGenSeconds = (loadGen.user + loadGen.system) / 1e6;
    const share = (seconds: number) => Math.round((seconds / result.durationSeconds) * 100);
    if (options.profileFile) await server.stopProfile();
    if (result.responses === 0) throw new Error(`${kind} server answered nothing in the measured run:\n${server.tail()}`);
    return {
      server: kind,
      sync,
      round: options.round,
      seedSeconds,
      ...result,
      serverCpuMsPerRequest: Math.round((cpu / result.responses) * 1e6) / 1e3,
      serverCpuPercent: share(cpu),
      loadGenCpuPercent: share(loadGenSeconds),
      othersCpuPercent: machineBefore && machineAfter ? Math.max(0, share(machineAfter.busy - machineBefore.busy - cpu - loadGenSeconds)) : undefined,
      stealPercent: machineBefore && machineAfter ? share(machineAfter.steal - machineBefore.steal) : undefined,
    };
  } catch (error) {
    options.log(`${kind} server output (last lines):\n${server.tail()}`);
    throw error;
  } finally {
    await server.stop();
  }
}
