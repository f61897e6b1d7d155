import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventStore, type NewEvent } from '@pm/event-store';
import type { Projection } from '../src/projection';
import type { RunnerLogger } from '../src/runner/projection-runner';
import { openSqliteReadModelStore } from '../src/store';
import type { ReadModelStore, Slot } from '../src/store/read-model-store';

export interface Count {
  count: number;
  last: number;
}

/** Counts the `Counted` events of each stream and keeps the last number; throws on the numbers in `failOn`. */
export const counter = (name = 'counter', version = 1, failOn: readonly number[] = []): Projection<unknown> => ({
  name,
  version,
  handles: new Set(['Counted']),
  keysOf: (e) => [e.streamId],
  apply(e, docs) {
    const { n } = e.data as { n: number };
    if (failOn.includes(n)) throw new Error(`cannot count ${n}`);
    const before = (docs.get(e.streamId) as Count | undefined) ?? { count: 0, last: 0 };
    docs.put(e.streamId, { count: before.count + 1, last: n });
  },
});

export const counted = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'Counted',
  data: { n },
  metadata: { actor: { id: 'test', role: 'system' }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', tenantId: 'default' },
});

/** Appends `Counted` events numbered `from`..`to`, round-robin over `streams` streams named `count-0`, `count-1`... */
export async function appendCounted(events: EventStore, from: number, to: number, streams = 3): Promise<void> {
  for (let n = from; n <= to; n++) await events.append(`count-${n % streams}`, [counted(n)]);
}

/** What `counter` should hold after events numbered 1..`to` were appended by `appendCounted`. */
export function countsUpTo(to: number, streams = 3): Map<string, Count> {
  const counts = new Map<string, Count>();
  for (let n = 1; n <= to; n++) {
    const key = `count-${n % streams}`;
    counts.set(key, { count: (counts.get(key)?.count ?? 0) + 1, last: n });
  }
  return counts;
}

export const slot = (overrides: Partial<Slot> = {}): Slot => ({
  id: 1,
  name: 'counter',
  version: 1,
  state: 'building',
  position: 0,
  eventsApplied: 0,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** A logger that keeps what it was told, as `[level, message]`. */
export function recordingLogger(): RunnerLogger & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    log: (message) => lines.push(['log', message]),
    warn: (message) => lines.push(['warn', message]),
    error: (message) => lines.push(['error', message]),
  };
}

export interface MemoryStores {
  events: EventStore;
  readModels: ReadModelStore;
  close(): Promise<void>;
}

/** A SQLite event store and read-model store, both in memory. */
export async function openMemoryStores(): Promise<MemoryStores> {
  const events = new SqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  const readModels = await openSqliteReadModelStore(':memory:');
  return {
    events,
    readModels,
    close: async () => {
      await readModels.close();
      await events.close();
    },
  };
}

/** The documents of a slot, by key. */
export async function documentsOf(readModels: ReadModelStore, slotId: number): Promise<Map<string, unknown>> {
  return new Map(await readModels.scan(slotId, ''));
}
