import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendSignal } from '../append-signal';
import type { AppendResult, EventEnvelope, NewEvent } from '../envelope';
import { StreamNotFound, WrongExpectedRevision } from '../errors';
import { eventIdsOf, storedBatch, validateBatch } from '../stream-batch';
import type {
  AppendOptions,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  StreamAppend,
  ReadStreamOptions,
  StreamEvents,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { followAll, readAllPages, type BatchSource } from '../global-reader';
import { decodeRow, GENESIS_HASH, hashEvent, revisionMatches, serializeEvent, validateAppend, type StoredIdentity, type StoredRow } from '../stored-event';
import { migrateSqlite } from './sqlite-schema';

/**
 * SQLite's `synchronous` pragma in WAL mode. FULL syncs the WAL on every commit, so an
 * acknowledged append survives power loss; NORMAL survives a process crash (kill -9) but may
 * lose the last commits on power loss or an OS crash.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'EXTRA';

export interface SqliteEventStoreOptions {
  path: string;
  synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  pageSize?: number;
  pollIntervalMs?: number;
  clock?: () => Date;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, hash';

export class SqliteEventStore implements EventStore, BatchSource {
  readonly engine = 'sqlite';
  readonly capabilities = { atomicAppendMany: true };
  readonly appended = new AppendSignal();
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendTransaction: (appends: StreamAppend[], recordedAt: string) => AppendResult[];

  constructor(options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    migrateSqlite(this.db);
    this.clock = options.clock ?? (() => new Date());
    this.pageSize = options.pageSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.statements = this.prepare();
    // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
    this.appendTransaction = this.db.transaction(this.appendInTransaction.bind(this)).immediate;
  }

  private prepare() {
    return {
      head: this.db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').raw(true),
      insert: this.db.prepare('INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      byId: this.db.prepare('SELECT event_id AS id, type, stream_id AS streamId, revision, position FROM events WHERE event_id = ?'),
      stream: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(true),
      batch: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true),
      headPosition: this.db.prepare('SELECT MAX(position) FROM events').pluck(),
    };
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.appendBatch([{ streamId, events, expectedRevision: options.expectedRevision }], (appends) =>
      validateAppend(appends[0].streamId, appends[0].events, appends[0].expectedRevision ?? 'any'),
    ).then((results) => results[0]);
  }

  appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    return this.appendBatch(appends, (batch) => validateBatch(batch, Number.MAX_SAFE_INTEGER));
  }

  /** One IMMEDIATE transaction for the whole batch; after a rollback, an idempotent retry is answered from what is stored. */
  private appendBatch(appends: StreamAppend[], validate: (appends: StreamAppend[]) => void): Promise<AppendResult[]> {
    try {
      validate(appends);
      let results: AppendResult[];
      try {
        results = this.appendTransaction(appends, this.clock().toISOString());
      } catch (error) {
        if (!(error instanceof AlreadyStored || error instanceof WrongExpectedRevision)) throw error;
        const stored = storedBatch(appends, this.storedIdentities(appends));
        if (!stored) throw error;
        results = stored;
      }
      this.appended.notify();
      return Promise.resolve(results);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private appendInTransaction(appends: StreamAppend[], recordedAt: string): AppendResult[] {
    return appends.map(({ streamId, events, expectedRevision }) => this.appendToStream(streamId, events, expectedRevision ?? 'any', recordedAt));
  }

  private appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision, recordedAt: string): AppendResult {
    const head = this.statements.head.get(streamId) as [number, string] | undefined;
    const headRevision = head ? head[0] : -1;
    if (!revisionMatches(expected, headRevision)) throw new WrongExpectedRevision(streamId, expected, headRevision);
    let prevHash = head ? head[1] : GENESIS_HASH;
    const appended = [];
    for (let i = 0; i < events.length; i++) {
      const revision = headRevision + 1 + i;
      const event = serializeEvent(events[i], recordedAt);
      const hash = hashEvent(prevHash, streamId, revision, event);
      let position: number;
      try {
        const info = this.statements.insert.run(streamId, revision, event.id, event.type, event.schemaVersion, event.dataJson, event.metadataJson, hash);
        position = Number(info.lastInsertRowid);
      } catch (error) {
        // An idempotent retry or a reused id: roll back, then appendBatch tells which.
        if (isUniqueViolation(error, 'event_id')) throw new AlreadyStored();
        throw error;
      }
      appended.push({ id: event.id, type: event.type, revision, position });
      prevHash = hash;
    }
    const last = appended[appended.length - 1];
    return { streamId, revision: last.revision, position: last.position, events: appended };
  }

  private storedIdentities(appends: StreamAppend[]): StoredIdentity[] {
    return eventIdsOf(appends)
      .map((id) => this.statements.byId.get(id) as StoredIdentity | undefined)
      .filter((s): s is StoredIdentity => s !== undefined);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamEvents> {
    const head = this.statements.head.get(streamId) as [number, string] | undefined;
    if (!head) return Promise.reject(new StreamNotFound(streamId));
    const rows = this.statements.stream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1) as StoredRow[];
    return Promise.resolve({ streamId, revision: head[0], events: rows.map(decodeRow) });
  }

  readBatch(fromPosition: number, limit: number): Promise<EventEnvelope[]> {
    const rows = this.statements.batch.all(fromPosition, limit) as StoredRow[];
    return Promise.resolve(rows.map(decodeRow));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    return readAllPages(this, options, this.pageSize);
  }

  subscribeAll(options: SubscribeOptions = {}): Subscription {
    return followAll(this, options, { pageSize: this.pageSize, pollIntervalMs: this.pollIntervalMs });
  }

  headPosition(): Promise<number> {
    return Promise.resolve(Number(this.statements.headPosition.get() ?? 0));
  }

  ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.appended.notify();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** Rolls the append transaction back when an event id is already stored. */
class AlreadyStored extends Error {}

/** By code, not instanceof: the native addon keeps the error class of whichever module copy loaded it first. */
function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column);
}
