import Database from 'better-sqlite3';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig, type BenchConfig } from './config';
import { PostgresDatabases, SqliteFiles } from './databases';
import { postgresOpener, sqliteOpener } from './engines';
import { formatLoad, LoadSampler } from './machine-load';
import { payloadSizes } from './rating-events';
import { RAW_POSTGRES_SCHEMA } from './raw-postgres';
import { RAW_SQLITE_SCHEMA } from './raw-sqlite';
import { formatEngine, formatSummary, peakRssBytes, writeJson, type EngineResult } from './report';
import { appendScenario, batchedAndReadScenarios, type ScenarioResult } from './scenarios';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const fmt = (n: number): string => n.toLocaleString('en-US');

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

const PG_BATCH_BASELINE = {
  unnest: 'one INSERT ... SELECT FROM unnest(arrays) per batch: 1 round trip, autocommit',
  values:
    'one prepared multi-row INSERT ... VALUES (7 params) x batch: 1 round trip, autocommit (fastest raw form measured here: ~10% over unnest, 2-3x over BEGIN + 100 INSERTs + COMMIT)',
  tx: 'BEGIN; one prepared INSERT round trip per event; COMMIT',
} as const;

async function benchSqlite(config: BenchConfig, files: SqliteFiles): Promise<EngineResult> {
  const memory = new Database(':memory:');
  const sqliteVersion = String(memory.prepare('SELECT sqlite_version()').pluck().get());
  memory.close();
  const sync = config.sqliteSync;
  log(`sqlite ${sqliteVersion} (better-sqlite3 ${packageVersion('better-sqlite3')}), WAL, synchronous=${sync}`);
  const scenarios: ScenarioResult[] = [];
  const single = `(a) ${fmt(config.singleAppends)} single-event appends`;
  scenarios.push(await appendScenario(sqliteOpener(files, sync, config), config, 'append', `${single}, sync=${sync}`, 0.7, log));
  if (config.sqliteFull && sync !== 'FULL') {
    scenarios.push(await appendScenario(sqliteOpener(files, 'FULL', config), config, 'append-full', `${single}, sync=FULL`, 0.7, log));
  }
  const { batched, readAll } = await batchedAndReadScenarios(sqliteOpener(files, sync, config), config, log);
  scenarios.push(batched, readAll);
  return {
    engine: 'sqlite',
    setup: `sqlite ${sqliteVersion} via better-sqlite3 ${packageVersion('better-sqlite3')}; WAL; adapter and raw both synchronous=${sync} (FULL where marked); fresh file per measurement`,
    rawBaseline: [
      '(a) one prepared INSERT per event, autocommit (one transaction each)',
      `(b) BEGIN; ${config.batchSize} prepared INSERTs; COMMIT`,
      `(c) SELECT ... WHERE position >= ? ORDER BY position LIMIT ${config.readPageSize} (raw arrays), JSON.parse(data) and JSON.parse(metadata)`,
      'both sides serialize the same generated events (metadata + recordedAt); only the adapter validates, reads the stream head and hashes',
    ],
    rawSchema: RAW_SQLITE_SCHEMA,
    scenarios,
    settings: { sqlite_version: sqliteVersion, synchronous: sync, journal_mode: 'wal' },
    peakRssBytes: peakRssBytes(),
  };
}

async function benchPostgres(config: BenchConfig, databases: PostgresDatabases): Promise<EngineResult> {
  const settings = await databases.settings();
  log(`postgres ${settings.server_version} (pg ${packageVersion('pg')}), synchronous_commit=${settings.synchronous_commit}`);
  const scenarios: ScenarioResult[] = [];
  const opener = postgresOpener(databases, config);
  scenarios.push(await appendScenario(opener, config, 'append', `(a) ${fmt(config.singleAppends)} single-event appends`, 0.7, log));
  const { batched, readAll } = await batchedAndReadScenarios(opener, config, log);
  scenarios.push(batched, readAll);
  return {
    engine: 'postgres',
    setup: `PostgreSQL ${settings.server_version} (${config.postgresUrl ? 'BENCH_PG_URL' : 'embedded'}, fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}) via pg ${packageVersion('pg')}; fresh database per measurement`,
    rawBaseline: [
      '(a) one prepared INSERT round trip per event on one pg.Client, autocommit',
      `(b) ${PG_BATCH_BASELINE[config.pgBatchMode]} [BENCH_PG_BATCH=${config.pgBatchMode}]`,
      `(c) SELECT ... WHERE position >= $1 ORDER BY position LIMIT ${config.readPageSize} (rowMode array, prepared), JSON.parse(data) and JSON.parse(metadata)`,
      'adapter: pg.Pool; a single event is one prepared INSERT ... SELECT, a batch one es_append() call (1 round trip either way); raw: one pg.Client',
    ],
    rawSchema: RAW_POSTGRES_SCHEMA,
    scenarios,
    settings,
    peakRssBytes: peakRssBytes(),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const payload = payloadSizes();
  const startedAt = new Date();
  const sampler = new LoadSampler();
  log(
    `bench: scale=${config.scale} single=${fmt(config.singleAppends)} batched=${fmt(config.batchedEvents)}x${config.batchSize} warmup=${config.warmup} ` +
      `runs a/b/c=${config.appendRuns}/${config.batchRuns}/${config.readRuns} engines=${config.engines.join(',')}; ` +
      `events: RatingProposed, data ~${payload.dataBytes} B + metadata ~${payload.metadataBytes} B of JSON`,
  );
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (npm run bench does) for a GC between measurements');

  const files = new SqliteFiles(config.workDir);
  let databases: PostgresDatabases | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await databases?.stop().catch((error: unknown) => log(`stopping postgres failed: ${String(error)}`));
      files.removeAll();
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: EngineResult[] = [];
  try {
    for (const engine of config.engines) {
      if (engine === 'sqlite') {
        results.push(await benchSqlite(config, files));
      } else {
        databases ??= await PostgresDatabases.start(config.postgresUrl);
        results.push(await benchPostgres(config, databases));
      }
    }
  } finally {
    await cleanUp();
  }

  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const load = sampler.stop();
  console.log('');
  console.log(
    `Event store vs raw driver, same generated events (RatingProposed, ~${payload.dataBytes} B data + ~${payload.metadataBytes} B metadata JSON), ` +
      `${config.appendRuns}/${config.batchRuns}/${config.readRuns} paired runs for (a)/(b)/(c); node ${process.version}, ${cpus().length} cores, ${seconds}s`,
  );
  for (const result of results) console.log(`\n${formatEngine(result)}`);
  console.log(`\n${formatSummary(results)}`);
  console.log(formatLoad(load));

  writeJson(config.outFile, {
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    config: { ...config, workDir: undefined, outFile: relative(process.cwd(), config.outFile) },
    payload,
    load,
    targets: { append: 0.7, batched: 0.5, readAll: 0.7 },
    engines: results,
    peakRssBytes: peakRssBytes(),
  });
  console.log(`results: ${relative(process.cwd(), config.outFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
