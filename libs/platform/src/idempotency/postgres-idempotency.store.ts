import { Pool } from 'pg';
import type { IdempotencyStore, StoredResponse } from './idempotency.store';

export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<PostgresIdempotencyStore> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(`CREATE TABLE IF NOT EXISTS api_idempotency_keys (
      key text PRIMARY KEY, request_hash text NOT NULL, status integer NOT NULL, body jsonb NOT NULL, etag text, created_at timestamptz NOT NULL DEFAULT now())`);
    return new PostgresIdempotencyStore(pool);
  }

  async find(key: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.pool.query<{ request_hash: string; status: number; body: unknown; etag: string | null }>(
      'SELECT request_hash, status, body, etag FROM api_idempotency_keys WHERE key = $1',
      [key],
    );
    const row = rows[0];
    return row && { requestHash: row.request_hash, status: row.status, body: row.body, etag: row.etag ?? undefined };
  }

  async save(key: string, response: StoredResponse): Promise<void> {
    await this.pool.query('INSERT INTO api_idempotency_keys (key, request_hash, status, body, etag) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING', [
      key,
      response.requestHash,
      response.status,
      JSON.stringify(response.body),
      response.etag ?? null,
    ]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
