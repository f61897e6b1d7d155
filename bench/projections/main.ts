// Projection rebuild bench: loads a generated multi-year history (>= 1,000,000 events), then
// measures the raw driver's readAll and a rebuild of every projection, per engine, each engine in
// a process of its own (engine-bench.ts). See bench/README.md.
// Run: npm run bench:projections   (BENCH_PROJECTION_EVENTS=100000 for a quick look)
import { execFileSync, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { ALL_PROJECTIONS } from '@pm/projections';
import { formatLoad, LoadSampler } from '../machine-load';
import { writeJson } from '../report';
import { loadProjectionBenchConfig, type Engine } from './config';
import { historyForEvents, type HistoryOptions } from '../history';
import { formatEngine, passes, RATIO_TARGET, RSS_TARGET_BYTES, type EngineResult } from './report';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');

/** The code measured: the runner and the stores change under the bench, so the figures belong to this commit. */
function gitState(): { commit: string; libsDirty: boolean } | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), libsDirty: git('status', '--porcelain', '--', 'libs').length > 0 };
  } catch {
    return undefined;
  }
}

/** Runs engine-bench.ts for one engine in a child process; its progress goes to our stderr. */
function benchInChild(engine: Engine, history: HistoryOptions): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'engine-bench.ts'), [engine, JSON.stringify(history)], {
      execArgv: ['--expose-gc', '-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: EngineResult | undefined;
    child.on('message', (message) => (result = message as EngineResult));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      result ? resolve(result) : reject(new Error(`the ${engine} bench exited (code ${code}, signal ${signal}) without a result`)),
    );
  });
}

async function main(): Promise<void> {
  const config = loadProjectionBenchConfig();
  const startedAt = new Date();
  const git = gitState();
  const machine = new LoadSampler();
  const history = historyForEvents(config.events, config.years, config.seed);
  log(
    `projection bench: >= ${fmt(config.events)} events per engine (${fmt(history.employees)} employees, ${history.years} years), engines ${config.engines.join(',')}`,
  );

  const results: EngineResult[] = [];
  for (const engine of config.engines) results.push(await benchInChild(engine, history));

  const load = machine.stop();
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  console.log('');
  console.log(
    `Projection rebuild vs raw readAll: ${fmt(history.employees)} employees over ${history.years} years, all ${ALL_PROJECTIONS.length} projections (${ALL_PROJECTIONS.map((p) => p.name).join(', ')}); ` +
      `code ${git ? `${git.commit}${git.libsDirty ? ' + uncommitted changes in libs/' : ''}` : 'unknown'}; node ${process.version}, ${cpus().length} cores, ${seconds}s`,
  );
  for (const result of results) console.log(`\n${formatEngine(result)}`);
  const missed = results.filter((r) => !passes(r)).map((r) => r.engine);
  console.log(
    `\n${missed.length === 0 ? 'all engines meet the targets' : `MISSED by: ${missed.join(', ')}`} (rebuild/raw >= ${RATIO_TARGET}, peak RSS <= ${RSS_TARGET_BYTES / 1024 ** 3} GiB, 0 dead letters)`,
  );
  console.log(formatLoad(load));

  writeJson(config.outFile, {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    git,
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
