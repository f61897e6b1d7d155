import { Client } from 'pg';
import { PostgresEventStore, type EventStore, type NewEvent } from '@pm/event-store';
import { serializeEvent } from '@pm/event-store/stored-event';
import { createTestDatabase } from '../../../test/support/postgres';
import { describeEventStoreContract, type HeldAppend } from './event-store.contract';

const urls = new WeakMap<EventStore, string>();

describeEventStoreContract('postgres', {
  atomicAppendMany: true,
  async open() {
    const url = await createTestDatabase('es');
    const store = await PostgresEventStore.open({ connectionString: url, pollIntervalMs: 100 });
    urls.set(store, url);
    return store;
  },
  async holdAppendOpen(store: EventStore, streamId: string, event: NewEvent): Promise<HeldAppend> {
    const client = new Client({ connectionString: urls.get(store) });
    await client.connect();
    const e = serializeEvent(event, new Date().toISOString());
    await client.query('BEGIN');
    await client.query('SELECT * FROM es_append($1, $2, $3, $4, $5, $6, $7)', [
      streamId,
      'any',
      [e.id],
      [e.type],
      [e.schemaVersion],
      [e.dataJson],
      [e.metadataJson],
    ]);
    const end = async (sql: string): Promise<void> => {
      await client.query(sql);
      await client.end();
    };
    return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  },
});
