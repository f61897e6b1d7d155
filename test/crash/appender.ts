/**
 * Child program of the crash test (store-crash.int-spec.ts): opens an event store and appends
 * until it is killed. After each append's promise resolves, and only then, it writes one JSON
 * line to stdout describing the acknowledged append. The parent SIGKILLs it at a random moment
 * and checks that every acknowledged append is still in the store.
 *
 *   node -r @swc-node/register test/crash/appender.ts --engine sqlite --path /tmp/x/store.db [--synchronous NORMAL]
 *   CRASH_STORE_URL=postgres://... node -r @swc-node/register test/crash/appender.ts --engine postgres [--workers 4]
 *
 * stdout protocol, one JSON object a line (each well under PIPE_BUF, so a write is atomic):
 *   {"type":"ready","streams":n,"events":n,"head":p}
 *   {"type":"ack","streamId":s,"revision":r,"position":p,"events":[[id,revision,position],...]}
 *   {"type":"batch","ids":[id,...]}   written before an appendMany starts: its events, all or none of
 *                                      which must be in the store after the kill; each stream's ack follows
 *                                      once the batch is acknowledged
 * Writes to a pipe are synchronous in Node on Linux, so a line is in the kernel's pipe buffer
 * (and survives the kill) by the time the next append starts.
 */
import { randomUUID } from 'node:crypto';
import {
  PostgresEventStore,
  SqliteEventStore,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type SqliteSynchronous,
} from '@pm/event-store';

interface Args {
  engine: 'sqlite' | 'postgres';
  path?: string;
  url?: string;
  synchronous: SqliteSynchronous;
  workers: number;
  /** How many recently used streams the child keeps appending to. */
  workingSet: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const engine = get('engine') ?? process.env.CRASH_ENGINE;
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine sqlite|postgres, got ${engine}`);
  const args: Args = {
    engine,
    path: get('path') ?? process.env.CRASH_STORE_PATH,
    url: get('url') ?? process.env.CRASH_STORE_URL,
    synchronous: (get('synchronous') ?? process.env.CRASH_SQLITE_SYNCHRONOUS ?? 'FULL') as SqliteSynchronous,
    workers: Number(get('workers') ?? (engine === 'postgres' ? 4 : 1)),
    workingSet: Number(get('working-set') ?? 48),
  };
  if (engine === 'sqlite' && !args.path) throw new Error('sqlite needs --path or CRASH_STORE_PATH');
  if (engine === 'postgres' && !args.url) throw new Error('postgres needs --url or CRASH_STORE_URL');
  return args;
}

async function openStore(args: Args): Promise<EventStore> {
  if (args.engine === 'sqlite') return new SqliteEventStore({ path: args.path!, synchronous: args.synchronous });
  return PostgresEventStore.open({ connectionString: args.url!, poolSize: args.workers + 1 });
}

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// ---- realistic small events of a performance-review stream ----------------------------------

const ROLES = ['manager', 'hrbp', 'calibrator', 'employee'] as const;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const tenantId = 'tenant-crash';

function metadata(correlationId: string, causationId?: string): NewEvent['metadata'] {
  return {
    actor: { id: `user-${Math.floor(Math.random() * 500)}`, role: pick(ROLES) },
    occurredAt: new Date().toISOString(),
    correlationId,
    ...(causationId ? { causationId } : {}),
    tenantId,
    policyVersion: '2025.1',
  };
}

function reviewStarted(streamId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'ReviewCycleStarted',
    data: {
      reviewId: streamId,
      employeeId: `emp-${Math.floor(Math.random() * 10_000)}`,
      cycle: '2025-H2',
      managerId: `user-${Math.floor(Math.random() * 500)}`,
      dueDate: '2025-12-15',
    },
    metadata: metadata(randomUUID()),
  };
}

function followUps(count: number): NewEvent[] {
  const correlationId = randomUUID();
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const causationId = events.length ? events[events.length - 1].id : undefined;
    switch (Math.floor(Math.random() * 4)) {
      case 0:
        events.push({
          id,
          type: 'RatingSubmitted',
          data: {
            dimension: pick(['impact', 'craft', 'collaboration', 'leadership']),
            score: 1 + Math.floor(Math.random() * 5),
            comment: 'Delivered the Q3 migration ahead of plan; mentoring two juniors.',
          },
          metadata: metadata(correlationId, causationId),
        });
        break;
      case 1:
        events.push({
          id,
          type: 'CalibrationAdjusted',
          schemaVersion: 2,
          data: { from: 3, to: pick([2, 3, 4]), reason: 'Calibrated against peers in the platform org', sessionId: `cal-${Math.floor(Math.random() * 40)}` },
          metadata: metadata(correlationId, causationId),
        });
        break;
      case 2:
        events.push({
          id,
          type: 'FocusAreaSet',
          data: { area: pick(['system design', 'stakeholder communication', 'on-call quality']), targetDate: '2026-03-31', weights: [0.5, 0.3, 0.2] },
          metadata: metadata(correlationId, causationId),
        });
        break;
      default:
        events.push({
          id,
          type: 'ReviewNoteAdded',
          data: { note: 'Discussed growth plan — über-clear expectations, ✓ agreed.', visibility: pick(['private', 'shared']), attachments: [] },
          metadata: metadata(correlationId, causationId),
        });
    }
  }
  return events;
}

// ---- the append loop ---------------------------------------------------------------------------

/** Streams this process appends to, with their last known revision. */
class WorkingSet {
  private readonly revisions = new Map<string, number>();
  private readonly busy = new Set<string>();
  constructor(private readonly capacity: number) {}

  set(streamId: string, revision: number): void {
    this.revisions.delete(streamId); // re-insert: Map order is recency order
    this.revisions.set(streamId, revision);
    while (this.revisions.size > this.capacity) {
      const oldest = [...this.revisions.keys()].find((s) => !this.busy.has(s));
      if (!oldest) break;
      this.revisions.delete(oldest);
    }
  }

  get(streamId: string): number | undefined {
    return this.revisions.get(streamId);
  }

  /** A random stream nobody else is appending to right now. */
  checkout(): string | undefined {
    const free = [...this.revisions.keys()].filter((s) => !this.busy.has(s));
    if (free.length === 0) return undefined;
    const streamId = pick(free);
    this.busy.add(streamId);
    return streamId;
  }

  release(streamId: string): void {
    this.busy.delete(streamId);
  }

  get size(): number {
    return this.revisions.size;
  }
}

function ack(result: AppendResult): void {
  emit({
    type: 'ack',
    streamId: result.streamId,
    revision: result.revision,
    position: result.position,
    events: result.events.map((e) => [e.id, e.revision, e.position]),
  });
}

async function worker(store: EventStore, streams: WorkingSet): Promise<never> {
  for (let n = 0; ; n++) {
    const existing = streams.size > 0 && Math.random() < 0.6 ? streams.checkout() : undefined;
    if (existing !== undefined && store.capabilities.atomicAppendMany && Math.random() < 0.3) {
      await appendBatch(store, streams, existing);
    } else if (existing === undefined) {
      // A single-event append that creates a new stream.
      const streamId = `review-${randomUUID()}`;
      const result = await store.append(streamId, [reviewStarted(streamId)], { expectedRevision: 'no_stream' });
      ack(result);
      streams.set(streamId, result.revision);
    } else {
      // A multi-event append with an exact expected revision.
      try {
        const expected = streams.get(existing)!;
        const result = await store.append(existing, followUps(2 + Math.floor(Math.random() * 3)), { expectedRevision: expected });
        ack(result);
        streams.set(existing, result.revision);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Someone (a killed predecessor whose last commit landed late) moved the stream: catch up.
        const stream = await store.readStream(existing);
        process.stderr.write(`appender: ${existing} was at ${stream.revision}, expected ${String(error.expected)}; continuing from there\n`);
        streams.set(existing, stream.revision);
      } finally {
        streams.release(existing);
      }
    }
    // Let I/O (and the parent's signals) through now and then; sqlite appends resolve synchronously.
    if (n % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One atomic multi-stream append: follow-ups on an existing stream at its revision, plus new streams. */
async function appendBatch(store: EventStore, streams: WorkingSet, existing: string): Promise<void> {
  const created = Array.from({ length: 1 + Math.floor(Math.random() * 2) }, () => `review-${randomUUID()}`);
  const appends = [
    { streamId: existing, events: followUps(1 + Math.floor(Math.random() * 3)), expectedRevision: streams.get(existing)! },
    ...created.map((streamId) => ({ streamId, events: [reviewStarted(streamId)], expectedRevision: 'no_stream' as const })),
  ];
  emit({ type: 'batch', ids: appends.flatMap((a) => a.events.map((e) => e.id)) });
  try {
    const results = await store.appendMany(appends);
    results.forEach(ack);
    results.forEach((r) => streams.set(r.streamId, r.revision));
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
    streams.set(existing, (await store.readStream(existing)).revision);
  } finally {
    streams.release(existing);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const store = await openStore(args);

  // Continue where the previous (killed) run left off: find every stream, then read the most
  // recently written ones back and keep appending to them at their real revision.
  const lastRevision = new Map<string, number>();
  let events = 0;
  let head = 0;
  for await (const event of store.readAll()) {
    lastRevision.delete(event.streamId);
    lastRevision.set(event.streamId, event.revision);
    events++;
    head = event.position;
  }
  const streams = new WorkingSet(args.workingSet);
  for (const streamId of [...lastRevision.keys()].slice(-args.workingSet)) {
    const stream = await store.readStream(streamId);
    streams.set(streamId, stream.revision);
  }
  emit({ type: 'ready', streams: lastRevision.size, events, head });

  await Promise.all(Array.from({ length: args.workers }, () => worker(store, streams)));
}

main().catch((error: unknown) => {
  process.stderr.write(`appender failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
