import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyStreamChain } from '@pm/event-store';
import { describeEventStoreContract, ratingEvent } from './event-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('sqlite', {
  open: () => Promise.resolve(new SqliteEventStore({ path: join(dir, `store-${++n}.db`), synchronous: 'NORMAL' })),
  atomicAppendMany: true,
});

describe('SqliteEventStore on disk', () => {
  it('keeps its events and chain across a reopen, and a second process-like handle sees appends', async () => {
    const path = join(dir, 'reopen.db');
    const writer = new SqliteEventStore({ path });
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const controller = new AbortController();
    const seen: string[] = [];
    const following = (async () => {
      for await (const event of reader.subscribeAll({ signal: controller.signal })) {
        seen.push(event.id);
        if (seen.length === 3) controller.abort();
      }
    })();
    const events = [ratingEvent('p'), ratingEvent('p'), ratingEvent('p')];
    await writer.append('employee-p', events.slice(0, 2));
    await writer.append('employee-p', events.slice(2));
    await following;
    expect(seen).toEqual(events.map((e) => e.id));
    await writer.close();
    await reader.close();

    const reopened = new SqliteEventStore({ path });
    const stream = await reopened.readStream('employee-p');
    expect(stream.revision).toBe(2);
    expect(verifyStreamChain(stream.events).ok).toBe(true);
    await reopened.close();
  });
});
