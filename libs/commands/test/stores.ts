import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@pm/event-store';

/** Real SQLite stores in a temporary directory, removed after the suite. */
export function sqliteStores(): { open(): EventStore } {
  const dir = mkdtempSync(join(tmpdir(), 'commands-'));
  const opened: EventStore[] = [];
  let n = 0;
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    open() {
      const store = new SqliteEventStore({ path: join(dir, `events-${++n}.db`), synchronous: 'NORMAL' });
      opened.push(store);
      return store;
    },
  };
}

export const HR = { actor: { id: 'hr:k1', role: 'hr' }, correlationId: 'corr-1' };

export async function streamOf(store: EventStore, streamId: string) {
  return (await store.readStream(streamId)).events;
}
