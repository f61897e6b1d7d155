export * from './read-model-store';
export { openSqliteReadModelStore, SqliteReadModelStore, type SqliteReadModelStoreOptions } from './sqlite-read-model-store';
export { openPostgresReadModelStore, PostgresReadModelStore, type PostgresReadModelStoreOptions } from './postgres-read-model-store';
