// Replay bench: loads a generated history (>= 1,000,000 events) into sqlite, then measures the raw
// readAll, a first replay from an empty ReplayHistory, and repeated replays on the folded history.
// See bench/README.md. Run: npm run bench:replay   (BENCH_REPLAY_EVENTS=100000 for a quick look)
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import type { EventEnvelope, EventStore } from '@pm/event-store';
import { replay, ReplayHistory } from '@pm/replay';
import { formatLoad, LoadSampler } from '../machine-load';
import { collectGarbage, measurement, type Measurement } from '../measure';
import { writeJson } from '../report';
import { sqliteEngine, type EngineUnderTest } from '../projections/engines';
import { historyForEvents, loadHistory, type HistoryOptions } from '../history';
import { maxRssBytes, RssSampler } from '../projections/rss-sampler';
import { loadReplayBenchConfig } from './config';
import { FIRST, policyOf, REPEATED, type Counterfactual } from './policies';
import { fastest, formatResult, RATIO_TARGET, REPEAT_TARGET_MS, RSS_TARGET_BYTES, verdicts, type RepeatedReplay, type ReplayBenchResult } from './report';

const RAW_RUNS = 2;
/** As the API's ReplayHistoryCache folds the feed. */
const CHUNK = 10_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');

async function rawReadAll(engine: EngineUnderTest): Promise<Measurement[]> {
  const raw = await engine.openRaw();
  try {
    await raw.readAll();
    const runs: Measurement[] = [];
    for (let run = 0; run < RAW_RUNS; run++) {
      collectGarbage();
      const started = performance.now();
      const events = await raw.readAll();
      runs.push(measurement(events, performance.now() - started));
    }
    return runs;
  } finally {
    await raw.close();
  }
}

/** Reads the whole store into `history`, CHUNK events per apply. */
async function fold(store: EventStore, history: ReplayHistory, rss: RssSampler): Promise<number> {
  let chunk: EventEnvelope[] = [];
  let events = 0;
  for await (const event of store.readAll()) {
    chunk.push(event);
    if (chunk.length === CHUNK) {
      events += history.apply(chunk);
      chunk = [];
      rss.sample();
    }
  }
  return events + history.apply(chunk);
}

function replayOnce(history: ReplayHistory, counterfactual: Counterfactual): { ms: number; changedOutcomes: number } {
  const started = performance.now();
  const result = replay(history, { counterfactual: counterfactual.policy, policyOf });
  return { ms: performance.now() - started, changedOutcomes: result.changedOutcomes.length };
}

async function bench(engine: EngineUnderTest, history: HistoryOptions, rss: RssSampler): Promise<ReplayBenchResult> {
  log(`loading the history of ${fmt(history.employees)} employees over ${history.years} years (seed ${history.seed})`);
  const loadStarted = performance.now();
  let lastLog = loadStarted;
  const loaded = await loadHistory(engine.store, history, (done) => {
    rss.sample();
    if (performance.now() - lastLog < 10_000) return;
    lastLog = performance.now();
    log(`  loaded ${fmt(done)} events, ${fmt(Math.round((done * 1000) / (lastLog - loadStarted)))} ev/s`);
  });
  const load = measurement(loaded, performance.now() - loadStarted);
  log(`loaded ${fmt(load.events)} events in ${(load.ms / 1000).toFixed(1)} s (${fmt(load.eventsPerSec)} ev/s)`);

  const raw = await rawReadAll(engine);
  log(`raw readAll ${raw.map((m) => fmt(m.eventsPerSec)).join(', ')} ev/s`);

  collectGarbage();
  const replayHistory = new ReplayHistory();
  const started = performance.now();
  const events = await fold(engine.store, replayHistory, rss);
  const folded = performance.now();
  const first = replayOnce(replayHistory, FIRST);
  const firstReplay = {
    ...measurement(events, performance.now() - started),
    counterfactual: FIRST.label,
    foldMs: Math.round(folded - started),
    replayMs: Math.round(first.ms),
    changedOutcomes: first.changedOutcomes,
  };
  rss.sample();
  log(`first replay ${fmt(firstReplay.eventsPerSec)} ev/s (${(firstReplay.ms / 1000).toFixed(1)} s)`);

  const repeated: RepeatedReplay[] = REPEATED.map((counterfactual) => {
    const run = replayOnce(replayHistory, counterfactual);
    rss.sample();
    log(`repeated replay (${counterfactual.label}) ${Math.round(run.ms)} ms`);
    return { counterfactual: counterfactual.label, ms: Math.round(run.ms), changedOutcomes: run.changedOutcomes };
  });
  rss.stop();

  return {
    setup: engine.setup,
    load,
    rawReadAll: raw,
    firstReplay,
    ratio: Math.round((firstReplay.eventsPerSec / fastest(raw).eventsPerSec) * 1000) / 1000,
    repeated,
    repeatedMaxMs: Math.max(...repeated.map((r) => r.ms)),
    rssPeakBytes: rss.peak('start'),
    maxRssBytes: maxRssBytes(),
  };
}

async function main(): Promise<void> {
  const config = loadReplayBenchConfig();
  const startedAt = new Date();
  const machine = new LoadSampler();
  const rss = new RssSampler();
  const history = historyForEvents(config.events, config.years, config.seed);
  log(`replay bench: >= ${fmt(config.events)} events in sqlite under ${config.workDir}`);

  mkdirSync(config.workDir, { recursive: true });
  const cleanUp = (): void => rmSync(config.workDir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  let result: ReplayBenchResult;
  try {
    const engine = await sqliteEngine(config.workDir);
    try {
      result = await bench(engine, history, rss);
    } finally {
      await engine.dispose();
    }
  } finally {
    cleanUp();
  }

  const load = machine.stop();
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const pass = verdicts(result);
  console.log('');
  console.log(
    `Replay vs raw readAll: ${fmt(history.employees)} employees over ${history.years} years; node ${process.version}, ${cpus().length} cores, ${seconds}s`,
  );
  console.log(`\n${formatResult(result)}`);
  const missed = Object.entries(pass)
    .filter(([, ok]) => !ok)
    .map(([target]) => target);
  console.log(
    `\n${missed.length === 0 ? 'all targets met' : `MISSED: ${missed.join(', ')}`} (first/raw >= ${RATIO_TARGET}, each repeated replay < ${REPEAT_TARGET_MS / 1000} s, peak RSS <= ${RSS_TARGET_BYTES / 1024 ** 3} GiB)`,
  );
  console.log(formatLoad(load));

  writeJson(config.outFile, {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    config: { ...config, workDir: undefined, outFile: relative(process.cwd(), config.outFile) },
    history,
    targets: { ratio: RATIO_TARGET, repeatedMs: REPEAT_TARGET_MS, rssBytes: RSS_TARGET_BYTES },
    load,
    result,
    pass,
  });
  console.log(`results: ${relative(process.cwd(), config.outFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
