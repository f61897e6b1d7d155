import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IdempotencyStore, StoredResponse } from './idempotency.store';

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, etag TEXT, created_at TEXT NOT NULL)`);
    this.select = this.db.prepare('SELECT request_hash AS requestHash, status, body, etag FROM idempotency_keys WHERE key = ?');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO idempotency_keys (key, request_hash, status, body, etag, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  find(key: string): Promise<StoredResponse | undefined> {
    const row = this.select.get(key) as { requestHash: string; status: number; body: string; etag: string | null } | undefined;
    return Promise.resolve(row && { requestHash: row.requestHash, status: row.status, body: JSON.parse(row.body) as unknown, etag: row.etag ?? undefined });
  }

  save(key: string, response: StoredResponse): Promise<void> {
    this.insert.run(key, response.requestHash, response.status, JSON.stringify(response.body), response.etag ?? null, new Date().toISOString());
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
