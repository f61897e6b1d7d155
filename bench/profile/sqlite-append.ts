// Where does a single-event sqlite append spend its time beyond a raw INSERT?
// Run: node --expose-gc -r @swc-node/register bench/profile/sqlite-append.ts
// Env: PROFILE_OPS (10000), PROFILE_STEP (500), PROFILE_SYNC (NORMAL|FULL).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@pm/event-store';
import { GENESIS_HASH, hashEvent, serializeEvent, validateAppend } from '@pm/event-store/stored-event';
import { migrateSqlite } from '@pm/event-store/sqlite/sqlite-schema';
import { metadataJson } from '../measure';
import { RAW_SQLITE_SCHEMA } from '../raw-sqlite';
import { ratingEvent } from '../rating-events';
import { printLadder, runLadder, type Variant } from './ladder';

const ops = Number(process.env.PROFILE_OPS ?? 10_000);
const step = Number(process.env.PROFILE_STEP ?? 500);
const sync = (process.env.PROFILE_SYNC ?? 'NORMAL') as 'NORMAL' | 'FULL';
const dir = mkdtempSync(join(tmpdir(), 'pm-prof-sqlite-'));

const events: NewEvent[] = Array.from({ length: ops + 500 }, (_, i) => ratingEvent('p', i, i));
const stream = (i: number): string => `rating-p-${i}`;

function open(name: string, schema: 'raw' | 'adapter'): Database.Database {
  const db = new Database(join(dir, `${name}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  if (schema === 'raw') db.exec(RAW_SQLITE_SCHEMA);
  else migrateSqlite(db);
  return db;
}

function rawVariant(name: string, explicitTx: boolean, headSelect: boolean): Variant {
  const db = open(name.replace(/\W+/g, '_'), 'raw');
  const insert = db.prepare('INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const head = db.prepare('SELECT revision FROM raw_events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').raw(true);
  const write = (i: number): void => {
    const e = events[i];
    if (headSelect) head.get(stream(i));
    insert.run(stream(i), 0, e.id, e.type, 1, JSON.stringify(e.data), metadataJson(e.metadata, new Date().toISOString()));
  };
  const tx = db.transaction(write).immediate;
  return { name, op: explicitTx ? (i) => tx(i) : write, close: () => void db.close() };
}

/** The adapter's own table, head read, hashing and insert, but no validation, result object or promise. */
function hashedVariant(): Variant {
  const db = open('hashed', 'adapter');
  const head = db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').raw(true);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((i: number) => {
    const h = head.get(stream(i)) as [number, string] | undefined;
    const e = serializeEvent(events[i], new Date().toISOString());
    const revision = h ? h[0] + 1 : 0;
    insert.run(stream(i), revision, e.id, e.type, e.schemaVersion, e.dataJson, e.metadataJson, hashEvent(h ? h[1] : GENESIS_HASH, stream(i), revision, e));
  }).immediate;
  return { name: '+ adapter table (hash col) + serializeEvent + sha256', op: (i) => tx(i), close: () => void db.close() };
}

function adapterVariant(): Variant {
  const store = new SqliteEventStore({ path: join(dir, 'adapter.db'), synchronous: sync });
  return {
    name: 'adapter: await store.append()',
    op: async (i) => {
      await store.append(stream(i), [events[i]]);
    },
    close: () => store.close(),
  };
}

/** Pure CPU pieces, no database: microseconds per call. */
function pieces(): Record<string, number> {
  const n = 20_000;
  const time = (fn: (i: number) => unknown): number => {
    for (let i = 0; i < 2000; i++) fn(i);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(i % events.length);
    return Math.round(((performance.now() - t0) * 1000 * 100) / n) / 100;
  };
  const recordedAt = new Date().toISOString();
  const serialized = events.map((e) => serializeEvent(e, recordedAt));
  return {
    'JSON.stringify data + metadata (raw does this too)': time((i) => [JSON.stringify(events[i].data), metadataJson(events[i].metadata, recordedAt)]),
    'validateAppend (1 event)': time((i) => validateAppend(stream(i), [events[i]], 'any')),
    serializeEvent: time((i) => serializeEvent(events[i], recordedAt)),
    'hashEvent (sha256 of ~600 B)': time((i) => hashEvent(GENESIS_HASH, stream(i), 0, serialized[i])),
    'new Date().toISOString()': time(() => new Date().toISOString()),
  };
}

async function main(): Promise<void> {
  console.log(`sqlite single-event append ladder: ${ops} ops per variant, interleaved in steps of ${step}, synchronous=${sync}, WAL`);
  const variants = [
    rawVariant('raw: autocommit INSERT (bench baseline)', false, false),
    rawVariant('+ explicit BEGIN IMMEDIATE ... COMMIT', true, false),
    rawVariant('+ head SELECT in the transaction', true, true),
    hashedVariant(),
    adapterVariant(),
  ];
  try {
    printLadder('wall and CPU per append (each variant adds one piece to the one above)', await runLadder(variants, ops, step, 500));
  } finally {
    for (const v of variants) await v.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nCPU-only pieces (no database), us per call:');
  for (const [name, us] of Object.entries(pieces())) console.log(`  ${name.padEnd(52)} ${us.toFixed(2)}`);
}

void main();
