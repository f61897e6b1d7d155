import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore, type SqliteSynchronous } from './sqlite/sqlite-event-store';

export type EventStoreSettings =
  | { engine: 'sqlite'; path: string; synchronous: SqliteSynchronous }
  | { engine: 'postgres'; url: string; ownerUrl?: string }
  | { engine: 'eventstoredb'; connectionString: string };

/** Opens the configured engine; the EventStoreDB client is loaded only when chosen. */
export async function openEventStore(settings: EventStoreSettings): Promise<EventStore> {
  switch (settings.engine) {
    case 'sqlite':
      return new SqliteEventStore({ path: settings.path, synchronous: settings.synchronous });
    case 'postgres':
      return PostgresEventStore.open({ connectionString: settings.url, ownerConnectionString: settings.ownerUrl });
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
      return EventStoreDbEventStore.open({ connectionString: settings.connectionString });
    }
  }
}
