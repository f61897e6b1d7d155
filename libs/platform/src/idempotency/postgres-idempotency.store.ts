import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_PENDING_TTL_MS,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type Reservation,
  type StoredResponse,
} from './idempotency.store';

interface Row {
  request_hash: string;
  state: 'pending' | 'completed';
  reserved_at: string;
  status: number | null;
  body: string | null;
  etag: string | null;
}

/**
 * Keys in `api_idempotency_requests`. (`api_idempotency_keys`, the table of answers before keys
 * were reserved and scoped by API key, is left as it was and no longer read.) One INSERT ... ON
 * CONFLICT reserves: it inserts a pending row, or takes over a pending row gone stale, and returns
 * the token only when this request got the key. Concurrent inserts of one key wait for each other
 * on the primary key, so exactly one of them reserves it, on every API instance.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  /** This process, as the holder of the reservations it makes. */
  private readonly holder = randomUUID();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly pool: Pool,
    private readonly pendingTtlMs: number,
    private readonly heartbeatMs: number,
    private readonly now: () => number,
  ) {
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), heartbeatMs);
    this.heartbeat.unref();
  }

  static async open(connectionString: string, options: IdempotencyStoreOptions = {}): Promise<PostgresIdempotencyStore> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(`CREATE TABLE IF NOT EXISTS api_idempotency_requests (
      key text PRIMARY KEY,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'completed')),
      token text,
      reserved_at bigint NOT NULL,
      status integer,
      body text,
      etag text,
      completed_at timestamptz);
      ALTER TABLE api_idempotency_requests ADD COLUMN IF NOT EXISTS holder text;
      CREATE TABLE IF NOT EXISTS api_idempotency_holders (holder text PRIMARY KEY, seen_at bigint NOT NULL)`);
    const store = new PostgresIdempotencyStore(
      pool,
      options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS,
      options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      options.now ?? Date.now,
    );
    await store.beat();
    return store;
  }

  private async beat(): Promise<void> {
    await this.pool.query(
      'INSERT INTO api_idempotency_holders (holder, seen_at) VALUES ($1, $2) ON CONFLICT (holder) DO UPDATE SET seen_at = EXCLUDED.seen_at',
      [this.holder, this.now()],
    );
  }

  async reserve(key: string, requestHash: string): Promise<Reservation> {
    const token = randomUUID();
    // A row released by its holder between the two statements leaves nothing to read: claim again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.now();
      const claimed = await this.pool.query<{ token: string }>(
        `INSERT INTO api_idempotency_requests AS r (key, request_hash, state, token, reserved_at, holder) VALUES ($1, $2, 'pending', $3, $4, $6)
         ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, token = EXCLUDED.token, reserved_at = EXCLUDED.reserved_at, holder = EXCLUDED.holder
           WHERE r.state = 'pending' AND (r.reserved_at <= $5
             OR (r.holder IS DISTINCT FROM $6
               AND NOT EXISTS (SELECT 1 FROM api_idempotency_holders h WHERE h.holder = r.holder AND h.seen_at > $7)))
         RETURNING token`,
        [key, requestHash, token, now, now - this.pendingTtlMs, this.holder, now - 3 * this.heartbeatMs],
      );
      if (claimed.rows[0]?.token === token) return { state: 'reserved', token };
      const { rows } = await this.pool.query<Row>('SELECT request_hash, state, reserved_at, status, body, etag FROM api_idempotency_requests WHERE key = $1', [
        key,
      ]);
      if (rows[0]) return reservationOf(rows[0]);
    }
    return { state: 'pending', requestHash, reservedAt: this.now() };
  }

  async complete(key: string, token: string, response: StoredResponse): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE api_idempotency_requests SET state = 'completed', status = $3, body = $4, etag = $5, completed_at = now()
       WHERE key = $1 AND token = $2 AND state = 'pending'`,
      [key, token, response.status, JSON.stringify(response.body), response.etag ?? null],
    );
    return rowCount === 1;
  }

  async release(key: string, token: string): Promise<void> {
    await this.pool.query("DELETE FROM api_idempotency_requests WHERE key = $1 AND token = $2 AND state = 'pending'", [key, token]);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.pool.query('DELETE FROM api_idempotency_holders WHERE holder = $1', [this.holder]).catch(() => undefined);
    await this.pool.end();
  }
}

function reservationOf(row: Row): Reservation {
  if (row.state === 'pending') return { state: 'pending', requestHash: row.request_hash, reservedAt: Number(row.reserved_at) };
  return {
    state: 'completed',
    response: { requestHash: row.request_hash, status: row.status ?? 200, body: JSON.parse(row.body ?? 'null') as unknown, etag: row.etag ?? undefined },
  };
}
