import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/support/postgres';
import type { IdempotencyStore, IdempotencyStoreOptions, Reservation, StoredResponse } from './idempotency.store';
import { PostgresIdempotencyStore } from './postgres-idempotency.store';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

interface Adapter {
  /** A store on a fresh database, and how to open another store on the same database. */
  fresh(options: IdempotencyStoreOptions): Promise<{ store: IdempotencyStore; reopen: (options: IdempotencyStoreOptions) => Promise<IdempotencyStore> }>;
  /** The database as a previous release left it: the old answers table with a row. */
  freshWithOldTable(): Promise<{ reopen: (options: IdempotencyStoreOptions) => Promise<IdempotencyStore> }>;
}

const dirs: string[] = [];
const sqlite: Adapter = {
  async fresh(options) {
    const dir = mkdtempSync(join(tmpdir(), 'pm-idem-'));
    dirs.push(dir);
    const path = join(dir, 'service.db');
    return Promise.resolve({ store: new SqliteIdempotencyStore(path, options), reopen: (o) => Promise.resolve(new SqliteIdempotencyStore(path, o)) });
  },
  freshWithOldTable() {
    const dir = mkdtempSync(join(tmpdir(), 'pm-idem-old-'));
    dirs.push(dir);
    const path = join(dir, 'service.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, etag TEXT, created_at TEXT NOT NULL)',
    );
    db.prepare('INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?, ?)').run('default:hr:old', 'h', 200, '{}', '"0"', new Date().toISOString());
    db.close();
    return Promise.resolve({ reopen: (o) => Promise.resolve(new SqliteIdempotencyStore(path, o)) });
  },
};
const postgres: Adapter = {
  async fresh(options) {
    const url = await createTestDatabase('idem');
    return { store: await PostgresIdempotencyStore.open(url, options), reopen: (o) => PostgresIdempotencyStore.open(url, o) };
  },
  async freshWithOldTable() {
    const url = await createTestDatabase('idem_old');
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE api_idempotency_keys (
      key text PRIMARY KEY, request_hash text NOT NULL, status integer NOT NULL, body jsonb NOT NULL, etag text, created_at timestamptz NOT NULL DEFAULT now())`);
    await client.query("INSERT INTO api_idempotency_keys (key, request_hash, status, body) VALUES ('default:hr:old', 'h', 200, '{}')");
    await client.end();
    return { reopen: (o) => PostgresIdempotencyStore.open(url, o) };
  },
};

const answer = (requestHash: string, body: unknown = { streamId: 'employee-e-1', revision: 0 }): StoredResponse => ({
  requestHash,
  status: 201,
  body,
  etag: '"0"',
});

function tokenOf(reservation: Reservation): string {
  if (reservation.state !== 'reserved') throw new Error(`expected a reservation, got ${reservation.state}`);
  return reservation.token;
}

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('IdempotencyStore on %s', (_name, adapter) => {
  let now = 1_700_000_000_000;
  const clock = { now: () => now, pendingTtlMs: 60_000 };
  const open: IdempotencyStore[] = [];
  const fresh = async () => {
    const made = await adapter.fresh(clock);
    open.push(made.store);
    return made;
  };
  afterAll(async () => {
    for (const store of open) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reserves a new key once: the same request again finds it pending, another request too, each with the hash holding it', async () => {
    const { store } = await fresh();
    const first = await store.reserve('t:hr:k1:a', 'hash-1');
    expect(first).toEqual({ state: 'reserved', token: expect.any(String) });
    expect(await store.reserve('t:hr:k1:a', 'hash-1')).toEqual({ state: 'pending', requestHash: 'hash-1', reservedAt: now });
    expect(await store.reserve('t:hr:k1:a', 'hash-2')).toEqual({ state: 'pending', requestHash: 'hash-1', reservedAt: now });
    expect(await store.reserve('t:hr:k2:a', 'hash-2')).toMatchObject({ state: 'reserved' });
  });

  it('keeps the answer of the holder, byte for byte, and answers it to every later reservation', async () => {
    const { store, reopen } = await fresh();
    const token = tokenOf(await store.reserve('t:hr:k1:b', 'hash-1'));
    const body = { streamId: 'employee-e-1', revision: 3, position: 9, events: [{ id: 'x', type: 'FeedbackRecorded' }], z: 1, a: 2 };
    expect(await store.complete('t:hr:k1:b', token, answer('hash-1', body))).toBe(true);
    const again = await store.reserve('t:hr:k1:b', 'hash-1');
    expect(again).toEqual({ state: 'completed', response: answer('hash-1', body) });
    expect(JSON.stringify((again as { response: StoredResponse }).response.body)).toBe(JSON.stringify(body));
    expect(await store.reserve('t:hr:k1:b', 'hash-2')).toEqual({ state: 'completed', response: answer('hash-1', body) });
    // A completed key is never completed or released again, and survives a restart.
    expect(await store.complete('t:hr:k1:b', token, answer('hash-1', { other: true }))).toBe(false);
    await store.release('t:hr:k1:b', token);
    const reopened = await reopen(clock);
    open.push(reopened);
    expect(await reopened.reserve('t:hr:k1:b', 'hash-1')).toEqual({ state: 'completed', response: answer('hash-1', body) });
  });

  it('gives a released key to the next request, with whatever request it brings; only the holder can release', async () => {
    const { store } = await fresh();
    const token = tokenOf(await store.reserve('t:hr:k1:c', 'hash-1'));
    await store.release('t:hr:k1:c', 'not-the-token');
    expect(await store.reserve('t:hr:k1:c', 'hash-2')).toMatchObject({ state: 'pending', requestHash: 'hash-1' });
    await store.release('t:hr:k1:c', token);
    const next = tokenOf(await store.reserve('t:hr:k1:c', 'hash-2'));
    expect(next).not.toBe(token);
    expect(await store.complete('t:hr:k1:c', token, answer('hash-1'))).toBe(false);
    expect(await store.complete('t:hr:k1:c', next, answer('hash-2'))).toBe(true);
  });

  it('lets a request take over a reservation left pending for the whole TTL; the old holder can no longer complete it', async () => {
    const { store } = await fresh();
    const stale = tokenOf(await store.reserve('t:hr:k1:d', 'hash-1'));
    now += 59_999;
    expect(await store.reserve('t:hr:k1:d', 'hash-1')).toMatchObject({ state: 'pending' });
    now += 1;
    const taken = tokenOf(await store.reserve('t:hr:k1:d', 'hash-1'));
    expect(taken).not.toBe(stale);
    expect(await store.reserve('t:hr:k1:d', 'hash-1')).toEqual({ state: 'pending', requestHash: 'hash-1', reservedAt: now });
    expect(await store.complete('t:hr:k1:d', stale, answer('hash-1', { stale: true }))).toBe(false);
    await store.release('t:hr:k1:d', stale);
    expect(await store.complete('t:hr:k1:d', taken, answer('hash-1', { taken: true }))).toBe(true);
    expect(await store.reserve('t:hr:k1:d', 'hash-1')).toEqual({ state: 'completed', response: answer('hash-1', { taken: true }) });
  });

  it('lets another process take over at once a reservation whose process is gone (a crash), not one whose process lives', async () => {
    const { store, reopen } = await fresh();
    const other = await reopen(clock);
    const held = tokenOf(await other.reserve('t:hr:k1:f', 'hash-1'));
    expect(await store.reserve('t:hr:k1:f', 'hash-1')).toMatchObject({ state: 'pending' });
    await other.close();
    const taken = tokenOf(await store.reserve('t:hr:k1:f', 'hash-1'));
    expect(taken).not.toBe(held);
  });

  it('never takes over a completed key, however old', async () => {
    const { store } = await fresh();
    const token = tokenOf(await store.reserve('t:hr:k1:e', 'hash-1'));
    await store.complete('t:hr:k1:e', token, answer('hash-1'));
    now += 10 * 60_000;
    expect(await store.reserve('t:hr:k1:e', 'hash-2')).toEqual({ state: 'completed', response: answer('hash-1') });
  });

  it('reserves a key for exactly one of many concurrent requests, across two stores on one database', async () => {
    const { store, reopen } = await fresh();
    const other = await reopen(clock);
    open.push(other);
    const results = await Promise.all(Array.from({ length: 20 }, (_v, i) => (i % 2 ? other : store).reserve('t:hr:k1:f', `hash-${i % 3}`)));
    expect(results.filter((r) => r.state === 'reserved')).toHaveLength(1);
    const holder = results.findIndex((r) => r.state === 'reserved');
    for (const r of results.filter((x) => x.state !== 'reserved')) expect(r).toEqual({ state: 'pending', requestHash: `hash-${holder % 3}`, reservedAt: now });
  });

  it('opens beside the answers table of an earlier release and does not read it (its keys were scoped by role)', async () => {
    const { reopen } = await adapter.freshWithOldTable();
    const store = await reopen(clock);
    open.push(store);
    expect(await store.reserve('default:hr:old', 'h')).toMatchObject({ state: 'reserved' });
  });
});
