import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyDestroyed, type KeyStore } from './key-store';

export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly shred: Database.Statement;

  /** `synchronous` should be at least that of the event store: a lost key loses the data it sealed. */
  constructor(path: string, synchronous: 'FULL' | 'NORMAL' | 'EXTRA' = 'FULL') {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS personal_data_keys (subject_id TEXT PRIMARY KEY, key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)');
    this.select = this.db.prepare('SELECT key, destroyed_at AS destroyedAt FROM personal_data_keys WHERE subject_id = ?');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO personal_data_keys (subject_id, key, created_at) VALUES (?, ?, ?)');
    this.shred = this.db.prepare('UPDATE personal_data_keys SET key = NULL, destroyed_at = ? WHERE subject_id = ? AND key IS NOT NULL');
  }

  keyFor(subjectId: string): Promise<Buffer> {
    this.insert.run(subjectId, randomBytes(32), new Date().toISOString());
    const row = this.select.get(subjectId) as { key: Buffer | null };
    return row.key ? Promise.resolve(row.key) : Promise.reject(new KeyDestroyed(subjectId));
  }

  find(subjectId: string): Promise<Buffer | undefined> {
    const row = this.select.get(subjectId) as { key: Buffer | null } | undefined;
    return Promise.resolve(row?.key ?? undefined);
  }

  destroy(subjectId: string): Promise<boolean> {
    return Promise.resolve(this.shred.run(new Date().toISOString(), subjectId).changes > 0);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
