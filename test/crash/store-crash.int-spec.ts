/**
 * Crash test: a child process (appender.ts) appends to a real store and reports every append
 * it got acknowledged; we SIGKILL it at a random moment, reopen the store and check that no
 * acknowledged append was lost, that every stream's hash chain verifies and that global
 * positions are strictly increasing. Then we restart the child on the same store and repeat.
 * See test/crash/README.md.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PostgresEventStore, SqliteEventStore, verifyStreamChain, type EventEnvelope, type EventStore } from '@pm/event-store';
import { createTestDatabase } from '../support/postgres';

const ROOT = resolve(__dirname, '../..');
const APPENDER = join(ROOT, 'test/crash/appender.ts');
/** The child needs 0.7–2 s to start (swc-node loads typescript and compiles it); a generous bound. */
const READY_TIMEOUT_MS = 20_000;
const MIN_ACKS_BEFORE_KILL = 3;
const KILL_DELAY_MS: [number, number] = [150, 600];
const EXIT_TIMEOUT_MS = 10_000;
const APPLICATION_NAME = 'crash-appender';

// A seeded generator for the kill delays, so a failing run can be replayed with CRASH_SEED=...
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
let rngState = SEED >>> 0;
function random(): number {
  // mulberry32
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

// ---- the child ---------------------------------------------------------------------------------

interface Ack {
  streamId: string;
  revision: number;
  position: number;
  events: [id: string, revision: number, position: number][];
}

interface Ready {
  streams: number;
  events: number;
  head: number;
}

const running = new Set<ChildProcessByStdio<null, Readable, Readable>>();

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** One run of appender.ts: collects its ready line and acks as they arrive. */
class Appender {
  readonly acks: Ack[] = [];
  /** The event ids of every appendMany the child started, acknowledged or not. */
  readonly batches: string[][] = [];
  ready?: Ready;
  stderr = '';
  private readonly proc: ChildProcessByStdio<null, Readable, Readable>;
  private partial = '';
  private waiters: (() => void)[] = [];
  /** Resolves when the process has exited and its stdout and stderr are drained. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exited = false;

  constructor(args: string[], env: Record<string, string>) {
    this.proc = spawn(process.execPath, ['-r', '@swc-node/register', APPENDER, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.proc);
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    this.proc.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.closed = new Promise((done) => {
      this.proc.on('close', (code, signal) => {
        running.delete(this.proc);
        this.exited = true;
        this.wake();
        done({ code, signal });
      });
    });
  }

  private onStdout(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    // The last piece is an unfinished line (or ''); a line only counts once its '\n' arrived.
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as { type: string; ids: string[] } & Ack & Ready;
      if (message.type === 'batch') this.batches.push(message.ids);
      else if (message.type === 'ack')
        this.acks.push({ streamId: message.streamId, revision: message.revision, position: message.position, events: message.events });
      else if (message.type === 'ready') this.ready = { streams: message.streams, events: message.events, head: message.head };
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves once `count` acks arrived; rejects if the child exits first or time runs out. */
  async waitForAcks(count: number, timeoutMs: number): Promise<void> {
    const reached = async (): Promise<void> => {
      while (this.acks.length < count) {
        if (this.exited) throw new Error(`appender exited after ${this.acks.length} acks:\n${this.stderr}`);
        await new Promise<void>((w) => this.waiters.push(w));
      }
    };
    await withTimeout(reached(), timeoutMs, `${count} acks from the appender (stderr: ${this.stderr})`);
  }

  get hasExited(): boolean {
    return this.exited;
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}

// ---- what was acknowledged, and checking the store against it ----------------------------------

class Ledger {
  /** Every acknowledged append, over all cycles. */
  readonly appends: Ack[] = [];
  readonly batches: string[][] = [];
  maxPosition = 0;
  events = 0;
  add(acks: readonly Ack[], batches: readonly string[][] = []): void {
    this.batches.push(...batches);
    for (const ack of acks) {
      this.appends.push(ack);
      this.events += ack.events.length;
      this.maxPosition = Math.max(this.maxPosition, ack.position);
    }
  }
}

interface Check {
  lostAppends: number;
  /** What is wrong with the acknowledged appends that are missing or moved (first 20). */
  losses: string[];
  /** Everything else that is wrong with the store (first 20). */
  problems: string[];
  storedEvents: number;
  streams: number;
  /** Multi-stream batches found whole in the store, and found absent (killed before their commit). */
  batchesStored: number;
  batchesAbsent: number;
}

async function checkStore(store: EventStore, ledger: Ledger): Promise<Check> {
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < 20) problems.push(problem);
  };
  const losses: string[] = [];
  const noteLoss = (loss: string): void => {
    if (losses.length < 20) losses.push(loss);
  };

  // Every event, in global order: positions strictly increasing, ids unique.
  const all: EventEnvelope[] = [];
  for await (const event of store.readAll()) all.push(event);
  const byId = new Map<string, EventEnvelope>();
  const byStream = new Map<string, EventEnvelope[]>();
  let previous = 0;
  for (const event of all) {
    if (!(event.position > previous)) note(`position ${event.position} follows ${previous}: not strictly increasing`);
    previous = event.position;
    if (byId.has(event.id)) note(`event id ${event.id} is stored twice`);
    byId.set(event.id, event);
    const stream = byStream.get(event.streamId) ?? [];
    stream.push(event);
    byStream.set(event.streamId, stream);
  }

  // Every stream: revisions 0..n in position order, the same events through readStream, chain ok.
  const streamIds = [...byStream.keys()];
  for (let i = 0; i < streamIds.length; i += 16) {
    await Promise.all(
      streamIds.slice(i, i + 16).map(async (streamId) => {
        const global = byStream.get(streamId)!;
        global.forEach((e, revision) => {
          if (e.revision !== revision) note(`${streamId}: revision ${e.revision} at index ${revision} in global order`);
        });
        const stream = await store.readStream(streamId);
        if (stream.revision !== global.length - 1) note(`${streamId}: readStream says revision ${stream.revision}, readAll has ${global.length} events`);
        if (stream.events.map((e) => `${e.id}@${e.position}`).join() !== global.map((e) => `${e.id}@${e.position}`).join()) {
          note(`${streamId}: readStream and readAll disagree`);
        }
        const chain = verifyStreamChain(stream.events);
        if (!chain.ok) note(`${streamId}: hash chain broken at revision ${chain.firstBad?.revision}`);
      }),
    );
  }

  // Every acknowledged append: all its events, where the ack said they were.
  let lostAppends = 0;
  for (const ack of ledger.appends) {
    let ok = true;
    const last = ack.events[ack.events.length - 1];
    if (!last || last[1] !== ack.revision || last[2] !== ack.position) {
      ok = false;
      note(`ack for ${ack.streamId} is inconsistent: ${JSON.stringify(ack)}`);
    }
    for (const [id, revision, position] of ack.events) {
      const stored = byId.get(id);
      if (!stored) {
        ok = false;
        noteLoss(`acknowledged event ${id} (${ack.streamId} revision ${revision}, position ${position}) is missing`);
      } else if (stored.streamId !== ack.streamId || stored.revision !== revision || stored.position !== position) {
        ok = false;
        noteLoss(`acknowledged event ${id} was ${ack.streamId}@${revision}/${position}, store has ${stored.streamId}@${stored.revision}/${stored.position}`);
      }
    }
    if (!ok) lostAppends++;
  }
  // Every multi-stream batch the child started: wholly stored, at adjacent global positions, or absent.
  const indexOf = new Map(all.map((event, index) => [event.id, index]));
  let batchesStored = 0;
  let batchesAbsent = 0;
  for (const ids of ledger.batches) {
    const found = ids.map((id) => indexOf.get(id)).filter((index): index is number => index !== undefined);
    if (found.length === 0) batchesAbsent++;
    else if (found.length < ids.length) note(`a multi-stream batch is partly stored: ${found.length} of ${ids.length} events (${ids.join(', ')})`);
    else if (found.some((index, i) => i > 0 && index !== found[i - 1] + 1)) note(`a multi-stream batch is not contiguous in global order (${ids.join(', ')})`);
    else batchesStored++;
  }
  return { lostAppends, losses, problems, storedEvents: all.length, streams: byStream.size, batchesStored, batchesAbsent };
}

// ---- one store under test ----------------------------------------------------------------------

interface Target {
  label: string;
  childArgs: string[];
  childEnv: Record<string, string>;
  /** Checks on the raw store as the kill left it, before the store is opened. */
  inspectCrashed(): Promise<void>;
  open(): Promise<EventStore>;
}

interface Figures {
  cycles: number;
  batchesStored: number;
  batchesAbsent: number;
  acked: number;
  lost: number;
  losses: string[];
}

async function runCrashCycles(target: Target, cycles: number): Promise<Figures> {
  const ledger = new Ledger();
  let continuedStreams = 0;
  const knownStreams = new Set<string>();
  let completed = 0;
  let lost = 0;
  let losses: string[] = [];
  let batches = { batchesStored: 0, batchesAbsent: 0 };
  for (let cycle = 1; cycle <= cycles && lost === 0; cycle++) {
    const where = `${target.label}, cycle ${cycle}/${cycles} (CRASH_SEED=${SEED})`;
    const t0 = Date.now();
    const child = new Appender(target.childArgs, target.childEnv);
    let tAcks = 0;
    let exit: { code: number | null; signal: NodeJS.Signals | null };
    try {
      await child.waitForAcks(MIN_ACKS_BEFORE_KILL, READY_TIMEOUT_MS);
      tAcks = Date.now();
      const [low, high] = KILL_DELAY_MS;
      await sleep(low + Math.floor(random() * (high - low)));
      if (child.hasExited) throw new Error(`appender exited by itself before the kill:\n${child.stderr}`);
    } finally {
      child.kill();
      exit = await withTimeout(child.closed, EXIT_TIMEOUT_MS, `the killed appender to exit (${where})`);
    }
    expect({ where, signal: exit.signal }).toEqual({ where, signal: 'SIGKILL' });

    // The restarted child saw everything acknowledged before (it continues from the store).
    expect({ where, ready: child.ready !== undefined }).toEqual({ where, ready: true });
    expect({ where, seenEvents: child.ready!.events >= ledger.events, seenHead: child.ready!.head >= ledger.maxPosition }).toEqual({
      where,
      seenEvents: true,
      seenHead: true,
    });
    continuedStreams += child.acks.filter((a) => knownStreams.has(a.streamId) && a.events[0][1] > 0).length;
    child.acks.forEach((a) => knownStreams.add(a.streamId));
    ledger.add(child.acks, child.batches);

    const tKilled = Date.now();
    await target.inspectCrashed();
    const store = await withTimeout(target.open(), 15_000, `the store to open (${where})`);
    try {
      await store.ping();
      const check = await checkStore(store, ledger);
      expect({ where, problems: check.problems }).toEqual({ where, problems: [] });
      // Every check covers all appends acknowledged so far, in every cycle.
      lost = check.lostAppends;
      batches = { batchesStored: check.batchesStored, batchesAbsent: check.batchesAbsent };
      losses = check.losses.map((loss) => `${where}: ${loss}`);
      if (lost === 0) expect(check.storedEvents).toBeGreaterThanOrEqual(ledger.events);
    } finally {
      await store.close();
    }
    completed = cycle;
    if (process.env.CRASH_VERBOSE) {
      console.log(`${where}: first acks after ${tAcks - t0} ms, killed after ${child.acks.length} acks, checked in ${Date.now() - tKilled} ms`);
    }
  }
  if (lost > 0) return { cycles: completed, acked: ledger.appends.length, lost, losses, ...batches };
  // Later runs appended to streams that earlier runs created, at the revision they read back.
  expect({ label: target.label, continuedStreams: continuedStreams > 0 }).toEqual({ label: target.label, continuedStreams: true });
  expect({ label: target.label, batchesStored: batches.batchesStored > 0 }).toEqual({ label: target.label, batchesStored: true });
  return { cycles: completed, acked: ledger.appends.length, lost, losses, ...batches };
}

/** Prints the figure (also when appends were lost), then asserts that none were. */
function reportAndAssert(engine: string, figures: Figures): void {
  console.log(
    `crash test ${engine}: ${figures.cycles} SIGKILL cycles, ${figures.acked} acknowledged appends, ${figures.lost} lost; ` +
      `multi-stream batches ${figures.batchesStored} whole, ${figures.batchesAbsent} absent, none partial; store opened cleanly each time`,
  );
  expect({ engine, lost: figures.lost, losses: figures.losses }).toEqual({ engine, lost: 0, losses: [] });
}

// ---- the tests ---------------------------------------------------------------------------------

const dirs: string[] = [];
const databases: string[] = [];

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  const admin = process.env.TEST_DATABASE_URL;
  if (admin && databases.length > 0) {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      for (const url of databases) await client.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
});

function sqliteTarget(synchronous: 'FULL' | 'NORMAL'): Target {
  const dir = mkdtempSync(join(tmpdir(), 'pm-crash-sqlite-'));
  dirs.push(dir);
  const path = join(dir, 'events.db');
  return {
    label: `sqlite synchronous=${synchronous}`,
    childArgs: ['--engine', 'sqlite', '--path', path, '--synchronous', synchronous],
    childEnv: {},
    inspectCrashed() {
      // The files exactly as the kill left them (WAL included), read-only: structurally sound.
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    open: () => Promise.resolve(new SqliteEventStore({ path, synchronous })),
  };
}

async function postgresTarget(): Promise<Target> {
  const url = await createTestDatabase('crash');
  databases.push(url);
  const childUrl = new URL(url);
  childUrl.searchParams.set('application_name', APPLICATION_NAME);
  return {
    label: 'postgres',
    childArgs: ['--engine', 'postgres', '--workers', '4'],
    childEnv: { CRASH_STORE_URL: childUrl.toString() },
    async inspectCrashed() {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        // The killed child's server sessions end once the server notices (an in-flight append
        // still runs to its end and may commit, unacknowledged); wait for them to be gone.
        const deadline = Date.now() + 15_000;
        for (;;) {
          const { rows } = await client.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
            [APPLICATION_NAME],
          );
          if (Number(rows[0].n) === 0) break;
          if (Date.now() > deadline) throw new Error(`the killed appender's sessions are still open: ${rows[0].n}`);
          await sleep(25);
        }
        // Readers see a commit once every older transaction (in any database of the server) has
        // ended; wait until the store's visible head is the real one, so readAll sees everything.
        const store = await PostgresEventStore.open({ connectionString: url, poolSize: 1 });
        try {
          for (;;) {
            const { rows } = await client.query<{ max: string | null }>('SELECT max(position) AS max FROM es_events');
            const max = Number(rows[0].max ?? 0);
            if ((await store.headPosition()) >= max) break;
            if (Date.now() > deadline) throw new Error(`visible head stays below ${max}`);
            await sleep(25);
          }
        } finally {
          await store.close();
        }
      } finally {
        await client.end();
      }
    },
    open: () => PostgresEventStore.open({ connectionString: url }),
  };
}

describe('crash test checker', () => {
  it('counts an acknowledged append that is not in the store as lost, and one that moved', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const metadata = { actor: { id: 'u1', role: 'manager' }, occurredAt: new Date().toISOString(), correlationId: 'c1', tenantId: 't1' };
      const result = await store.append('review-1', [{ id: 'e1', type: 'ReviewCycleStarted', data: { cycle: '2025-H2' }, metadata }]);
      const ledger = new Ledger();
      const real: Ack = { streamId: 'review-1', revision: 0, position: result.position, events: [['e1', 0, result.position]] };
      ledger.add([real]);
      expect((await checkStore(store, ledger)).lostAppends).toBe(0);
      ledger.add([
        {
          streamId: 'review-1',
          revision: 2,
          position: 3,
          events: [
            ['e2', 1, 2],
            ['e3', 2, 3],
          ],
        },
        { ...real, streamId: 'review-2', events: [['e1', 0, result.position]] },
      ]);
      const check = await checkStore(store, ledger);
      expect(check.lostAppends).toBe(2);
      expect(check.losses).toHaveLength(3);
      expect(check.problems).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('counts a multi-stream batch as whole, absent, or a problem when partly stored or split', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const metadata = { actor: { id: 'u1', role: 'manager' }, occurredAt: new Date().toISOString(), correlationId: 'c1', tenantId: 't1' };
      const event = (id: string) => ({ id, type: 'ReviewCycleStarted', data: { cycle: '2025-H2' }, metadata });
      await store.appendMany([
        { streamId: 'review-1', events: [event('b1')] },
        { streamId: 'review-2', events: [event('b2')] },
      ]);
      await store.append('review-3', [event('x1')]);
      await store.append('review-4', [event('x2')]);
      const ledger = new Ledger();
      ledger.add(
        [],
        [
          ['b1', 'b2'],
          ['n1', 'n2'],
        ],
      );
      expect(await checkStore(store, ledger)).toMatchObject({ batchesStored: 1, batchesAbsent: 1, problems: [] });

      ledger.add(
        [],
        [
          ['b1', 'n3'],
          ['x1', 'b2'],
        ],
      );
      const check = await checkStore(store, ledger);
      expect(check.problems).toHaveLength(2);
      expect(check.problems[0]).toMatch(/partly stored/);
      expect(check.problems[1]).toMatch(/not contiguous/);
    } finally {
      await store.close();
    }
  });
});

describe('event store survives SIGKILL of the appending process', () => {
  it('sqlite, synchronous FULL (the default): no acknowledged append lost', async () => {
    reportAndAssert('sqlite (synchronous=FULL)', await runCrashCycles(sqliteTarget('FULL'), 8));
  }, 60_000);

  it('sqlite, synchronous NORMAL: no acknowledged append lost on a process crash', async () => {
    reportAndAssert('sqlite (synchronous=NORMAL)', await runCrashCycles(sqliteTarget('NORMAL'), 8));
  }, 60_000);

  it('postgres: no acknowledged append lost', async () => {
    reportAndAssert('postgres', await runCrashCycles(await postgresTarget(), 4));
  }, 60_000);
});
