import { join } from 'node:path';
import type { SqliteSynchronous } from '@pm/event-store';
import type { AppConfig } from './app-config';

/**
 * The service's own tables (idempotency, keys, access log) live beside the events: in PostgreSQL
 * when it is the event store, else in a SQLite file of the data directory, as durable as the events.
 */
export function openServiceStore<T>(
  config: AppConfig,
  file: string,
  open: { postgres(url: string): Promise<T>; sqlite(path: string, synchronous: SqliteSynchronous): T },
): T | Promise<T> {
  const store = config.eventStore;
  if (store.engine === 'postgres') return open.postgres(store.url);
  return open.sqlite(join(config.dataDir, file), store.engine === 'sqlite' ? store.synchronous : 'FULL');
}
