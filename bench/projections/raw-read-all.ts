import Database from 'better-sqlite3';
import { Client } from 'pg';
import { decodeRow, type StoredRow } from '@pm/event-store/stored-event';

/** The adapters' default page size, so both sides read in the same steps. */
const PAGE_SIZE = 2000;
const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, hash';

/** Reads every event of the store's own table with the plain driver, decoded into envelopes as the adapter does. */
export interface RawReader {
  readAll(): Promise<number>;
  close(): Promise<void>;
}

/** Keyset pages over the sqlite store's `events` table, one prepared statement, raw arrays. */
export function rawSqliteReader(path: string): RawReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const page = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true);
  return {
    readAll() {
      let count = 0;
      let next = 0;
      for (;;) {
        const rows = page.all(next, PAGE_SIZE) as StoredRow[];
        count += rows.map(decodeRow).length;
        if (rows.length < PAGE_SIZE) return Promise.resolve(count);
        next = Number(rows[rows.length - 1][0]) + 1;
      }
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/** Keyset pages over the postgres store's `es_events` table on one connection, prepared, rowMode array. */
export async function rawPostgresReader(url: string): Promise<RawReader> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async readAll() {
      let count = 0;
      let next = 0;
      for (;;) {
        const { rows } = await client.query<StoredRow>({
          name: 'raw_read_all',
          text: `SELECT ${COLUMNS} FROM es_events WHERE position >= $1 ORDER BY position LIMIT $2`,
          values: [next, PAGE_SIZE],
          rowMode: 'array',
        });
        count += rows.map(decodeRow).length;
        if (rows.length < PAGE_SIZE) return count;
        next = Number(rows[rows.length - 1][0]) + 1;
      }
    },
    close: () => client.end(),
  };
}
