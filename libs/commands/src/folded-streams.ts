import type { Decider, DomainEvent } from '@pm/domain';
import { StreamNotFound, type EventEnvelope, type EventStore } from '@pm/event-store';
import { KeyedQueue } from './keyed-queue';

/** Events of one earlier request, found by its idempotency key in the stream itself. */
export interface KeyedAppend {
  requestHash: string;
  /** The employee the request was about, whose key its stored request hash is keyed with. */
  subjectId?: string;
  events: Pick<EventEnvelope, 'id' | 'type' | 'revision' | 'position'>[];
}

export interface FoldedStream<S> {
  /** -1 while the stream does not exist. */
  revision: number;
  lastPosition: number;
  state: S;
  keyed: ReadonlyMap<string, KeyedAppend>;
}

interface Entry<S> {
  revision: number;
  lastPosition: number;
  state: S;
  keyed: Map<string, KeyedAppend>;
}

/**
 * Folded state per stream, kept in memory and brought up to date by reading only the events after
 * the revision it has seen. A stream's past never changes, so the cache is valid on every instance;
 * what other writers appended is read on the next use. The least recently used streams are dropped.
 * Loads of one stream run one after the other, so two callers never fold the same events twice.
 */
export class FoldedStreams {
  private readonly streams = new Map<string, Entry<unknown>>();
  private readonly loading = new KeyedQueue();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 10_000,
  ) {}

  load<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<FoldedStream<S>> {
    return this.loading.run(streamId, () => this.catchUp(streamId, decider));
  }

  private async catchUp<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<FoldedStream<S>> {
    const cached = this.streams.get(streamId) as Entry<S> | undefined;
    const entry: Entry<S> = cached ?? { revision: -1, lastPosition: 0, state: decider.initialState(), keyed: new Map() };
    this.streams.delete(streamId);
    try {
      const { events } = await this.store.readStream(streamId, { fromRevision: entry.revision + 1 });
      for (const event of events) this.fold(entry, event, decider);
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    if (entry.revision >= 0) this.remember(streamId, entry);
    return { revision: entry.revision, lastPosition: entry.lastPosition, state: entry.state, keyed: entry.keyed };
  }

  private fold<C, E extends DomainEvent, S>(entry: Entry<S>, event: EventEnvelope, decider: Decider<C, E, S>): void {
    entry.state = decider.evolve(entry.state, { type: event.type, data: event.data } as unknown as E);
    entry.revision = event.revision;
    entry.lastPosition = event.position;
    if (!event.metadata.idempotencyKey) return;
    const key = keyedBy(event.metadata.actor.id, event.metadata.idempotencyKey);
    const keyed = entry.keyed.get(key) ?? { requestHash: event.metadata.requestHash ?? '', subjectId: subjectOf(event.data), events: [] };
    keyed.events.push({ id: event.id, type: event.type, revision: event.revision, position: event.position });
    entry.keyed.set(key, keyed);
  }

  private remember(streamId: string, entry: Entry<unknown>): void {
    this.streams.set(streamId, entry);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value as string);
  }
}

/** Idempotency keys are the caller's own: two API keys may use the same key without meeting. */
export const keyedBy = (actorId: string, idempotencyKey: string): string => `${actorId}\n${idempotencyKey}`;

/** The employee an event is about, when it names one. */
export function subjectOf(data: unknown): string | undefined {
  const id = (data as { employeeId?: unknown } | null)?.employeeId;
  return typeof id === 'string' ? id : undefined;
}
