import { PostgresEventStore, SqliteEventStore } from '@pm/event-store';
import type { BenchConfig, SqliteSync } from './config';
import { type PostgresDatabases, SqliteFiles } from './databases';
import { RawPostgresTarget } from './raw-postgres';
import { RawSqliteTarget } from './raw-sqlite';
import type { Opener } from './scenarios';
import { StoreTarget } from './store-bench';

/** Both sides on a fresh sqlite file each, with the same `synchronous` pragma (WAL for both). */
export function sqliteOpener(files: SqliteFiles, synchronous: SqliteSync, config: BenchConfig): Opener {
  return async (side) => {
    const path = files.fresh(`${side}-${synchronous.toLowerCase()}`);
    const target =
      side === 'adapter'
        ? new StoreTarget(new SqliteEventStore({ path, synchronous, pageSize: config.readPageSize }))
        : new RawSqliteTarget(path, synchronous, config.readPageSize);
    return {
      target,
      async dispose() {
        await target.close();
        SqliteFiles.remove(path);
      },
    };
  };
}

/** Both sides on a fresh database each (CREATE DATABASE), dropped afterwards. */
export function postgresOpener(databases: PostgresDatabases, config: BenchConfig): Opener {
  return async (side) => {
    const db = await databases.fresh(side);
    try {
      const target =
        side === 'adapter'
          ? new StoreTarget(await PostgresEventStore.open({ connectionString: db.url, pageSize: config.readPageSize }))
          : await RawPostgresTarget.open(db.url, config.pgBatchMode, config.readPageSize);
      return {
        target,
        async dispose() {
          await target.close();
          await databases.drop(db.name);
        },
      };
    } catch (error) {
      await databases.drop(db.name).catch(() => undefined);
      throw error;
    }
  };
}
