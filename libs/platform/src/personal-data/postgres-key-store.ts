import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { KeyDestroyed, type KeyStore } from './key-store';

export class PostgresKeyStore implements KeyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<PostgresKeyStore> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(
      'CREATE TABLE IF NOT EXISTS personal_data_keys (subject_id text PRIMARY KEY, key bytea, created_at timestamptz NOT NULL DEFAULT now(), destroyed_at timestamptz)',
    );
    return new PostgresKeyStore(pool);
  }

  async keyFor(subjectId: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ key: Buffer | null }>(
      `WITH created AS (INSERT INTO personal_data_keys (subject_id, key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING RETURNING key)
       SELECT key FROM created UNION ALL SELECT key FROM personal_data_keys WHERE subject_id = $1 LIMIT 1`,
      [subjectId, randomBytes(32)],
    );
    const key = rows[0]?.key;
    if (!key) throw new KeyDestroyed(subjectId);
    return key;
  }

  async find(subjectId: string): Promise<Buffer | undefined> {
    const { rows } = await this.pool.query<{ key: Buffer | null }>('SELECT key FROM personal_data_keys WHERE subject_id = $1', [subjectId]);
    return rows[0]?.key ?? undefined;
  }

  async destroy(subjectId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE personal_data_keys SET key = NULL, destroyed_at = now() WHERE subject_id = $1 AND key IS NOT NULL', [
      subjectId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
