import type { EventEnvelope } from '../src/envelope';
import { StreamNotFound } from '../src/errors';
import type { EventStore, ReadStreamOptions, StreamEvents } from '../src/event-store.port';
import { recomputeHash } from '../src/hash-chain';
import { GENESIS_HASH } from '../src/stored-event';

/** Stored events in memory for the pure audit specs: appended with their chain, rewritable at will. */
export class ChainedEvents {
  events: EventEnvelope[] = [];
  private nextPosition = 1;

  /** Appends one event to a stream, chained to the stream's last one, at the next position (steps of 10, as gaps are allowed). */
  append(streamId: string, type: string, data: Record<string, unknown>): EventEnvelope {
    const previous = this.events.filter((e) => e.streamId === streamId).at(-1);
    const event: EventEnvelope = {
      id: `${streamId}-${previous ? previous.revision + 1 : 0}`,
      type,
      schemaVersion: 1,
      streamId,
      revision: previous ? previous.revision + 1 : 0,
      position: (this.nextPosition += 10),
      data,
      metadata: {
        actor: { id: 'hr-1', role: 'hr' },
        occurredAt: '2026-03-02T09:00:00.000Z',
        recordedAt: '2026-03-02T09:00:00.000Z',
        correlationId: 'c-1',
        tenantId: 't',
      },
      hash: '',
    };
    event.hash = recomputeHash(previous?.hash ?? GENESIS_HASH, event);
    this.events.push(event);
    return event;
  }

  /** Rewrites one event's data, then recomputes the hash of it and of every later event of its stream: a consistent rewrite. */
  rewrite(streamId: string, revision: number, data: Record<string, unknown>): void {
    let prevHash = GENESIS_HASH;
    for (const event of this.events.filter((e) => e.streamId === streamId)) {
      if (event.revision === revision) event.data = data;
      if (event.revision >= revision) event.hash = recomputeHash(prevHash, event);
      prevHash = event.hash;
    }
  }

  /** The port as far as the audit reads it: readAll, readStream, headPosition. */
  get store(): EventStore {
    const events = () => [...this.events].sort((a, b) => a.position - b.position).map((e) => structuredClone(e));
    return {
      engine: 'memory',
      capabilities: { atomicAppendMany: false },
      headPosition: () => Promise.resolve(this.events.reduce((max, e) => Math.max(max, e.position), 0)),
      readAll: async function* () {
        yield* events();
      },
      readStream: (streamId: string, options: ReadStreamOptions = {}): Promise<StreamEvents> => {
        const stream = events().filter((e) => e.streamId === streamId);
        if (stream.length === 0) return Promise.reject(new StreamNotFound(streamId));
        const from = options.fromRevision ?? 0;
        const selected = stream.filter((e) => e.revision >= from).slice(0, options.maxCount ?? Infinity);
        return Promise.resolve({ streamId, revision: (stream.at(-1) as EventEnvelope).revision, events: selected });
      },
    } as unknown as EventStore;
  }
}
