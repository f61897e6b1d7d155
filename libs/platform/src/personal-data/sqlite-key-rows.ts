import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyLock } from './key-lock';
import type { KeyRow, KeyRows } from './key-rows';

interface Row {
  subjectId: string;
  wrapped: Buffer | null;
  epoch: number | null;
  legacyKey: Buffer | null;
  destroyedAt: string | null;
}

const toKeyRow = (row: Row): KeyRow => ({
  subjectId: row.subjectId,
  wrapped: row.wrapped,
  epoch: row.epoch,
  legacyKey: row.legacyKey,
  destroyed: row.destroyedAt !== null,
});

const COLUMNS = 'subject_id AS subjectId, wrapped, epoch, key AS legacyKey, destroyed_at AS destroyedAt';

/**
 * Wrapped keys in `keys.db`. `secure_delete` zeroes cleared bytes in the file, and a truncating
 * checkpoint after each erasure leaves none in the WAL. One process writes keys.
 */
export class SqliteKeyRows implements KeyRows {
  private readonly db: Database.Database;
  private readonly lock = new KeyLock();
  private readonly select: Database.Statement;
  private readonly add: Database.Statement;
  private readonly clear: Database.Statement;
  private readonly pending: Database.Statement;
  private readonly update: Database.Statement;
  private readonly mark: Database.Statement;
  private readonly marked: Database.Statement;

  /** `synchronous` should be at least that of the event store: a lost key loses the data it sealed. */
  constructor(path: string, synchronous: 'FULL' | 'NORMAL' | 'EXTRA' = 'FULL') {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS personal_data_keys (subject_id TEXT PRIMARY KEY, key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)');
    const columns = new Set((this.db.pragma('table_info(personal_data_keys)') as { name: string }[]).map((c) => c.name));
    if (!columns.has('wrapped')) this.db.exec('ALTER TABLE personal_data_keys ADD COLUMN wrapped BLOB');
    if (!columns.has('epoch')) this.db.exec('ALTER TABLE personal_data_keys ADD COLUMN epoch INTEGER');
    if (!columns.has('erasing_since')) this.db.exec('ALTER TABLE personal_data_keys ADD COLUMN erasing_since TEXT');
    this.select = this.db.prepare(`SELECT ${COLUMNS} FROM personal_data_keys WHERE subject_id = ?`);
    this.add = this.db.prepare('INSERT OR IGNORE INTO personal_data_keys (subject_id, wrapped, epoch, created_at) VALUES (?, ?, ?, ?)');
    this.clear = this.db.prepare(
      'UPDATE personal_data_keys SET key = NULL, wrapped = NULL, epoch = NULL, erasing_since = NULL, destroyed_at = ? WHERE subject_id = ? AND destroyed_at IS NULL',
    );
    this.pending = this.db.prepare(
      `SELECT ${COLUMNS} FROM personal_data_keys WHERE destroyed_at IS NULL AND (epoch IS NULL OR epoch <> ?) AND subject_id > ? ORDER BY subject_id LIMIT ?`,
    );
    this.update = this.db.prepare('UPDATE personal_data_keys SET wrapped = ?, epoch = ?, key = NULL WHERE subject_id = ?');
    this.mark = this.db.prepare('UPDATE personal_data_keys SET erasing_since = ? WHERE subject_id = ? AND destroyed_at IS NULL');
    this.marked = this.db.prepare('SELECT subject_id AS subjectId FROM personal_data_keys WHERE erasing_since IS NOT NULL AND destroyed_at IS NULL');
  }

  find(subjectId: string): Promise<KeyRow | undefined> {
    const row = this.select.get(subjectId) as Row | undefined;
    return Promise.resolve(row && toKeyRow(row));
  }

  insert(subjectId: string, wrapNew: () => Promise<{ epoch: number; wrapped: Buffer }>): Promise<KeyRow> {
    return this.lock.shared(async () => {
      const { epoch, wrapped } = await wrapNew();
      this.add.run(subjectId, wrapped, epoch, new Date().toISOString());
      return toKeyRow(this.select.get(subjectId) as Row);
    });
  }

  shred(subjectId: string): Promise<boolean> {
    return Promise.resolve(this.clear.run(new Date().toISOString(), subjectId).changes > 0);
  }

  markErasing(subjectId: string, erasing: boolean): Promise<void> {
    this.mark.run(erasing ? new Date().toISOString() : null, subjectId);
    return Promise.resolve();
  }

  erasing(): Promise<string[]> {
    return Promise.resolve((this.marked.all() as { subjectId: string }[]).map((row) => row.subjectId));
  }

  notWrappedUnder(epoch: number, afterSubject: string, limit: number): Promise<KeyRow[]> {
    return Promise.resolve((this.pending.all(epoch, afterSubject, limit) as Row[]).map(toKeyRow));
  }

  rewrap(rows: { subjectId: string; wrapped: Buffer; epoch: number }[]): Promise<void> {
    this.db.transaction(() => {
      for (const row of rows) this.update.run(row.wrapped, row.epoch, row.subjectId);
    })();
    return Promise.resolve();
  }

  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.exclusively(work);
  }

  scrub(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
