export * from './envelope';
export * from './errors';
export * from './event-store.port';
export * from './hash-chain';
export { GENESIS_HASH } from './stored-event';
export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSynchronous } from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { openEventStore, type EventStoreSettings } from './open-event-store';
export * from './audit';
