// Simulator bench: events/s of `simulateHistory` alone, and of the whole path the CLI takes
// (generate, seal personal fields with the platform's PersonalData, write into SQLite with
// synchronous=NORMAL), for >= 1,000,000 events. Target: 50,000 events/s end to end.
// Run: npm run bench:simulator   (BENCH_SIMULATOR_EVENTS=100000 for a quick look)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import { SqliteEventStore } from '@pm/event-store';
import { PersonalData } from '@pm/platform';
import { openSqliteKeyStore } from '@pm/platform/personal-data/open-key-store';
import type { KeyStore } from '@pm/platform/personal-data/key-store';
import type { Sealer } from '@pm/commands';
import { simulateHistory, simulateOrg, writeSimulation, type SimulationOptions } from '@pm/simulator';
import { envNumber } from '../env';
import { formatLoad, LoadSampler } from '../machine-load';
import { writeJson } from '../report';

const TARGET_EVENTS_PER_SECOND = 50_000;
const YEARS = 4;
const SEED = 20_210_101;
const PROBE_EMPLOYEES = 500;

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Measurement {
  step: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** CPU time of this process (all its threads): on a shared machine, the figure that does not depend on other load. */
  cpuSeconds: number;
  eventsPerCpuSecond: number;
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

function measured(step: string, events: number, seconds: number, cpu: number): Measurement {
  return { step, events, seconds, eventsPerSecond: events / seconds, cpuSeconds: cpu, eventsPerCpuSecond: events / cpu };
}

function countEvents(options: SimulationOptions): number {
  let events = 0;
  for (const batch of simulateHistory(options)) events += batch.events.length;
  return events;
}

function measureGeneration(options: SimulationOptions): Measurement {
  const [started, cpu] = [performance.now(), cpuSeconds()];
  const events = countEvents(options);
  return measured('generate', events, (performance.now() - started) / 1000, cpuSeconds() - cpu);
}

async function measureWrite(step: string, options: SimulationOptions, dir: string, seal?: (keys: KeyStore) => Sealer): Promise<Measurement> {
  const store = new SqliteEventStore({ path: join(dir, `${step}.db`), synchronous: 'NORMAL' });
  const keys = await openSqliteKeyStore(join(dir, `${step}-keys.db`), join(dir, `${step}-kek`), 'NORMAL');
  const cpu = cpuSeconds();
  try {
    const summary = await writeSimulation(store, simulateOrg({ ...options, seal: seal?.(keys) }), {
      progressEvery: 100_000,
      onProgress: (p) => log(`  ${step}: ${fmt(p.events)} events, ${fmt(p.events / p.seconds)} events/s`),
    });
    return measured(step, summary.events, summary.seconds, cpuSeconds() - cpu);
  } finally {
    await store.close();
    await keys.close();
  }
}

async function main(): Promise<void> {
  const wanted = Math.round(envNumber('BENCH_SIMULATOR_EVENTS', 1_000_000));
  const policy: Policy = { ...DEFAULT_POLICY, version: 1 };
  const probe = countEvents({ employees: PROBE_EMPLOYEES, years: YEARS, policy, seed: SEED });
  const options: SimulationOptions = { employees: Math.ceil((wanted / probe) * PROBE_EMPLOYEES * 1.02), years: YEARS, policy, seed: SEED };
  const dir = mkdtempSync(join(tmpdir(), 'pm-simulator-bench-'));
  const machine = new LoadSampler();
  log(`simulator bench: ${fmt(options.employees)} employees x ${YEARS} years (>= ${fmt(wanted)} events), seed ${SEED}, files in ${dir}`);
  try {
    const results = [
      measureGeneration(options),
      await measureWrite('generate+write', options, dir),
      await measureWrite('generate+seal+write', options, dir, (keys) => {
        const personalData = new PersonalData(keys);
        return (type, data) => personalData.protect(type, data);
      }),
    ];
    const load = machine.stop();
    console.log(
      `\nSimulator: ${fmt(options.employees)} employees over ${YEARS} years, policy default@1; SQLite WAL synchronous=NORMAL; node ${process.version}, ${cpus().length} cores`,
    );
    console.log(
      `${'step'.padEnd(22)}${'events'.padStart(12)}${'seconds'.padStart(10)}${'events/s'.padStart(12)}${'CPU s'.padStart(10)}${'events/CPU-s'.padStart(14)}`,
    );
    for (const r of results) {
      console.log(
        `${r.step.padEnd(22)}${fmt(r.events).padStart(12)}${r.seconds.toFixed(1).padStart(10)}${fmt(r.eventsPerSecond).padStart(12)}${r.cpuSeconds.toFixed(1).padStart(10)}${fmt(r.eventsPerCpuSecond).padStart(14)}`,
      );
    }
    const endToEnd = results[results.length - 1];
    const verdict = endToEnd.eventsPerSecond >= TARGET_EVENTS_PER_SECOND ? 'PASS' : 'MISS';
    console.log(
      `end to end ${fmt(endToEnd.eventsPerSecond)} events/s (${fmt(endToEnd.eventsPerCpuSecond)} per CPU-second) against the target of ${fmt(TARGET_EVENTS_PER_SECOND)} events/s: ${verdict}`,
    );
    console.log(formatLoad(load));
    writeJson(join(__dirname, '..', 'results', 'simulator-latest.json'), {
      startedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      options: { ...options, policy: 'default@1' },
      target: TARGET_EVENTS_PER_SECOND,
      results,
      load,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
