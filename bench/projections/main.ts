// Projection rebuild bench: loads a generated multi-year history (>= 1,000,000 events), then
// measures the raw driver's readAll and a rebuild of every projection, per engine. See bench/README.md.
// Run: npm run bench:projections   (BENCH_PROJECTION_EVENTS=100000 for a quick look)
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { ALL_PROJECTIONS, ProjectionRunner, type RebuildProgress } from '@pm/projections';
import { summarize } from '../profile/summarize-cpuprofile';
import { PostgresDatabases } from '../databases';
import { formatLoad, LoadSampler } from '../machine-load';
import { collectGarbage, measurement, type Measurement } from '../measure';
import { writeJson } from '../report';
import { loadProjectionBenchConfig, type ProjectionBenchConfig } from './config';
import { withCpuProfile } from './cpu-profile';
import { postgresEngine, sqliteEngine, type EngineUnderTest } from './engines';
import { generateHistory, loadHistory, type HistoryOptions } from './history-generator';
import { fastest, formatEngine, passes, RATIO_TARGET, RSS_TARGET_BYTES, type EngineResult } from './report';
import { maxRssBytes, RssSampler } from './rss-sampler';

const RAW_RUNS = 2;
/** The runner's default, as the service and `cli rebuild` use it. */
const BATCH_SIZE = 2000;
const PROGRESS_EVERY_MS = 10_000;
const PROBE_EMPLOYEES = 1000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');
const rssMib = (): string => `${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MiB RSS`;

/** The headcount that yields at least `config.events` events: counted on a small company, scaled up with a margin. */
function historyFor(config: ProjectionBenchConfig): HistoryOptions {
  const probe = { employees: PROBE_EMPLOYEES, years: config.years, seed: config.seed };
  let events = 0;
  for (const batch of generateHistory(probe)) events += batch.events.length;
  return { ...probe, employees: Math.ceil((config.events / events) * PROBE_EMPLOYEES * 1.02) };
}

function throttled(label: string, startedAt: number): (done: number, of?: number) => void {
  let last = startedAt;
  return (done, of) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const rate = Math.round((done * 1000) / (now - startedAt));
    log(`  ${label}: ${fmt(done)}${of ? ` / ${fmt(of)}` : ''} events, ${fmt(rate)} ev/s, ${rssMib()}`);
  };
}

async function timed(work: () => Promise<number>): Promise<Measurement> {
  collectGarbage();
  const started = performance.now();
  const events = await work();
  return measurement(events, performance.now() - started);
}

async function benchEngine(engine: EngineUnderTest, history: HistoryOptions, config: ProjectionBenchConfig, rss: RssSampler): Promise<EngineResult> {
  const name = engine.engine;
  log(`${name}: loading the history of ${fmt(history.employees)} employees over ${history.years} years (seed ${history.seed})`);
  rss.enter(`${name}:load`);
  const loadStarted = performance.now();
  const load = await timed(() => loadHistory(engine.store, history, throttled('loaded', loadStarted)));
  log(`${name}: loaded ${fmt(load.events)} events in ${(load.ms / 1000).toFixed(1)} s (${fmt(load.eventsPerSec)} ev/s), ${rssMib()}`);

  rss.enter(`${name}:read`);
  const raw = await engine.openRaw();
  const rawRuns: Measurement[] = [];
  try {
    await raw.readAll();
    for (let run = 0; run < RAW_RUNS; run++) rawRuns.push(await timed(() => raw.readAll()));
  } finally {
    await raw.close();
  }
  const adapterReadAll = await timed(async () => {
    let events = 0;
    for await (const _event of engine.store.readAll()) events++;
    return events;
  });
  log(`${name}: raw readAll ${rawRuns.map((m) => fmt(m.eventsPerSec)).join(', ')} ev/s; adapter readAll ${fmt(adapterReadAll.eventsPerSec)} ev/s`);

  rss.enter(`${name}:rebuild`);
  const readModels = await engine.openReadModels();
  try {
    const runner = new ProjectionRunner(engine.store, readModels, ALL_PROJECTIONS, { batchSize: BATCH_SIZE });
    const started = performance.now();
    const progress = throttled('rebuilt', started);
    const onProgress = (p: RebuildProgress): void => progress(p.eventsApplied, load.events);
    const profileFile = join(config.outFile, '..', `projections-${name}-rebuild.cpuprofile`);
    const rebuildAll = () => runner.rebuild(undefined, { restart: true, onProgress });
    const reports = await timed(async () => {
      const done = config.profile ? await withCpuProfile(profileFile, rebuildAll) : await rebuildAll();
      return Math.min(...done.map((r) => r.eventsApplied));
    });
    log(`${name}: rebuilt ${ALL_PROJECTIONS.length} projections over ${fmt(reports.events)} events in ${(reports.ms / 1000).toFixed(1)} s, ${rssMib()}`);
    const deadLetters = (await readModels.deadLetters()).length;
    const rawBest = fastest(rawRuns);
    return {
      engine: name,
      setup: engine.setup,
      load,
      rawReadAll: rawRuns,
      adapterReadAll,
      rebuild: { ...reports, batchSize: BATCH_SIZE, profiled: config.profile },
      ratio: Math.round((reports.eventsPerSec / rawBest.eventsPerSec) * 1000) / 1000,
      rssPeakBytes: { load: rss.peak(`${name}:load`), read: rss.peak(`${name}:read`), rebuild: rss.peak(`${name}:rebuild`) },
      maxRssBytes: maxRssBytes(),
      deadLetters,
      documents: await engine.documentCounts(),
      ...(config.profile ? { profileTop: summarize(JSON.parse(readFileSync(profileFile, 'utf8')), 25) } : {}),
    };
  } finally {
    await readModels.close();
  }
}

async function main(): Promise<void> {
  const config = loadProjectionBenchConfig();
  const startedAt = new Date();
  const machine = new LoadSampler();
  const rss = new RssSampler();
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (npm run bench:projections does) for a GC between measurements');
  const history = historyFor(config);
  log(`projection bench: >= ${fmt(config.events)} events per engine (${fmt(history.employees)} employees, ${history.years} years), engines ${config.engines.join(',')}`);

  let databases: PostgresDatabases | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await databases?.stop().catch((error: unknown) => log(`stopping postgres failed: ${String(error)}`));
      rmSync(config.workDir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: EngineResult[] = [];
  try {
    for (const name of config.engines) {
      let engine: EngineUnderTest;
      if (name === 'sqlite') {
        mkdirSync(config.workDir, { recursive: true });
        engine = await sqliteEngine(config.workDir);
      } else {
        databases ??= await PostgresDatabases.start(config.postgresUrl);
        engine = await postgresEngine(databases);
      }
      try {
        results.push(await benchEngine(engine, history, config, rss));
      } finally {
        await engine.dispose();
      }
    }
  } finally {
    await cleanUp();
  }

  rss.stop();
  const load = machine.stop();
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  console.log('');
  console.log(
    `Projection rebuild vs raw readAll: ${fmt(history.employees)} employees over ${history.years} years, all ${ALL_PROJECTIONS.length} projections (${ALL_PROJECTIONS.map((p) => p.name).join(', ')}); node ${process.version}, ${cpus().length} cores, ${seconds}s`,
  );
  for (const result of results) console.log(`\n${formatEngine(result)}`);
  const missed = results.filter((r) => !passes(r)).map((r) => r.engine);
  console.log(`\n${missed.length === 0 ? 'all engines meet the targets' : `MISSED by: ${missed.join(', ')}`} (rebuild/raw >= ${RATIO_TARGET}, peak RSS <= ${RSS_TARGET_BYTES / 1024 ** 3} GiB, 0 dead letters)`);
  console.log(formatLoad(load));

  writeJson(config.outFile, {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    config: { ...config, workDir: undefined, outFile: relative(process.cwd(), config.outFile) },
    history,
    targets: { ratio: RATIO_TARGET, rssBytes: RSS_TARGET_BYTES, deadLetters: 0 },
    load,
    engines: results,
  });
  console.log(`results: ${relative(process.cwd(), config.outFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
