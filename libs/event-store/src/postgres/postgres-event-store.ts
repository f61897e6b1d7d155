import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { AppendSignal } from '../append-signal';
import type { AppendedEvent, AppendResult, EventEnvelope, NewEvent } from '../envelope';
import { InvalidAppend, StreamNotFound, WrongExpectedRevision } from '../errors';
import type {
  AppendOptions,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  StreamEvents,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { followAll, readAllPages, type BatchSource } from '../global-reader';
import { decodeRow, serializeEvent, validateAppend, type SerializedEvent, type StoredIdentity, type StoredRow } from '../stored-event';
import { storedBatch, validateBatch } from '../stream-batch';
import { migrateAsOwner, migratePostgres } from './postgres-schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /**
   * The schema owner's connection: migrations run as the owner, and the role of
   * `connectionString` is granted only SELECT and INSERT on the events (never UPDATE, DELETE or
   * TRUNCATE). Without it, `connectionString`'s role migrates and keeps the rights it has.
   */
  ownerConnectionString?: string;
  poolSize?: number;
  pageSize?: number;
  /** Fallback poll when no notification arrives (a rolled-back or very slow writer). */
  pollIntervalMs?: number;
  clock?: () => Date;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, hash';
/** Rows of transactions older than every running one: nothing can commit behind them any more. */
const VISIBLE = 'tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';
const MAX_RETRIES = 20;
/** No row back means the expected revision did not hold. */
const APPEND_ONE = `
  WITH head AS (
    SELECT COALESCE(last.revision, -1) AS rev, COALESCE(last.hash, repeat('0', 64)) AS prev
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT revision, hash FROM es_events WHERE stream_id = $1::text ORDER BY revision DESC LIMIT 1) AS last ON true
  ), inserted AS (
    INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
    SELECT pg_current_xact_id()::text::bigint << 16, pg_current_xact_id(), $1::text, rev + 1, $3::text, $4::text, $5::integer, $6::text, $7::text,
           encode(sha256(convert_to(concat_ws(E'\\n', prev, $1::text, (rev + 1)::text, $3::text, $4::text, $5::integer::text, $6::text, $7::text), 'UTF8')), 'hex')
      FROM head
     WHERE $2::text = 'any' OR ($2::text = 'no_stream' AND rev = -1) OR ($2::text = 'exists' AND rev >= 0)
        OR ($2::text ~ '^[0-9]+$' AND rev = CASE WHEN $2::text ~ '^[0-9]+$' THEN $2::text::bigint END)
    RETURNING revision, position
  )
  SELECT revision, position, pg_notify('es_events', '') FROM inserted`;
/** Positions are the transaction id shifted by 16 bits plus the index in the append. */
const MAX_EVENTS_PER_APPEND = 65_535;

export class PostgresEventStore implements EventStore, BatchSource {
  readonly engine = 'postgres';
  readonly capabilities = { atomicAppendMany: true };
  readonly appended = new AppendSignal();
  private readonly pool: Pool;
  private readonly clock: () => Date;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private listener?: Promise<PoolClient>;
  private closed = false;

  private constructor(options: PostgresEventStoreOptions) {
    const config: PoolConfig = { connectionString: options.connectionString, max: options.poolSize ?? 10 };
    this.pool = new Pool(config);
    // An idle client that loses its server must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.clock = options.clock ?? (() => new Date());
    this.pageSize = options.pageSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Connects and brings the schema up to date. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      if (options.ownerConnectionString) await migrateAsOwner(options.ownerConnectionString, store.pool);
      else await migratePostgres(store.pool);
    } catch (error) {
      await store.pool.end();
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expected);
    if (events.length > MAX_EVENTS_PER_APPEND) throw new InvalidAppend(`An append holds at most ${MAX_EVENTS_PER_APPEND} events`);
    for (let attempt = 0; ; attempt++) {
      const serialized = events.map((e) => serializeEvent(e, this.clock().toISOString()));
      try {
        const appended =
          serialized.length === 1
            ? await this.appendOne(streamId, expected, serialized[0])
            : await this.appendSeveral(this.pool, streamId, expected, serialized);
        const last = appended[appended.length - 1];
        return { streamId, revision: last.revision, position: last.position, events: appended };
      } catch (error) {
        const outcome = await this.explainFailure(error, streamId, events, expected);
        if (outcome === 'retry' && attempt < MAX_RETRIES) continue;
        if (outcome === 'retry') throw error;
        return outcome;
      }
    }
  }

  /**
   * The common case, one event, as one prepared statement: a plpgsql call costs more than the
   * insert itself. Same head read, revision check, hash and position rule as `es_append`.
   */
  private async appendOne(streamId: string, expected: ExpectedRevision, event: SerializedEvent): Promise<AppendedEvent[]> {
    const { rows } = await this.pool.query<[string, string]>({
      name: 'es_append_one',
      text: APPEND_ONE,
      values: [streamId, String(expected), event.id, event.type, event.schemaVersion, event.dataJson, event.metadataJson],
      rowMode: 'array',
    });
    if (rows.length === 0) throw Object.assign(new Error('wrong expected revision'), { code: 'ES409', detail: String(await this.streamRevision(streamId)) });
    return [{ id: event.id, type: event.type, revision: Number(rows[0][0]), position: Number(rows[0][1]) }];
  }

  /**
   * One transaction, one `es_append` per stream: positions continue within the transaction
   * (ADR 002), so the batch is contiguous in global order and visible all at once.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    validateBatch(appends, MAX_EVENTS_PER_APPEND);
    for (let attempt = 0; ; attempt++) {
      const recordedAt = this.clock().toISOString();
      const client = await this.pool.connect();
      let failed: StreamAppend | undefined;
      try {
        await client.query('BEGIN');
        const results: AppendResult[] = [];
        for (const append of appends) {
          failed = append;
          const appended = await this.appendSeveral(
            client,
            append.streamId,
            append.expectedRevision ?? 'any',
            append.events.map((e) => serializeEvent(e, recordedAt)),
          );
          const last = appended[appended.length - 1];
          results.push({ streamId: append.streamId, revision: last.revision, position: last.position, events: appended });
        }
        failed = undefined;
        await client.query('COMMIT');
        return results;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (!failed) throw error;
        const outcome = await this.explainBatchFailure(error, appends, failed);
        if (outcome === 'retry' && attempt < MAX_RETRIES) continue;
        if (outcome === 'retry') throw error;
        return outcome;
      } finally {
        client.release();
      }
    }
  }

  /** Turns a failed batch into its original results (an idempotent retry), a typed error, or "try again". */
  private async explainBatchFailure(error: unknown, appends: StreamAppend[], failed: StreamAppend): Promise<AppendResult[] | 'retry'> {
    const expected = failed.expectedRevision ?? 'any';
    const failure = classify(error);
    if (!failure) throw error;
    const stored = storedBatch(appends, await this.storedIdentities(appends.flatMap((a) => a.events)));
    if (stored) return stored;
    if (failure === 'idTaken' || (failure === 'lostRace' && (expected === 'any' || expected === 'exists'))) return 'retry';
    const actual = failure === 'wrongRevision' ? Number((error as { detail?: string }).detail) : await this.streamRevision(failed.streamId);
    throw new WrongExpectedRevision(failed.streamId, expected, actual);
  }

  private async appendSeveral(db: Pool | PoolClient, streamId: string, expected: ExpectedRevision, events: SerializedEvent[]): Promise<AppendedEvent[]> {
    const { rows } = await db.query<[string, string, string]>({
      name: 'es_append',
      text: 'SELECT * FROM es_append($1, $2, $3, $4, $5, $6, $7)',
      values: [
        streamId,
        String(expected),
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => e.dataJson),
        events.map((e) => e.metadataJson),
      ],
      rowMode: 'array',
    });
    return rows.map(([id, revision, position], i) => ({ id, type: events[i].type, revision: Number(revision), position: Number(position) }));
  }

  /** A single append's failure is a batch of one's. */
  private async explainFailure(error: unknown, streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult | 'retry'> {
    const append: StreamAppend = { streamId, events, expectedRevision: expected };
    const outcome = await this.explainBatchFailure(error, [append], append);
    return outcome === 'retry' ? outcome : outcome[0];
  }

  private async storedIdentities(events: NewEvent[]): Promise<StoredIdentity[]> {
    const { rows } = await this.pool.query<{ id: string; type: string; streamId: string; revision: string; position: string }>(
      'SELECT event_id AS id, type, stream_id AS "streamId", revision, position FROM es_events WHERE event_id = ANY($1)',
      [events.map((e) => e.id)],
    );
    return rows.map((r) => ({ ...r, revision: Number(r.revision), position: Number(r.position) }));
  }

  private async streamRevision(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<[string]>({
      text: 'SELECT revision FROM es_events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1',
      values: [streamId],
      rowMode: 'array',
    });
    return rows.length ? Number(rows[0][0]) : -1;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamEvents> {
    const revision = await this.streamRevision(streamId);
    if (revision < 0) throw new StreamNotFound(streamId);
    const { rows } = await this.pool.query<StoredRow>({
      name: 'es_read_stream',
      text: `SELECT ${COLUMNS} FROM es_events WHERE stream_id = $1 AND revision >= $2 AND revision <= $3 ORDER BY revision LIMIT $4`,
      values: [streamId, options.fromRevision ?? 0, revision, options.maxCount ?? null],
      rowMode: 'array',
    });
    return { streamId, revision, events: rows.map(decodeRow) };
  }

  async readBatch(fromPosition: number, limit: number): Promise<EventEnvelope[]> {
    const { rows } = await this.pool.query<StoredRow>({
      name: 'es_read_batch',
      text: `SELECT ${COLUMNS} FROM es_events WHERE position >= $1 AND ${VISIBLE} ORDER BY position LIMIT $2`,
      values: [fromPosition, limit],
      rowMode: 'array',
    });
    return rows.map(decodeRow);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    return readAllPages(this, options, this.pageSize);
  }

  subscribeAll(options: SubscribeOptions = {}): Subscription {
    this.listen();
    return followAll(this, options, { pageSize: this.pageSize, pollIntervalMs: this.pollIntervalMs });
  }

  /** One LISTEN connection per store wakes every live subscriber of this process. */
  private listen(): void {
    if (this.listener || this.closed) return;
    this.listener = this.pool.connect().then(async (client) => {
      client.on('notification', () => this.appended.notify());
      client.on('error', () => {
        this.listener = undefined;
      });
      await client.query('LISTEN es_events');
      return client;
    });
    this.listener.catch(() => {
      this.listener = undefined;
    });
  }

  /**
   * The last visible position, once every event committed before the call is visible: an event
   * committed behind an older open transaction is held back for a few milliseconds (ADR 002), and a
   * caller asking for the head after an acknowledged append must get that append. Events committed
   * during the wait are not waited for; the wait gives up after ~1 s.
   */
  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<[string | null, string | null]>({
      name: 'es_head',
      text: `SELECT (SELECT position FROM es_events ORDER BY position DESC LIMIT 1), (SELECT position FROM es_events WHERE ${VISIBLE} ORDER BY position DESC LIMIT 1)`,
      rowMode: 'array',
    });
    const [committed, firstVisible] = rows[0].map((p) => (p === null ? 0 : Number(p)));
    let visible = firstVisible;
    for (let waited = 0, pause = 1; visible < committed && waited < 1000; waited += pause, pause = Math.min(pause * 2, 100)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      visible = await this.visibleHead();
    }
    return visible;
  }

  private async visibleHead(): Promise<number> {
    const { rows } = await this.pool.query<[string]>({
      name: 'es_visible_head',
      text: `SELECT position FROM es_events WHERE ${VISIBLE} ORDER BY position DESC LIMIT 1`,
      rowMode: 'array',
    });
    return rows.length ? Number(rows[0][0]) : 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.notify();
    const listener = await this.listener?.catch(() => undefined);
    listener?.release(true);
    await this.pool.end();
  }
}

/** The failures an append explains (a lost race, a taken id, a revision that did not hold); undefined for any other error. */
function classify(error: unknown): 'lostRace' | 'idTaken' | 'wrongRevision' | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === 'ES409') return 'wrongRevision';
  if (code !== '23505') return undefined;
  if (constraint === 'es_events_stream_revision_key') return 'lostRace';
  if (constraint === 'es_events_event_id_key') return 'idTaken';
  return undefined;
}
