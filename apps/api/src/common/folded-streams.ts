import { StreamNotFound, type EventEnvelope, type EventStore } from '@pm/event-store';
import type { Decider, DomainEvent } from '@pm/domain';

/** Events of one earlier request, found by its Idempotency-Key in the stream itself. */
export interface KeyedAppend {
  requestHash: string;
  events: Pick<EventEnvelope, 'id' | 'type' | 'revision' | 'position'>[];
}

export interface FoldedStream<S> {
  /** -1 while the stream does not exist. */
  revision: number;
  lastPosition: number;
  state: S;
  keyed: Map<string, KeyedAppend>;
}

/**
 * Folded state per stream, kept in memory and brought up to date by reading only the events after
 * the revision it has seen. A stream's past never changes, so the cache is valid on every instance;
 * what other writers appended is read on the next use. The least recently used streams are dropped.
 */
export class FoldedStreams {
  private readonly streams = new Map<string, FoldedStream<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 10_000,
  ) {}

  /** Callers must not fold one stream concurrently (the executor queues commands per stream). */
  async load<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<FoldedStream<S>> {
    const entry = (this.streams.get(streamId) as FoldedStream<S> | undefined) ?? { revision: -1, lastPosition: 0, state: decider.initialState(), keyed: new Map() };
    this.streams.delete(streamId);
    try {
      const { events } = await this.store.readStream(streamId, { fromRevision: entry.revision + 1 });
      for (const event of events) {
        entry.state = decider.evolve(entry.state, { type: event.type, data: event.data } as unknown as E);
        entry.revision = event.revision;
        entry.lastPosition = event.position;
        const key = event.metadata.idempotencyKey;
        if (key) {
          const keyed = entry.keyed.get(key) ?? { requestHash: event.metadata.requestHash ?? '', events: [] };
          keyed.events.push({ id: event.id, type: event.type, revision: event.revision, position: event.position });
          entry.keyed.set(key, keyed);
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    if (entry.revision >= 0) this.remember(streamId, entry);
    return entry;
  }

  private remember(streamId: string, entry: FoldedStream<unknown>): void {
    this.streams.set(streamId, entry);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value as string);
  }
}
