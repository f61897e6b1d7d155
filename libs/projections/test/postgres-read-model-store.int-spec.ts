import { openPostgresReadModelStore, type ReadModelStore } from '@pm/projections/store';
import { createTestDatabase } from '../../../test/support/postgres';
import { readModelStoreContract } from './read-model-store.contract';

const urls = new WeakMap<ReadModelStore, string>();

readModelStoreContract(
  'postgres',
  async () => {
    const url = await createTestDatabase('rm');
    const store = await openPostgresReadModelStore(url, { poolSize: 4 });
    urls.set(store, url);
    return store;
  },
  (first) => openPostgresReadModelStore(urls.get(first) as string),
);

describe('PostgresReadModelStore', () => {
  it('creates its tables once when several stores open the same database together', async () => {
    const url = await createTestDatabase('rm_open');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresReadModelStore(url, { poolSize: 1 })));
    const slot = await stores[0].createSlot('cards', 1);
    expect((await stores[3].slots()).map((s) => s.id)).toEqual([slot.id]);
    await Promise.all(stores.map((s) => s.close()));
  });
});
