import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { prefixUpperBound } from './key-prefix';
import { CheckpointMoved, type DeadLetter, type ReadModelStore, type Slot, type SlotWrite } from './read-model-store';
import { createSqliteReadModelSchema } from './sqlite-read-model-schema';

export interface SqliteReadModelStoreOptions {
  /** WAL-mode `synchronous`: NORMAL survives a process crash; a rebuildable read model rarely needs FULL. */
  synchronous?: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
}

type DocumentRow = [key: string, doc: string];

const SLOT_COLUMNS = 'id, name, version, state, position, events_applied AS eventsApplied, updated_at AS updatedAt';
const DEAD_LETTER_COLUMNS =
  'slot_id AS slotId, projection, position, event_id AS eventId, event_type AS eventType, stream_id AS streamId, error, attempts, recorded_at AS recordedAt';
/** Keys per `IN (...)` statement in `load`; measured a little faster than one `json_each` statement. */
const LOAD_CHUNK = 500;

export async function openSqliteReadModelStore(path: string, options: SqliteReadModelStoreOptions = {}): Promise<SqliteReadModelStore> {
  return new SqliteReadModelStore(path, options);
}

export class SqliteReadModelStore implements ReadModelStore {
  readonly engine = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements: ReturnType<SqliteReadModelStore['prepare']>;
  /** `load` statements by number of keys, prepared on first use. */
  private readonly loadStatements = new Map<number, Database.Statement>();
  // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
  private readonly commitTransaction: (writes: readonly SlotWrite[]) => void;
  private readonly promoteTransaction: (slotId: number) => void;
  private readonly dropTransaction: (slotId: number) => void;

  constructor(path: string, options: SqliteReadModelStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      createSqliteReadModelSchema(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.statements = this.prepare();
    this.commitTransaction = this.db.transaction(this.commitInTransaction.bind(this)).immediate;
    this.promoteTransaction = this.db.transaction(this.promoteInTransaction.bind(this)).immediate;
    this.dropTransaction = this.db.transaction(this.dropInTransaction.bind(this)).immediate;
  }

  private prepare() {
    const db = this.db;
    return {
      allSlots: db.prepare(`SELECT ${SLOT_COLUMNS} FROM rm_slots ORDER BY id`),
      slotsNamed: db.prepare(`SELECT ${SLOT_COLUMNS} FROM rm_slots WHERE name = ? ORDER BY id`),
      slot: db.prepare(`SELECT ${SLOT_COLUMNS} FROM rm_slots WHERE id = ?`),
      insertSlot: db.prepare(`INSERT INTO rm_slots (name, version, state, position, events_applied, updated_at) VALUES (?, ?, 'building', 0, 0, ?)`),
      otherServing: db.prepare(`SELECT id FROM rm_slots WHERE name = ? AND state = 'serving' AND id <> ?`).pluck(),
      serve: db.prepare(`UPDATE rm_slots SET state = 'serving', updated_at = ? WHERE id = ?`),
      deleteSlot: db.prepare('DELETE FROM rm_slots WHERE id = ?'),
      deleteSlotDocuments: db.prepare('DELETE FROM rm_documents WHERE slot_id = ?'),
      deleteSlotDeadLetters: db.prepare('DELETE FROM rm_dead_letters WHERE slot_id = ?'),
      moveCheckpoint: db.prepare('UPDATE rm_slots SET position = ?, events_applied = ?, updated_at = ? WHERE id = ? AND position = ?'),
      position: db.prepare('SELECT position FROM rm_slots WHERE id = ?').pluck(),
      putDocument: db.prepare('INSERT INTO rm_documents (slot_id, key, doc) VALUES (?, ?, ?) ON CONFLICT (slot_id, key) DO UPDATE SET doc = excluded.doc'),
      deleteDocument: db.prepare('DELETE FROM rm_documents WHERE slot_id = ? AND key = ?'),
      insertDeadLetter: db.prepare(
        `INSERT INTO rm_dead_letters (slot_id, projection, position, event_id, event_type, stream_id, error, attempts, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      document: db.prepare('SELECT doc FROM rm_documents WHERE slot_id = ? AND key = ?').pluck(),
      scanRange: db.prepare('SELECT key, doc FROM rm_documents WHERE slot_id = ? AND key >= ? AND key < ? ORDER BY key').raw(true),
      scanFrom: db.prepare('SELECT key, doc FROM rm_documents WHERE slot_id = ? AND key >= ? ORDER BY key').raw(true),
      deadLetters: db.prepare(
        `SELECT ${DEAD_LETTER_COLUMNS} FROM rm_dead_letters
          WHERE @projection IS NULL OR projection = @projection
          ORDER BY position DESC, id DESC LIMIT @limit`,
      ),
      ping: db.prepare('SELECT 1'),
    };
  }

  async slots(name?: string): Promise<Slot[]> {
    return (name === undefined ? this.statements.allSlots.all() : this.statements.slotsNamed.all(name)) as Slot[];
  }

  async createSlot(name: string, version: number): Promise<Slot> {
    const { lastInsertRowid } = this.statements.insertSlot.run(name, version, new Date().toISOString());
    return this.statements.slot.get(lastInsertRowid) as Slot;
  }

  async promote(slotId: number): Promise<void> {
    this.promoteTransaction(slotId);
  }

  private promoteInTransaction(slotId: number): void {
    const slot = this.statements.slot.get(slotId) as Slot | undefined;
    if (!slot) throw new Error(`Slot ${slotId} does not exist`);
    for (const id of this.statements.otherServing.all(slot.name, slotId) as number[]) this.dropInTransaction(id);
    this.statements.serve.run(new Date().toISOString(), slotId);
  }

  async dropSlot(slotId: number): Promise<void> {
    this.dropTransaction(slotId);
  }

  private dropInTransaction(slotId: number): void {
    this.statements.deleteSlot.run(slotId);
    this.statements.deleteSlotDocuments.run(slotId);
    this.statements.deleteSlotDeadLetters.run(slotId);
  }

  async commit(writes: readonly SlotWrite[]): Promise<void> {
    this.commitTransaction(writes);
  }

  private commitInTransaction(writes: readonly SlotWrite[]): void {
    const updatedAt = new Date().toISOString();
    for (const write of writes) {
      const { slotId, expectedPosition } = write;
      const moved = this.statements.moveCheckpoint.run(write.position, write.eventsApplied, updatedAt, slotId, expectedPosition);
      if (moved.changes === 0) throw new CheckpointMoved(slotId, expectedPosition, this.statements.position.get(slotId) as number | undefined);
      for (const [key, doc] of write.documents) {
        if (doc === null) this.statements.deleteDocument.run(slotId, key);
        else this.statements.putDocument.run(slotId, key, JSON.stringify(doc));
      }
      for (const letter of write.deadLetters) {
        this.statements.insertDeadLetter.run(
          slotId,
          letter.projection,
          letter.position,
          letter.eventId,
          letter.eventType,
          letter.streamId,
          letter.error,
          letter.attempts,
          letter.recordedAt,
        );
      }
    }
  }

  async load(slotId: number, keys: readonly string[]): Promise<Map<string, unknown>> {
    const documents = new Map<string, unknown>();
    for (let start = 0; start < keys.length; start += LOAD_CHUNK) {
      const chunk = keys.slice(start, start + LOAD_CHUNK);
      for (const [key, doc] of this.loadStatement(chunk.length).all(slotId, ...chunk) as DocumentRow[]) documents.set(key, JSON.parse(doc));
    }
    return documents;
  }

  private loadStatement(size: number): Database.Statement {
    let statement = this.loadStatements.get(size);
    if (!statement) {
      statement = this.db.prepare(`SELECT key, doc FROM rm_documents WHERE slot_id = ? AND key IN (${'?,'.repeat(size - 1)}?)`).raw(true);
      this.loadStatements.set(size, statement);
    }
    return statement;
  }

  async get(slotId: number, key: string): Promise<unknown | undefined> {
    const doc = this.statements.document.get(slotId, key) as string | undefined;
    return doc === undefined ? undefined : JSON.parse(doc);
  }

  async scan(slotId: number, prefix: string): Promise<Array<[string, unknown]>> {
    const bound = prefixUpperBound(prefix);
    const rows = bound === undefined ? this.statements.scanFrom.all(slotId, prefix) : this.statements.scanRange.all(slotId, prefix, bound);
    return (rows as DocumentRow[]).map(([key, doc]) => [key, JSON.parse(doc)]);
  }

  async deadLetters(options: { projection?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    return this.statements.deadLetters.all({ projection: options.projection ?? null, limit: options.limit ?? -1 }) as DeadLetter[];
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
