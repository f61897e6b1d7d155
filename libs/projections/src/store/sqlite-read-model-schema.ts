import type Database from 'better-sqlite3';

/**
 * AUTOINCREMENT so a dropped slot's id is never handed out again: a runner still holding it must
 * get CheckpointMoved, not write into a stranger's slot. TEXT keys compare bytewise (BINARY).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rm_slots (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    state          TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    events_applied INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL
  );
  CREATE TABLE IF NOT EXISTS rm_documents (
    slot_id INTEGER NOT NULL,
    key     TEXT    NOT NULL,
    doc     TEXT    NOT NULL,
    PRIMARY KEY (slot_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rm_dead_letters (
    id          INTEGER PRIMARY KEY,
    slot_id     INTEGER NOT NULL,
    projection  TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    stream_id   TEXT    NOT NULL,
    error       TEXT    NOT NULL,
    attempts    INTEGER NOT NULL,
    recorded_at TEXT    NOT NULL
  );
  CREATE INDEX IF NOT EXISTS rm_dead_letters_slot ON rm_dead_letters (slot_id);
`;

export function createSqliteReadModelSchema(db: Database.Database): void {
  db.transaction(() => db.exec(SCHEMA)).immediate();
}
