import { Client } from 'pg';
import type { PgBatchMode } from './config';
import { metadataJson } from './measure';
import type { AppendUnit, RatingProposed } from './rating-events';
import type { BenchTarget, ReadSlice } from './target';

/** The adapter's table minus `hash` and `tx_id`: same key, same unique indexes, same text columns. */
export const RAW_POSTGRES_SCHEMA = `CREATE TABLE raw_events (
  position       bigserial PRIMARY KEY,
  stream_id      text    NOT NULL,
  revision       bigint  NOT NULL,
  event_id       text    NOT NULL UNIQUE,
  type           text    NOT NULL,
  schema_version integer NOT NULL,
  data           text    NOT NULL,
  metadata       text    NOT NULL,
  UNIQUE (stream_id, revision)
)`;

const COLUMNS = 'stream_id, revision, event_id, type, schema_version, data, metadata';
const INSERT_ONE = `INSERT INTO raw_events (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
const INSERT_UNNEST = `INSERT INTO raw_events (${COLUMNS})
  SELECT $1, r, i, t, v, d, m FROM unnest($2::bigint[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::text[]) AS u(r, i, t, v, d, m)`;
const PAGE = `SELECT position, ${COLUMNS} FROM raw_events WHERE position >= $1 ORDER BY position LIMIT $2`;

type Row = [string, string, string, string, string, number, string, string];

/**
 * Plain node-postgres on one connection, autocommit, named (prepared) statements. A one-event
 * unit is one INSERT round trip. A bigger unit is written per `batchMode`:
 *  - unnest: one INSERT ... SELECT FROM unnest(arrays) round trip (what es_append receives too)
 *  - values: one multi-row INSERT ... VALUES (...), (...) round trip (7 parameters per row)
 *  - tx:     BEGIN, one INSERT round trip per event, COMMIT
 */
export class RawPostgresTarget implements BenchTarget {
  readonly kind = 'raw';

  private constructor(
    private readonly client: Client,
    private readonly batchMode: PgBatchMode,
    private readonly pageSize: number,
  ) {}

  static async open(url: string, batchMode: PgBatchMode, pageSize: number): Promise<RawPostgresTarget> {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(RAW_POSTGRES_SCHEMA);
    return new RawPostgresTarget(client, batchMode, pageSize);
  }

  async write(chunk: AppendUnit[]): Promise<void> {
    for (const unit of chunk) {
      const recordedAt = new Date().toISOString();
      if (unit.events.length === 1) {
        await this.insertOne(unit, 0, recordedAt);
      } else if (this.batchMode === 'unnest') {
        await this.insertUnnest(unit, recordedAt);
      } else if (this.batchMode === 'values') {
        await this.insertValues(unit, recordedAt);
      } else {
        await this.insertInTransaction(unit, recordedAt);
      }
    }
  }

  private insertOne(unit: AppendUnit, i: number, recordedAt: string) {
    const e = unit.events[i];
    return this.client.query({
      name: 'raw_insert',
      text: INSERT_ONE,
      values: [unit.streamId, unit.firstRevision + i, e.id, e.type, e.schemaVersion ?? 1, JSON.stringify(e.data), metadataJson(e.metadata, recordedAt)],
    });
  }

  private insertUnnest(unit: AppendUnit, recordedAt: string) {
    const { events } = unit;
    return this.client.query({
      name: 'raw_insert_unnest',
      text: INSERT_UNNEST,
      values: [
        unit.streamId,
        events.map((_, i) => unit.firstRevision + i),
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion ?? 1),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => metadataJson(e.metadata, recordedAt)),
      ],
    });
  }

  private insertValues(unit: AppendUnit, recordedAt: string) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    unit.events.forEach((e, i) => {
      const p = values.length;
      tuples.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`);
      values.push(unit.streamId, unit.firstRevision + i, e.id, e.type, e.schemaVersion ?? 1, JSON.stringify(e.data), metadataJson(e.metadata, recordedAt));
    });
    return this.client.query({
      name: `raw_insert_values_${unit.events.length}`,
      text: `INSERT INTO raw_events (${COLUMNS}) VALUES ${tuples.join(', ')}`,
      values,
    });
  }

  private async insertInTransaction(unit: AppendUnit, recordedAt: string): Promise<void> {
    await this.client.query('BEGIN');
    try {
      for (let i = 0; i < unit.events.length; i++) await this.insertOne(unit, i, recordedAt);
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Keyset pages of `pageSize` rows (prepared, rowMode array), JSON.parse of data and metadata. */
  async read(fromPosition: number, limit: number): Promise<ReadSlice> {
    let count = 0;
    let missing = 0;
    let next = fromPosition;
    while (count < limit) {
      const want = Math.min(this.pageSize, limit - count);
      const { rows } = await this.client.query<Row>({ name: 'raw_page', text: PAGE, values: [next, want], rowMode: 'array' });
      for (const row of rows) {
        const data = JSON.parse(row[6]) as RatingProposed;
        const metadata = JSON.parse(row[7]) as { actor?: unknown };
        if (data.rating === undefined || metadata.actor === undefined) missing++;
      }
      count += rows.length;
      if (rows.length > 0) next = Number(rows[rows.length - 1][0]) + 1;
      if (rows.length < want) break;
    }
    if (missing > 0) throw new Error(`${missing} rows without a payload`);
    return { count, next };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
