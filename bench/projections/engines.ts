import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import { openEventStore, type EventStore } from '@pm/event-store';
import { openPostgresReadModelStore, openSqliteReadModelStore, type ReadModelStore } from '@pm/projections';
import { type PostgresDatabases } from '../databases';
import { rawPostgresReader, rawSqliteReader, type RawReader } from './raw-read-all';

/** One engine as the bench uses it: the event store, a raw reader of the same table, read models of the same engine. */
export interface EngineUnderTest {
  engine: 'sqlite' | 'postgres';
  setup: string;
  store: EventStore;
  openRaw(): Promise<RawReader>;
  openReadModels(): Promise<ReadModelStore>;
  /** Documents of each projection's serving slot, counted by the database. */
  documentCounts(): Promise<Record<string, number>>;
  dispose(): Promise<void>;
}

const COUNT_SERVING = `
  SELECT s.name, count(d.key) AS documents FROM rm_slots s LEFT JOIN rm_documents d ON d.slot_id = s.id
   WHERE s.state = 'serving' GROUP BY s.id, s.name ORDER BY s.id`;

/** Events in `dir`/events.db, loaded with synchronous=NORMAL; read models in their own file beside it. */
export async function sqliteEngine(dir: string): Promise<EngineUnderTest> {
  const eventsPath = join(dir, 'events.db');
  const readModelsPath = join(dir, 'read-models.db');
  const store = await openEventStore({ engine: 'sqlite', path: eventsPath, synchronous: 'NORMAL' });
  const memory = new Database(':memory:');
  const version = String(memory.prepare('SELECT sqlite_version()').pluck().get());
  memory.close();
  return {
    engine: 'sqlite',
    setup: `sqlite ${version} via better-sqlite3, WAL; events file synchronous=NORMAL, read models in a separate file (synchronous=NORMAL)`,
    store,
    openRaw: () => Promise.resolve(rawSqliteReader(eventsPath)),
    openReadModels: () => openSqliteReadModelStore(readModelsPath),
    documentCounts() {
      const db = new Database(readModelsPath, { readonly: true, fileMustExist: true });
      try {
        return Promise.resolve(Object.fromEntries((db.prepare(COUNT_SERVING).raw(true).all() as [string, number][]).map(([name, n]) => [name, Number(n)])));
      } finally {
        db.close();
      }
    },
    dispose: () => store.close(),
  };
}

/** A fresh database on the server for the events; the read models' tables go into the same database. */
export async function postgresEngine(databases: PostgresDatabases): Promise<EngineUnderTest> {
  const { name, url } = await databases.fresh('projections');
  const store = await openEventStore({ engine: 'postgres', url });
  const settings = await databases.settings();
  return {
    engine: 'postgres',
    setup: `PostgreSQL ${settings.server_version} (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, shared_buffers=${settings.shared_buffers}) via pg; events and read models in one fresh database`,
    store,
    openRaw: () => rawPostgresReader(url),
    openReadModels: () => openPostgresReadModelStore(url),
    async documentCounts() {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string; documents: string }>(COUNT_SERVING);
        return Object.fromEntries(rows.map((r) => [r.name, Number(r.documents)]));
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await store.close();
      await databases.drop(name);
    },
  };
}
