import { join } from 'node:path';
import type { SqliteSynchronous } from '@pm/event-store';
import type { AppConfig } from './app-config';
import { secureDataDirectory } from './private-files';

/**
 * The service's own tables (idempotency, keys, access log): in PostgreSQL when it holds the events
 * or SERVICE_DATABASE_URL names one (required with EventStoreDB, so every node shares them), else
 * in a SQLite file of the data directory, as durable as the events.
 */
export function openServiceStore<T>(
  config: AppConfig,
  file: string,
  open: { postgres(url: string): Promise<T>; sqlite(path: string, synchronous: SqliteSynchronous): T },
): T | Promise<T> {
  const store = config.eventStore;
  if (store.engine === 'postgres') return open.postgres(config.serviceDatabaseUrl ?? store.url);
  if (config.serviceDatabaseUrl) return open.postgres(config.serviceDatabaseUrl);
  if (store.engine === 'eventstoredb') throw new Error('EventStoreDB needs SERVICE_DATABASE_URL for the service store');
  secureDataDirectory(config);
  return open.sqlite(join(config.dataDir, file), store.synchronous);
}
