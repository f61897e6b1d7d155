import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccessEntry, AccessLogStore, AccessQuery } from './access-log.store';

export class SqliteAccessLogStore implements AccessLogStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly byEmployee: Database.Statement;
  private readonly all: Database.Statement;

  /** `synchronous` as the events': an acknowledged read of a record is never lost from the log. */
  constructor(path: string, synchronous: 'FULL' | 'NORMAL' | 'EXTRA' = 'FULL') {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS access_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_id TEXT NOT NULL, role TEXT NOT NULL,
      employee_id TEXT NOT NULL, endpoint TEXT NOT NULL, correlation_id TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS access_log_employee ON access_log (employee_id, id)`);
    const columns = 'id, at, actor_id AS actorId, role, employee_id AS employeeId, endpoint, correlation_id AS correlationId';
    this.insert = this.db.prepare('INSERT INTO access_log (at, actor_id, role, employee_id, endpoint, correlation_id) VALUES (?, ?, ?, ?, ?, ?)');
    this.byEmployee = this.db.prepare(`SELECT ${columns} FROM access_log WHERE employee_id = ? AND id > ? ORDER BY id LIMIT ?`);
    this.all = this.db.prepare(`SELECT ${columns} FROM access_log WHERE id > ? ORDER BY id LIMIT ?`);
  }

  record(e: Omit<AccessEntry, 'id'>): Promise<void> {
    this.insert.run(e.at, e.actorId, e.role, e.employeeId, e.endpoint, e.correlationId);
    return Promise.resolve();
  }

  recordMany(entries: Omit<AccessEntry, 'id'>[]): Promise<void> {
    this.db.transaction(() => {
      for (const e of entries) this.insert.run(e.at, e.actorId, e.role, e.employeeId, e.endpoint, e.correlationId);
    })();
    return Promise.resolve();
  }

  list(q: AccessQuery): Promise<AccessEntry[]> {
    const rows = q.employeeId ? this.byEmployee.all(q.employeeId, q.after ?? 0, q.limit) : this.all.all(q.after ?? 0, q.limit);
    return Promise.resolve(rows as AccessEntry[]);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
