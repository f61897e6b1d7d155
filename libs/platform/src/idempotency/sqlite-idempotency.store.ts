import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteSynchronous } from '@pm/event-store';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_PENDING_TTL_MS,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type Reservation,
  type StoredResponse,
} from './idempotency.store';

interface Row {
  requestHash: string;
  state: 'pending' | 'completed';
  reservedAt: number;
  status: number | null;
  body: string | null;
  etag: string | null;
}

/**
 * Keys in `idempotency_requests` of the service's SQLite file. (`idempotency_keys`, the table of
 * answers before keys were reserved and scoped by API key, is left as it was and no longer read.)
 * One statement reserves: it inserts a pending row, or takes over a pending row gone stale, and
 * returns the token only when this request got the key; SQLite's write lock makes it atomic
 * across processes sharing the file.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly claim: Database.Statement;
  private readonly select: Database.Statement;
  private readonly finish: Database.Statement;
  private readonly drop: Database.Statement;
  private readonly pendingTtlMs: number;
  private readonly heartbeatMs: number;
  private readonly now: () => number;
  /** This process, as the holder of the reservations it makes. */
  private readonly holder = randomUUID();
  private readonly beat: Database.Statement;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(path: string, options: IdempotencyStoreOptions & { synchronous?: SqliteSynchronous } = {}) {
    this.pendingTtlMs = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.now = options.now ?? Date.now;
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    if (options.synchronous) this.db.pragma(`synchronous = ${options.synchronous}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_requests (
      key TEXT PRIMARY KEY,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'completed')),
      token TEXT,
      reserved_at INTEGER NOT NULL,
      status INTEGER,
      body TEXT,
      etag TEXT,
      completed_at INTEGER);
      CREATE TABLE IF NOT EXISTS idempotency_holders (holder TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)`);
    const columns = new Set((this.db.pragma('table_info(idempotency_requests)') as { name: string }[]).map((c) => c.name));
    if (!columns.has('holder')) this.db.exec('ALTER TABLE idempotency_requests ADD COLUMN holder TEXT');
    this.beat = this.db.prepare(
      'INSERT INTO idempotency_holders (holder, seen_at) VALUES (?, ?) ON CONFLICT (holder) DO UPDATE SET seen_at = excluded.seen_at',
    );
    this.beat.run(this.holder, this.now());
    this.heartbeat = setInterval(() => this.beat.run(this.holder, this.now()), this.heartbeatMs);
    this.heartbeat.unref();
    this.claim = this.db.prepare(`INSERT INTO idempotency_requests (key, request_hash, state, token, reserved_at, holder)
      VALUES (@key, @requestHash, 'pending', @token, @now, @holder)
      ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, token = excluded.token, reserved_at = excluded.reserved_at, holder = excluded.holder
        WHERE idempotency_requests.state = 'pending' AND (idempotency_requests.reserved_at <= @staleBefore
          OR (idempotency_requests.holder IS NOT @holder
            AND NOT EXISTS (SELECT 1 FROM idempotency_holders h WHERE h.holder = idempotency_requests.holder AND h.seen_at > @deadBefore)))
      RETURNING token`);
    this.select = this.db.prepare(
      'SELECT request_hash AS requestHash, state, reserved_at AS reservedAt, status, body, etag FROM idempotency_requests WHERE key = ?',
    );
    this.finish = this.db.prepare(`UPDATE idempotency_requests SET state = 'completed', status = @status, body = @body, etag = @etag, completed_at = @now
      WHERE key = @key AND token = @token AND state = 'pending'`);
    this.drop = this.db.prepare("DELETE FROM idempotency_requests WHERE key = ? AND token = ? AND state = 'pending'");
  }

  reserve(key: string, requestHash: string): Promise<Reservation> {
    const token = randomUUID();
    // A row released by its holder between the two statements (another process) leaves nothing to read: claim again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.now();
      const claimed = this.claim.get({
        key,
        requestHash,
        token,
        now,
        holder: this.holder,
        staleBefore: now - this.pendingTtlMs,
        deadBefore: now - 3 * this.heartbeatMs,
      }) as { token: string } | undefined;
      if (claimed?.token === token) return Promise.resolve({ state: 'reserved', token });
      const row = this.select.get(key) as Row | undefined;
      if (row) return Promise.resolve(reservationOf(row));
    }
    return Promise.resolve({ state: 'pending', requestHash, reservedAt: this.now() });
  }

  complete(key: string, token: string, response: StoredResponse): Promise<boolean> {
    const { changes } = this.finish.run({
      key,
      token,
      status: response.status,
      body: JSON.stringify(response.body),
      etag: response.etag ?? null,
      now: this.now(),
    });
    return Promise.resolve(changes === 1);
  }

  release(key: string, token: string): Promise<void> {
    this.drop.run(key, token);
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.heartbeat);
    if (this.db.open) {
      this.db.prepare('DELETE FROM idempotency_holders WHERE holder = ?').run(this.holder);
      this.db.close();
    }
    return Promise.resolve();
  }
}

function reservationOf(row: Row): Reservation {
  if (row.state === 'pending') return { state: 'pending', requestHash: row.requestHash, reservedAt: row.reservedAt };
  return {
    state: 'completed',
    response: { requestHash: row.requestHash, status: row.status ?? 200, body: JSON.parse(row.body ?? 'null') as unknown, etag: row.etag ?? undefined },
  };
}
