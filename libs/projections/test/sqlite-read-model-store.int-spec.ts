import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadModelStore, type ReadModelStore } from '@pm/projections/store';
import { readModelStoreContract } from './read-model-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'rm-sqlite-'));
const paths = new WeakMap<ReadModelStore, string>();
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readModelStoreContract(
  'sqlite',
  async () => {
    const path = join(dir, `nested-${++n}`, 'read-model.db');
    const store = await openSqliteReadModelStore(path);
    paths.set(store, path);
    return store;
  },
  (first) => openSqliteReadModelStore(paths.get(first) as string),
);

describe('SqliteReadModelStore', () => {
  it('keeps slots and documents across a reopen', async () => {
    const path = join(dir, 'reopen.db');
    const store = await openSqliteReadModelStore(path, { synchronous: 'FULL' });
    const slot = await store.createSlot('cards', 1);
    await store.commit([{ slotId: slot.id, expectedPosition: 0, position: 3, eventsApplied: 2, documents: new Map([['a', { n: 1 }]]), deadLetters: [] }]);
    await store.close();

    const reopened = await openSqliteReadModelStore(path);
    expect(await reopened.slots()).toEqual([{ ...slot, position: 3, eventsApplied: 2, updatedAt: expect.any(String) }]);
    expect(await reopened.get(slot.id, 'a')).toEqual({ n: 1 });
    await reopened.close();
  });

  it('works in memory', async () => {
    const store = await openSqliteReadModelStore(':memory:');
    const slot = await store.createSlot('cards', 1);
    await store.commit([{ slotId: slot.id, expectedPosition: 0, position: 1, eventsApplied: 1, documents: new Map([['a', 1]]), deadLetters: [] }]);
    expect(await store.scan(slot.id, '')).toEqual([['a', 1]]);
    await store.close();
  });
});
