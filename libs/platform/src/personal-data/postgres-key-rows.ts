import { Pool, type PoolClient } from 'pg';
import { KeyLock } from './key-lock';
import type { KeyRow, KeyRows } from './key-rows';

/** Advisory lock taken shared by new keys and exclusively by a rotation, across every API process. */
const ROTATION_LOCK = 7262019884251373;

interface Row {
  subject_id: string;
  wrapped: Buffer | null;
  epoch: number | null;
  key: Buffer | null;
  destroyed_at: Date | null;
}

const toKeyRow = (row: Row): KeyRow => ({
  subjectId: row.subject_id,
  wrapped: row.wrapped,
  epoch: row.epoch,
  legacyKey: row.key,
  destroyed: row.destroyed_at !== null,
});

/**
 * Wrapped keys in a PostgreSQL table (its own database when KEYS_DATABASE_URL says so). A cleared
 * row lives on in dead tuples and the WAL until vacuumed, wrapped under a retired epoch.
 */
export class PostgresKeyRows implements KeyRows {
  private readonly lock = new KeyLock();
  /** The connection holding the rotation lock, which the rotation's own queries use. */
  private rotating?: PoolClient;

  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<PostgresKeyRows> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(
      'CREATE TABLE IF NOT EXISTS personal_data_keys (subject_id text PRIMARY KEY, key bytea, created_at timestamptz NOT NULL DEFAULT now(), destroyed_at timestamptz)',
    );
    await pool.query(
      'ALTER TABLE personal_data_keys ADD COLUMN IF NOT EXISTS wrapped bytea, ADD COLUMN IF NOT EXISTS epoch integer, ADD COLUMN IF NOT EXISTS erasing_since timestamptz',
    );
    return new PostgresKeyRows(pool);
  }

  async find(subjectId: string): Promise<KeyRow | undefined> {
    const { rows } = await this.db().query<Row>('SELECT * FROM personal_data_keys WHERE subject_id = $1', [subjectId]);
    return rows[0] && toKeyRow(rows[0]);
  }

  insert(subjectId: string, wrapNew: () => Promise<{ epoch: number; wrapped: Buffer }>): Promise<KeyRow> {
    return this.lock.shared(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock_shared($1)', [ROTATION_LOCK]);
        const { epoch, wrapped } = await wrapNew();
        const { rows } = await client.query<Row>(
          `WITH created AS (INSERT INTO personal_data_keys (subject_id, wrapped, epoch) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING RETURNING *)
           SELECT * FROM created UNION ALL SELECT * FROM personal_data_keys WHERE subject_id = $1 LIMIT 1`,
          [subjectId, wrapped, epoch],
        );
        await client.query('COMMIT');
        return toKeyRow(rows[0]);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async shred(subjectId: string): Promise<boolean> {
    const { rowCount } = await this.db().query(
      'UPDATE personal_data_keys SET key = NULL, wrapped = NULL, epoch = NULL, erasing_since = NULL, destroyed_at = now() WHERE subject_id = $1 AND destroyed_at IS NULL',
      [subjectId],
    );
    return (rowCount ?? 0) > 0;
  }

  async markErasing(subjectId: string, erasing: boolean): Promise<void> {
    await this.db().query(`UPDATE personal_data_keys SET erasing_since = ${erasing ? 'now()' : 'NULL'} WHERE subject_id = $1 AND destroyed_at IS NULL`, [
      subjectId,
    ]);
  }

  async erasing(): Promise<string[]> {
    const { rows } = await this.db().query<{ subject_id: string }>(
      'SELECT subject_id FROM personal_data_keys WHERE erasing_since IS NOT NULL AND destroyed_at IS NULL',
    );
    return rows.map((row) => row.subject_id);
  }

  async notWrappedUnder(epoch: number, afterSubject: string, limit: number): Promise<KeyRow[]> {
    const { rows } = await this.db().query<Row>(
      'SELECT * FROM personal_data_keys WHERE destroyed_at IS NULL AND epoch IS DISTINCT FROM $1 AND subject_id > $2 ORDER BY subject_id LIMIT $3',
      [epoch, afterSubject, limit],
    );
    return rows.map(toKeyRow);
  }

  async rewrap(rows: { subjectId: string; wrapped: Buffer; epoch: number }[]): Promise<void> {
    await this.db().query(
      `UPDATE personal_data_keys AS k SET wrapped = r.wrapped, epoch = r.epoch, key = NULL
         FROM unnest($1::text[], $2::bytea[], $3::integer[]) AS r(subject_id, wrapped, epoch) WHERE k.subject_id = r.subject_id`,
      [rows.map((r) => r.subjectId), rows.map((r) => r.wrapped), rows.map((r) => r.epoch)],
    );
  }

  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.exclusively(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [ROTATION_LOCK]);
        this.rotating = client;
        try {
          return await work();
        } finally {
          this.rotating = undefined;
          await client.query('SELECT pg_advisory_unlock($1)', [ROTATION_LOCK]);
        }
      } finally {
        client.release();
      }
    });
  }

  scrub(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private db(): Pool | PoolClient {
    return this.rotating ?? this.pool;
  }
}
