import { stampEvents, type CommandIssuer } from '@pm/commands';
import type { Decider, DomainEvent } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import type { DeterministicIds } from './deterministic-ids';
import type { AppendBatch } from './simulation-options';

/** One stream being written: its id, the revision it will be at, and events not yet handed out. */
export interface LoggedStream {
  readonly streamId: string;
  revision: number;
  queued: NewEvent[];
}

/**
 * Events waiting to be appended, per stream, with the revision each stream will be at. A new
 * stream's first events are appended on their own ahead of everything else queued, so a stream is
 * never referred to (a manager, a colleague) before it exists.
 */
export class StreamLog {
  private created: AppendBatch[] = [];
  private dirty: LoggedStream[] = [];

  record(stream: LoggedStream, events: NewEvent[]): void {
    if (events.length === 0) return;
    const before = stream.revision;
    stream.revision += events.length;
    if (before < 0) {
      this.created.push({ streamId: stream.streamId, events, expectedRevision: 'no_stream' });
      return;
    }
    if (stream.queued.length === 0) this.dirty.push(stream);
    for (const event of events) stream.queued.push(event);
  }

  /** Everything recorded since the last flush: created streams first, then the rest by first record. */
  *flush(): Generator<AppendBatch> {
    const created = this.created;
    const dirty = this.dirty;
    this.created = [];
    this.dirty = [];
    yield* created;
    for (const stream of dirty) {
      const events = stream.queued;
      stream.queued = [];
      yield { streamId: stream.streamId, events, expectedRevision: stream.revision - events.length };
    }
  }
}

/** What the API would stamp on a command's events, minus `recordedAt` (the store's). */
export interface CommandMetadata {
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
}

interface Folded<S> extends LoggedStream {
  state: S;
}

/**
 * Streams of one decider, each folded as it grows: a command is decided on the current state
 * exactly as the API does, its events evolve the state and are queued on the log.
 */
export class DecidedStreams<C, E extends DomainEvent, S> {
  private readonly streams = new Map<string, Folded<S>>();

  constructor(
    private readonly decider: Decider<C, E, S>,
    private readonly streamIdOf: (id: string) => string,
    private readonly log: StreamLog,
    private readonly ids: DeterministicIds,
    private readonly stamp: { actor: CommandIssuer['actor']; policyVersion: string; tenantId: string },
  ) {}

  state(id: string): S {
    return this.streams.get(id)?.state ?? this.decider.initialState();
  }

  /** Decides, evolves and queues; a DomainError here means the simulation asked for something the API refuses. */
  execute(id: string, command: C, meta: CommandMetadata): NewEvent<E['data']>[] {
    let stream = this.streams.get(id);
    if (!stream) {
      stream = { streamId: this.streamIdOf(id), revision: -1, queued: [], state: this.decider.initialState() };
      this.streams.set(id, stream);
    }
    const decided = this.decider.decide(command, stream.state);
    for (const event of decided) stream.state = this.decider.evolve(stream.state, event);
    const commandId = this.ids.next();
    const { actor, policyVersion, tenantId } = this.stamp;
    const issuer = { actor, correlationId: meta.correlationId ?? commandId };
    const events = stampEvents(decided, { issuer, occurredAt: meta.occurredAt, causationId: meta.causationId ?? commandId, policyVersion, tenantId }, () =>
      this.ids.next(),
    ) as NewEvent<E['data']>[];
    this.log.record(stream, events);
    return events;
  }
}
