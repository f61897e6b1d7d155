/**
 * Child program of the rebuild crash test (rebuild-crash.int-spec.ts): rebuilds every projection
 * from an existing event store into a read-model store, the way `cli rebuild` does, and prints one
 * JSON line with the rebuild reports when it is done. The parent SIGKILLs it part-way, then runs it
 * again without --restart so that it resumes.
 *
 *   node -r @swc-node/register test/crash/rebuilder.ts --engine sqlite --events /tmp/x/events.db --read-models /tmp/x/rm.db [--restart] [--batch-size 500]
 *   REBUILD_DATABASE_URL=postgres://... node -r @swc-node/register test/crash/rebuilder.ts --engine postgres [--restart] [--batch-size 500]
 *
 * stdout: {"type":"rebuilt","reports":[{name, version, slotId, resumedFrom, eventsApplied}, ...]}
 */
import { openEventStore, type EventStore } from '@pm/event-store';
import { ALL_PROJECTIONS, openPostgresReadModelStore, openSqliteReadModelStore, ProjectionRunner, type ReadModelStore } from '@pm/projections';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function open(argv: string[]): Promise<{ events: EventStore; readModels: ReadModelStore }> {
  const engine = option(argv, 'engine');
  if (engine === 'sqlite') {
    const events = option(argv, 'events');
    const readModels = option(argv, 'read-models');
    if (!events || !readModels) throw new Error('sqlite needs --events and --read-models');
    return { events: await openEventStore({ engine: 'sqlite', path: events, synchronous: 'NORMAL' }), readModels: await openSqliteReadModelStore(readModels) };
  }
  if (engine === 'postgres') {
    const url = process.env.REBUILD_DATABASE_URL;
    if (!url) throw new Error('postgres needs REBUILD_DATABASE_URL');
    return { events: await openEventStore({ engine: 'postgres', url }), readModels: await openPostgresReadModelStore(url) };
  }
  throw new Error(`--engine sqlite|postgres, got ${engine}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { events, readModels } = await open(argv);
  try {
    const runner = new ProjectionRunner(events, readModels, ALL_PROJECTIONS, { batchSize: Number(option(argv, 'batch-size') ?? 500) });
    const reports = await runner.rebuild(undefined, { restart: argv.includes('--restart') });
    process.stdout.write(`${JSON.stringify({ type: 'rebuilt', reports })}\n`);
  } finally {
    await readModels.close();
    await events.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuilder failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
