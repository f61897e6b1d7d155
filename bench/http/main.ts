// HTTP command bench: the Nest API against a bare Fastify route doing the same store append,
// 50 connections of mixed hires, feedback and ratings, on sqlite. See bench/http/README.md.
// Run: node -r @swc-node/register bench/http/main.ts   (BENCH_SCALE=0.2 for a quick run)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { loadHttpConfig, type HttpBenchConfig } from './config';
import { LoadRecorder, waitForQuietMachine, type MachineLoad } from './machine';
import { measureServer, type RunResult } from './measure';
import { formatProfile } from './profile-summary';
import { profileServer, type ProfiledRun } from './profiling';
import { formatResults, summarizeServer, verdict, writeJson, type ServerSummary, type Verdict } from './report';
import { installCleanup, type ServerKind } from './servers';

export interface HttpBenchReport {
  generatedAt: string;
  node: string;
  cpu: string;
  /** The code measured: the API changes under the bench, so the figures belong to this commit. */
  git: { commit: string; dirty: boolean } | undefined;
  config: HttpBenchConfig;
  machine: MachineLoad;
  summaries: ServerSummary[];
  verdicts: Verdict[];
  runs: RunResult[];
  /** The API profiled (and the bare server, for comparison) when the API missed a target. */
  profiles?: ProfiledRun[];
}

const stderr = (line: string): void => void process.stderr.write(`${line}\n`);

function describe(r: RunResult): string {
  const kinds = Object.entries(r.byKind)
    .map(([k, s]) => `${k} ${s.p50Ms}/${s.p99Ms}`)
    .join(', ');
  const bad = r.non2xx + r.errors + r.timeouts > 0 ? `  non-2xx ${r.non2xx}, failed ${r.errors + r.timeouts} ${JSON.stringify(r.statusCodes)}` : '';
  return `${r.server.padEnd(4)} sync=${r.sync} round ${r.round}: ${r.reqPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${kinds}), server CPU ${r.serverCpuMsPerRequest} ms/req (${r.serverCpuPercent}% of a core), load generator ${r.loadGenCpuPercent}%, other processes ${r.othersCpuPercent ?? '?'}%, steal ${r.stealPercent ?? '?'}%${bad}`;
}

function gitState(): HttpBenchReport['git'] {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--', 'apps', 'libs').length > 0 };
  } catch {
    return undefined;
  }
}

const logLevel = () => process.env.BENCH_HTTP_LOG_LEVEL ?? 'warn';

/** Runs the whole HTTP bench, prints the table (stdout) and progress (stderr), writes the JSON. */
export async function runHttpBench(log: (line: string) => void = stderr): Promise<HttpBenchReport> {
  const config = loadHttpConfig();
  installCleanup();
  await waitForQuietMachine(Number(process.env.BENCH_HTTP_MAX_WAIT ?? 1800), log);
  const load = new LoadRecorder();
  log(
    `HTTP bench: ${config.connections} connections, warmup ${config.warmupSeconds} s + ${config.durationSeconds} s measured, ${config.rounds} round(s) of (bare, nest) per sync mode [${config.syncModes.join(', ')}]; mix hires:feedback:ratings ${config.mix.hire}:${config.mix.feedback}:${config.mix.rating}; ${config.seedEmployees} seeded employees, ${config.cycles} open cycle(s); API LOG_LEVEL=${logLevel()}`,
  );

  const runs: RunResult[] = [];
  for (const sync of config.syncModes) {
    for (let round = 1; round <= config.rounds; round++) {
      for (const server of ['bare', 'nest'] as ServerKind[]) {
        const result = await measureServer(server, sync, config, { round, logLevel: logLevel(), log });
        log(describe(result));
        runs.push(result);
      }
    }
  }

  const summaries: ServerSummary[] = [];
  const verdicts: Verdict[] = [];
  for (const sync of config.syncModes) {
    const bare = summarizeServer(runs.filter((r) => r.sync === sync && r.server === 'bare'));
    const nest = summarizeServer(runs.filter((r) => r.sync === sync && r.server === 'nest'));
    summaries.push(bare, nest);
    verdicts.push(verdict(bare, nest, config.targets));
  }

  const headline = verdicts[0];
  const missed = !headline.throughputPass || !headline.p99Pass;
  const profiles: ProfiledRun[] = [];
  if (config.profile === 'always' || (config.profile === 'auto' && missed)) {
    const keep = process.env.BENCH_HTTP_KEEP_PROFILE;
    profiles.push(await profileServer('nest', headline.sync, config, logLevel(), log, keep));
    profiles.push(await profileServer('bare', headline.sync, config, logLevel(), log, keep && keep.replace(/(\.cpuprofile)?$/, '.bare.cpuprofile')));
  }

  const report: HttpBenchReport = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    git: gitState(),
    config,
    machine: load.stop(),
    summaries,
    verdicts,
    runs,
    profiles: profiles.length ? profiles : undefined,
  };

  const lines = [
    '',
    `HTTP commands, sqlite, ${config.connections} connections, mix hires:feedback:ratings ${config.mix.hire}:${config.mix.feedback}:${config.mix.rating}, medians of ${config.rounds} run(s) of ${config.durationSeconds} s each (${report.cpu}, node ${report.node}${report.git ? `, commit ${report.git.commit.slice(0, 7)}${report.git.dirty ? ' + uncommitted changes in apps/libs' : ''}` : ''})`,
    ...formatResults(summaries, verdicts, config.targets),
    `machine load: 1-min load average mean ${report.machine.loadAvg1mMean} (max ${report.machine.loadAvg1mMax}) on ${report.machine.cores} cores${report.machine.loadAvg1mMean > report.machine.cores ? ' -- shared and oversubscribed: trust the paired ratios more than absolute req/s' : ''}`,
  ];
  for (const p of profiles) {
    const title = p.server === 'nest' ? "Where the Nest API's CPU goes" : 'The bare route, for comparison';
    lines.push(
      '',
      `${title} (sync=${p.sync}, profiled run: ${p.run.reqPerSec} req/s, ${p.run.serverCpuMsPerRequest} ms CPU/req, profiler on):`,
      ...formatProfile(p.summary, p.server === 'bare', p.server === 'bare' ? 1 : 0),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  writeJson(config.outFile, report);
  log(`\nwrote ${relative(process.cwd(), config.outFile)}`);
  return report;
}

if (require.main === module) {
  runHttpBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
