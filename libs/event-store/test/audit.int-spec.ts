import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ChainVerifier,
  digestAt,
  InvalidDigest,
  parseDigestToken,
  PostgresEventStore,
  recomputeHash,
  SqliteEventStore,
  verifyAgainstDigest,
  verifyStore,
  type AppendedEvent,
  type EventEnvelope,
  type EventStore,
  type NewEvent,
} from '@pm/event-store';
import { createTestDatabase } from '../../../test/support/postgres';

/** A store plus raw SQL on its own storage, to tamper with rows behind the store's back. */
interface Tamperable {
  store: EventStore;
  /** `$1, $2…` placeholders and `{events}` for the table name, on either engine. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'es-audit-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENGINES: Record<'sqlite' | 'postgres', () => Promise<Tamperable>> = {
  sqlite() {
    const path = join(dir, `audit-${++files}.db`);
    const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
    const db = new Database(path);
    return Promise.resolve({
      store,
      sql(text, params = []) {
        const statement = db.prepare(text.replaceAll('{events}', 'events').replace(/\$\d+/g, '?'));
        return Promise.resolve(statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []));
      },
      async close() {
        db.close();
        await store.close();
      },
    });
  },
  async postgres() {
    const connectionString = await createTestDatabase('audit');
    const store = await PostgresEventStore.open({ connectionString });
    const client = new Client({ connectionString });
    await client.connect();
    return {
      store,
      async sql(text, params = []) {
        return (await client.query(text.replaceAll('{events}', 'es_events'), params)).rows as Record<string, unknown>[];
      },
      async close() {
        await client.end();
        await store.close();
      },
    };
  },
};

function event(type: string, data: Record<string, unknown>): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: { actor: { id: 'hr-7', role: 'hr' }, occurredAt: '2026-03-02T09:00:00.000Z', correlationId: randomUUID(), tenantId: 'acme' },
  };
}

const EMPLOYEES = ['e1', 'e2', 'e3', 'e4'];

/**
 * A review cycle over four employees, appended interleaved as the API would: hires, ratings
 * (one append each), a finalize with one event per employee in one append, then a Focus for e4.
 */
async function appendHistory(store: EventStore): Promise<void> {
  const append = (streamId: string, events: NewEvent[]) => store.append(streamId, events);
  await append('policy-default', [event('PolicyPublished', { policyId: 'default', version: 1 })]);
  await append('review-cycle-2026-H1', [event('ReviewCycleOpened', { cycleId: '2026-H1', periodStart: '2026-01-01', periodEnd: '2026-06-30' })]);
  for (const id of EMPLOYEES) await append(`employee-${id}`, [event('EmployeeHired', { employeeId: id, level: 'L5', orgId: 'payments' })]);
  for (const id of EMPLOYEES) {
    await append(`employee-${id}`, [event('ManagerChanged', { employeeId: id, managerId: 'm-1', effectiveDate: '2026-02-01' })]);
    await append('review-cycle-2026-H1', [event('RatingProposed', { employeeId: id, rating: id === 'e4' ? 'LE' : 'HV2', narrative: 'Ünïcode — ok' })]);
  }
  await append('review-cycle-2026-H1', [
    event('ReviewCycleFinalized', { cycleId: '2026-H1' }),
    ...EMPLOYEES.map((id) => event('RatingFinalized', { employeeId: id, rating: id === 'e4' ? 'LE' : 'HV2' })),
  ]);
  for (const id of EMPLOYEES) await append(`employee-${id}`, [event('RatingDelivered', { employeeId: id, cycleId: '2026-H1' })]);
  await append('employee-e4', [
    event('FocusEntered', { employeeId: 'e4', dueDate: '2026-09-30', goals: [{ goalId: 'g1', description: 'Ship it' }] }),
    event('FocusGoalUpdated', { employeeId: 'e4', goalId: 'g1', status: 'in_progress' }),
  ]);
}

type Appended = AppendedEvent & { streamId: string };

async function history(store: EventStore): Promise<Appended[]> {
  const all: Appended[] = [];
  for await (const e of store.readAll()) all.push({ id: e.id, type: e.type, revision: e.revision, position: e.position, streamId: e.streamId });
  return all;
}

const at = (all: Appended[], streamId: string, revision: number): Appended => {
  const found = all.find((e) => e.streamId === streamId && e.revision === revision);
  if (!found) throw new Error(`no ${streamId}@${revision}`);
  return found;
};
const indexOf = (all: Appended[], position: number): number => all.findIndex((e) => e.position === position);

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('audit of a %s store', (engine) => {
  let t: Tamperable;
  let all: Appended[];
  beforeEach(async () => {
    t = await ENGINES[engine]();
    await appendHistory(t.store);
    all = await history(t.store);
  });
  afterEach(async () => {
    await t.close();
  });

  it('(e) verifies an untouched store, and its report carries the same digest digestAt gives', async () => {
    const report = await verifyStore(t.store);
    const digest = await digestAt(t.store);
    expect(report).toEqual({ ok: true, checkedEvents: all.length, streams: 6, position: all.at(-1)?.position, digest: digest.digest });
    expect(digest).toEqual({ position: all.at(-1)?.position, streams: 6, digest: expect.stringMatching(/^v1\.\d+\.6\.[0-9a-f]{64}$/) });
    expect(await verifyAgainstDigest(t.store, digest.digest)).toMatchObject({ ok: true, digestCovered: true, checkedEvents: all.length });
  });

  it('(e) a digest taken earlier still verifies after more appends; with its heads as well', async () => {
    const earlier = await digestAt(t.store, { heads: true });
    expect(earlier.heads).toHaveLength(6);
    expect(earlier.heads?.map((h) => h.streamId)).toEqual([...earlier.heads!.map((h) => h.streamId)].sort());
    await t.store.append('employee-e1', [event('FeedbackRecorded', { employeeId: 'e1', sentiment: 'positive' })]);
    await t.store.append('employee-e5', [event('EmployeeHired', { employeeId: 'e5', level: 'L4', orgId: 'ads' })]);
    for (const digest of [earlier.digest, earlier]) {
      const report = await verifyAgainstDigest(t.store, digest);
      expect(report).toMatchObject({ ok: true, digestCovered: true, checkedEvents: all.length + 2, streams: 7 });
      expect(report.digest).not.toBe(earlier.digest);
    }
  });

  it('(a) an edited data text fails at exactly that event, as a hash mismatch', async () => {
    const target = at(all, 'employee-e2', 1);
    await t.sql(`UPDATE {events} SET data = replace(data, 'm-1', 'm-9') WHERE position = $1`, [target.position]);
    const report = await verifyStore(t.store);
    expect(report).toMatchObject({ ok: false, firstBadPosition: target.position, firstBadStreamId: 'employee-e2', reason: 'hash-mismatch' });
    expect(report.checkedEvents).toBe(indexOf(all, target.position) + 1);
    expect(report.digest).toBeUndefined();
  });

  it('(a) an edit whose own hash was recomputed breaks the link at the next event of its stream', async () => {
    const target = at(all, 'review-cycle-2026-H1', 2);
    const next = at(all, 'review-cycle-2026-H1', 3);
    const [row] = await t.sql('SELECT data, hash FROM {events} WHERE position = $1', [target.position]);
    const stored = (await t.store.readStream('review-cycle-2026-H1')).events;
    const forged: EventEnvelope = { ...stored[2], data: { ...(stored[2].data as object), rating: 'TT' } };
    forged.hash = recomputeHash(stored[1].hash, forged);
    expect(forged.hash).not.toBe(row.hash);
    await t.sql('UPDATE {events} SET data = $1, hash = $2 WHERE position = $3', [JSON.stringify(forged.data), forged.hash, target.position]);
    expect(await verifyStore(t.store)).toMatchObject({
      ok: false,
      firstBadPosition: next.position,
      firstBadStreamId: 'review-cycle-2026-H1',
      reason: 'hash-mismatch',
    });
  });

  it('(b) an event deleted in the middle of a stream fails at the next event of that stream, as a revision gap', async () => {
    const victim = at(all, 'employee-e3', 1);
    const next = at(all, 'employee-e3', 2);
    await t.sql('DELETE FROM {events} WHERE position = $1', [victim.position]);
    const report = await verifyStore(t.store);
    expect(report).toMatchObject({ ok: false, firstBadPosition: next.position, firstBadStreamId: 'employee-e3', reason: 'revision-gap' });
    expect(report.detail).toContain('revision 2 where 1 was expected');
  });

  it('(c) two events of a stream with swapped revisions fail at the first of them', async () => {
    const first = at(all, 'employee-e1', 1);
    const second = at(all, 'employee-e1', 2);
    await t.sql('UPDATE {events} SET revision = -1 WHERE position = $1', [first.position]);
    await t.sql('UPDATE {events} SET revision = 1 WHERE position = $1', [second.position]);
    await t.sql('UPDATE {events} SET revision = 2 WHERE position = $1', [first.position]);
    expect(await verifyStore(t.store)).toMatchObject({ ok: false, firstBadPosition: first.position, firstBadStreamId: 'employee-e1', reason: 'revision-gap' });
  });

  it('(c) two events of a stream with swapped contents fail at the first of them, as a hash mismatch', async () => {
    const first = at(all, 'review-cycle-2026-H1', 1);
    const second = at(all, 'review-cycle-2026-H1', 4);
    const [a] = await t.sql('SELECT data FROM {events} WHERE position = $1', [first.position]);
    const [b] = await t.sql('SELECT data FROM {events} WHERE position = $1', [second.position]);
    await t.sql('UPDATE {events} SET data = $1 WHERE position = $2', [b.data, first.position]);
    await t.sql('UPDATE {events} SET data = $1 WHERE position = $2', [a.data, second.position]);
    expect(await verifyStore(t.store)).toMatchObject({ ok: false, firstBadPosition: first.position, reason: 'hash-mismatch' });
  });

  it('(d) a truncated stream still chains, but a digest taken before names it (with its heads) or at least fails (token alone)', async () => {
    const digest = await digestAt(t.store, { heads: true });
    const last = at(all, 'employee-e2', 2);
    expect(all.some((e) => e.streamId === 'employee-e2' && e.revision > 2)).toBe(false);
    await t.sql('DELETE FROM {events} WHERE position = $1', [last.position]);
    await t.store.append('employee-e1', [event('FeedbackRecorded', { employeeId: 'e1', sentiment: 'neutral' })]);

    expect(await verifyStore(t.store)).toMatchObject({ ok: true });
    expect(await verifyAgainstDigest(t.store, digest)).toMatchObject({
      ok: false,
      digestCovered: false,
      firstBadStreamId: 'employee-e2',
      reason: 'stream-truncated',
      detail: expect.stringContaining('was at revision 2 at position'),
    });
    const tokenOnly = await verifyAgainstDigest(t.store, digest.digest);
    expect(tokenOnly).toMatchObject({ ok: false, digestCovered: false, reason: 'digest-mismatch' });
    expect(tokenOnly.firstBadPosition).toBeUndefined();
  });

  it('(d) a stream deleted entirely, or its last event rewritten with a fresh hash, fails against an earlier digest', async () => {
    const digest = await digestAt(t.store, { heads: true });
    const tail = at(all, 'employee-e4', 4);
    const [row] = await t.sql('SELECT hash FROM {events} WHERE position = $1', [tail.position]);
    const stored = (await t.store.readStream('employee-e4')).events;
    const forged: EventEnvelope = { ...stored[4], data: { ...(stored[4].data as object), status: 'met' } };
    forged.hash = recomputeHash(stored[3].hash, forged);
    await t.sql('UPDATE {events} SET data = $1, hash = $2 WHERE position = $3', [JSON.stringify(forged.data), forged.hash, tail.position]);
    expect(forged.hash).not.toBe(row.hash);
    expect(await verifyStore(t.store)).toMatchObject({ ok: true });
    expect(await verifyAgainstDigest(t.store, digest)).toMatchObject({ ok: false, firstBadStreamId: 'employee-e4', reason: 'stream-changed' });

    await t.sql(`DELETE FROM {events} WHERE stream_id = 'policy-default'`);
    expect(await verifyAgainstDigest(t.store, digest)).toMatchObject({ ok: false, firstBadStreamId: 'employee-e4', reason: 'stream-changed' });
    await t.sql('UPDATE {events} SET data = $1, hash = $2 WHERE position = $3', [JSON.stringify(stored[4].data), row.hash, tail.position]);
    expect(await verifyAgainstDigest(t.store, digest)).toMatchObject({
      ok: false,
      digestCovered: false,
      firstBadStreamId: 'policy-default',
      reason: 'stream-missing',
    });
    expect(await verifyAgainstDigest(t.store, digest.digest)).toMatchObject({
      ok: false,
      reason: 'digest-mismatch',
      detail: expect.stringContaining('6 streams then, 5 now'),
    });
  });

  it('reports a chain break before the digest position as not covered, and one after it as covered', async () => {
    const digest = await digestAt(t.store);
    await t.store.append('employee-e3', [
      event('FeedbackRecorded', { employeeId: 'e3', sentiment: 'positive' }),
      event('FeedbackRecorded', { employeeId: 'e3', sentiment: 'neutral' }),
    ]);
    const [afterDigest] = (await history(t.store)).filter((e) => e.position > digest.position);
    await t.sql(`UPDATE {events} SET data = replace(data, 'positive', 'negative') WHERE position = $1`, [afterDigest.position]);
    expect(await verifyAgainstDigest(t.store, digest.digest)).toMatchObject({ ok: false, digestCovered: true, firstBadPosition: afterDigest.position });

    await t.sql(`UPDATE {events} SET data = replace(data, 'HV2', 'TT') WHERE position = $1`, [at(all, 'review-cycle-2026-H1', 1).position]);
    expect(await verifyAgainstDigest(t.store, digest.digest)).toMatchObject({
      ok: false,
      digestCovered: false,
      firstBadPosition: at(all, 'review-cycle-2026-H1', 1).position,
    });
  });

  it('refuses a malformed token, and heads that do not hash to their token, before reading', async () => {
    const digest = await digestAt(t.store, { heads: true });
    await expect(verifyAgainstDigest(t.store, 'v1.12.x.abc')).rejects.toBeInstanceOf(InvalidDigest);
    const heads = digest.heads!.map((h) => (h.streamId === 'employee-e1' ? { ...h, revision: h.revision + 1 } : h));
    await expect(verifyAgainstDigest(t.store, { ...digest, heads })).rejects.toThrow('not the ones its token hashes');
  });

  it('reports progress with the position span it reads', async () => {
    const seen: number[] = [];
    await verifyStore(t.store, { progressEvery: 5, onProgress: (p) => seen.push(p.checkedEvents) });
    expect(seen).toEqual(Array.from({ length: Math.floor(all.length / 5) }, (_, i) => (i + 1) * 5));
  });
});

describe('audit of an empty store', () => {
  it('verifies, with a digest of no streams at position 0', async () => {
    const t = await ENGINES.sqlite();
    try {
      const digest = await digestAt(t.store);
      expect(parseDigestToken(digest.digest)).toMatchObject({ position: 0, streams: 0 });
      expect(await verifyAgainstDigest(t.store, digest.digest)).toMatchObject({
        ok: true,
        checkedEvents: 0,
        streams: 0,
        digestCovered: true,
        digest: digest.digest,
      });
    } finally {
      await t.close();
    }
  });
});

describe('ChainVerifier on sequences no SQL engine returns', () => {
  const envelope = (streamId: string, revision: number, position: number, prevHash = '0'.repeat(64)): EventEnvelope => {
    const e: EventEnvelope = {
      ...event('Noted', { n: position }),
      schemaVersion: 1,
      streamId,
      revision,
      position,
      metadata: { ...event('Noted', {}).metadata, recordedAt: '2026-03-02T09:00:00.000Z' },
      hash: '',
    };
    return { ...e, hash: recomputeHash(prevHash, e) };
  };

  it('names a duplicate revision, an out-of-order revision and a position that does not increase', () => {
    const a0 = envelope('s-a', 0, 1);
    const a1 = envelope('s-a', 1, 2, a0.hash);
    const a2 = envelope('s-a', 2, 3, a1.hash);
    const run = (events: EventEnvelope[]) => {
      const verifier = new ChainVerifier();
      for (const e of events) {
        const finding = verifier.check(e);
        if (finding) return finding;
      }
      return undefined;
    };
    expect(run([a0, a1, a2])).toBeUndefined();
    expect(run([a0, a1, { ...a1, position: 3 }])).toMatchObject({ reason: 'revision-duplicate', position: 3, streamId: 's-a' });
    expect(run([a0, a1, a2, { ...a0, position: 4 }])).toMatchObject({ reason: 'revision-out-of-order', position: 4 });
    expect(run([a0, a1, { ...envelope('s-b', 0, 2) }])).toMatchObject({ reason: 'position-not-increasing', position: 2, streamId: 's-b' });
    expect(run([{ ...a1, position: 1 }])).toMatchObject({ reason: 'revision-gap', detail: expect.stringContaining('revision 1 where 0 was expected') });
  });
});
