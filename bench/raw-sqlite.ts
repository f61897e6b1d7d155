import Database from 'better-sqlite3';
import { metadataJson } from './measure';
import type { AppendUnit, RatingProposed } from './rating-events';
import type { BenchTarget, ReadSlice } from './target';

/** The adapter's table minus its `hash` column: same key, same unique indexes, same text columns. */
export const RAW_SQLITE_SCHEMA = `CREATE TABLE raw_events (
  position       INTEGER PRIMARY KEY,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
)`;

type Row = [number, string, number, string, string, number, string, string];

/**
 * Plain better-sqlite3: WAL and the given `synchronous`, like the adapter. A one-event unit is
 * one autocommit INSERT; a bigger unit is BEGIN, one prepared INSERT per event, COMMIT.
 */
export class RawSqliteTarget implements BenchTarget {
  readonly kind = 'raw';
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly page: Database.Statement;

  constructor(
    path: string,
    synchronous: 'NORMAL' | 'FULL',
    private readonly pageSize: number,
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec(RAW_SQLITE_SCHEMA);
    this.insert = this.db.prepare('INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.begin = this.db.prepare('BEGIN');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
    this.page = this.db
      .prepare(
        'SELECT position, stream_id, revision, event_id, type, schema_version, data, metadata FROM raw_events WHERE position >= ? ORDER BY position LIMIT ?',
      )
      .raw(true);
  }

  write(chunk: AppendUnit[]): void {
    for (const unit of chunk) {
      const recordedAt = new Date().toISOString();
      if (unit.events.length === 1) {
        this.insertEvents(unit, recordedAt);
        continue;
      }
      this.begin.run();
      try {
        this.insertEvents(unit, recordedAt);
        this.commit.run();
      } catch (error) {
        this.rollback.run();
        throw error;
      }
    }
  }

  private insertEvents(unit: AppendUnit, recordedAt: string): void {
    for (let i = 0; i < unit.events.length; i++) {
      const e = unit.events[i];
      this.insert.run(unit.streamId, unit.firstRevision + i, e.id, e.type, e.schemaVersion ?? 1, JSON.stringify(e.data), metadataJson(e.metadata, recordedAt));
    }
  }

  /** Keyset pages of `pageSize` rows (raw arrays), JSON.parse of data and metadata. */
  read(fromPosition: number, limit: number): Promise<ReadSlice> {
    let count = 0;
    let missing = 0;
    let next = fromPosition;
    while (count < limit) {
      const want = Math.min(this.pageSize, limit - count);
      const rows = this.page.all(next, want) as Row[];
      for (const row of rows) {
        const data = JSON.parse(row[6]) as RatingProposed;
        const metadata = JSON.parse(row[7]) as { actor?: unknown };
        if (data.rating === undefined || metadata.actor === undefined) missing++;
      }
      count += rows.length;
      if (rows.length > 0) next = rows[rows.length - 1][0] + 1;
      if (rows.length < want) break;
    }
    if (missing > 0) throw new Error(`${missing} rows without a payload`);
    return Promise.resolve({ count, next });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
