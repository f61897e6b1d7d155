/**
 * Rebuild crash test: a child process (rebuilder.ts) rebuilds every projection from a generated
 * multi-year history; we SIGKILL it part-way, run it again without --restart so that it resumes,
 * kill it again later, resume once more to the end. Then the same projections are built from
 * scratch, in one go, into another read-model store, and the two must be identical: the same
 * documents under the same keys, byte for byte as stored, and the same checkpoints.
 *
 * The kill points come from a seed printed in every failure message; replay with CRASH_SEED=<seed>.
 * Run: npx jest test/crash/rebuild-crash --runInBand (~55 s: sqlite ~60,000 events, postgres ~20,000).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openEventStore, type EventStore } from '@pm/event-store';
import {
  ALL_PROJECTIONS,
  openPostgresReadModelStore,
  openSqliteReadModelStore,
  ProjectionRunner,
  type ReadModelStore,
  type RebuildReport,
} from '@pm/projections';
import { writeSimulatedCompany, type SimulatedCompany } from '@pm/simulator';
import { createTestDatabase } from '../support/postgres';

const ROOT = resolve(__dirname, '../..');
const REBUILDER = join(ROOT, 'test/crash/rebuilder.ts');
/** Small batches, so a kill lands between many commits. */
const CHILD_BATCH_SIZE = 500;
/** Where each kill aims, as a share of the events applied: the first resume starts early, the second late. */
const KILL_WINDOWS: [number, number][] = [
  [0.25, 0.45],
  [0.55, 0.75],
];
const POLL_MS = 5;
const CHILD_TIMEOUT_MS = 40_000;

// Seeded kill points, so a failing run can be replayed with CRASH_SEED=...
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
let rngState = SEED >>> 0;
function random(): number {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// ---- the child ---------------------------------------------------------------------------------

const running = new Set<ChildProcessByStdio<null, Readable, Readable>>();

/** One run of rebuilder.ts. */
class Rebuilder {
  stdout = '';
  stderr = '';
  exited = false;
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcessByStdio<null, Readable, Readable>;

  constructor(args: string[], env: Record<string, string>) {
    this.proc = spawn(process.execPath, ['-r', '@swc-node/register', REBUILDER, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.proc);
    this.proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.closed = new Promise((done) =>
      this.proc.on('close', (code, signal) => {
        running.delete(this.proc);
        this.exited = true;
        done({ code, signal });
      }),
    );
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }

  reports(): RebuildReport[] {
    const line = this.stdout.split('\n').find((l) => l.startsWith('{"type":"rebuilt"'));
    if (!line) throw new Error(`the rebuilder printed no reports; stderr:\n${this.stderr}`);
    return (JSON.parse(line) as { reports: RebuildReport[] }).reports;
  }
}

afterAll(() => {
  for (const proc of running) proc.kill('SIGKILL');
});

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- one engine under test ---------------------------------------------------------------------

interface SlotRow {
  id: number;
  name: string;
  state: string;
  position: number;
  eventsApplied: number;
}

/** A document as stored: its key and the exact bytes of its JSON text. */
type StoredDocument = [key: string, doc: Buffer];

/** Reads a read-model store's tables directly, as the database holds them. */
interface RawReadModels {
  slots(): Promise<SlotRow[]>;
  documents(slotId: number): Promise<StoredDocument[]>;
  deadLetters(): Promise<number>;
  close(): Promise<void>;
}

interface Target {
  label: string;
  history: SimulatedCompany;
  childArgs: string[];
  childEnv: Record<string, string>;
  openEvents(): Promise<EventStore>;
  /** The store the child rebuilds into, read raw; undefined until the child created it. */
  openRebuilt(): Promise<RawReadModels | undefined>;
  /** A second, empty read-model store for the reference build, and a raw view of it. */
  openReference(): Promise<{ store: ReadModelStore; raw: RawReadModels }>;
  dispose(): Promise<void>;
}

const SLOT_COLUMNS = 'id, name, state, position, events_applied';

function rawSqliteReadModels(path: string): RawReadModels {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const slots = db.prepare(`SELECT ${SLOT_COLUMNS} FROM rm_slots ORDER BY id`).raw(true);
    const documents = db.prepare('SELECT key, CAST(doc AS BLOB) FROM rm_documents WHERE slot_id = ? ORDER BY key').raw(true);
    const deadLetters = db.prepare('SELECT count(*) FROM rm_dead_letters').pluck();
    return {
      slots: () =>
        Promise.resolve(
          (slots.all() as [number, string, string, number, number][]).map(([id, name, state, position, eventsApplied]) => ({
            id,
            name,
            state,
            position,
            eventsApplied,
          })),
        ),
      documents: (slotId) => Promise.resolve(documents.all(slotId) as StoredDocument[]),
      deadLetters: () => Promise.resolve(Number(deadLetters.get())),
      close: () => Promise.resolve(void db.close()),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

async function rawPostgresReadModels(url: string): Promise<RawReadModels> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async slots() {
      const { rows } = await client.query<[string, string, string, string, string]>({
        text: `SELECT ${SLOT_COLUMNS} FROM rm_slots ORDER BY id`,
        rowMode: 'array',
      });
      return rows.map(([id, name, state, position, eventsApplied]) => ({
        id: Number(id),
        name,
        state,
        position: Number(position),
        eventsApplied: Number(eventsApplied),
      }));
    },
    async documents(slotId) {
      const { rows } = await client.query<StoredDocument>({
        text: "SELECT key, convert_to(doc, 'UTF8') FROM rm_documents WHERE slot_id = $1 ORDER BY key",
        values: [slotId],
        rowMode: 'array',
      });
      return rows;
    },
    async deadLetters() {
      const { rows } = await client.query<[string]>({ text: 'SELECT count(*) FROM rm_dead_letters', rowMode: 'array' });
      return Number(rows[0][0]);
    },
    close: () => client.end(),
  };
}

function sqliteTarget(history: SimulatedCompany): Target {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rebuild-crash-'));
  const events = join(dir, 'events.db');
  const rebuilt = join(dir, 'rebuilt.db');
  return {
    label: 'sqlite',
    history,
    childArgs: ['--engine', 'sqlite', '--events', events, '--read-models', rebuilt],
    childEnv: {},
    openEvents: () => openEventStore({ engine: 'sqlite', path: events, synchronous: 'NORMAL' }),
    async openRebuilt() {
      try {
        return rawSqliteReadModels(rebuilt);
      } catch {
        return undefined;
      }
    },
    async openReference() {
      const path = join(dir, 'reference.db');
      const store = await openSqliteReadModelStore(path);
      return { store, raw: rawSqliteReadModels(path) };
    },
    dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresTarget(history: SimulatedCompany): Promise<Target> {
  const url = await createTestDatabase('rebuild_crash');
  const referenceUrl = await createTestDatabase('rebuild_crash_reference');
  // The child's first run creates the read-model tables; create them now so polling can start at once.
  await (await openPostgresReadModelStore(url)).close();
  return {
    label: 'postgres',
    history,
    childArgs: ['--engine', 'postgres'],
    childEnv: { REBUILD_DATABASE_URL: url },
    openEvents: () => openEventStore({ engine: 'postgres', url }),
    openRebuilt: () => rawPostgresReadModels(url),
    async openReference() {
      return { store: await openPostgresReadModelStore(referenceUrl), raw: await rawPostgresReadModels(referenceUrl) };
    },
    dispose: () => Promise.resolve(),
  };
}

// ---- kill, resume, compare ---------------------------------------------------------------------

interface Kill {
  /** Share of the events the slots had applied when the child died. */
  share: number;
  position: number;
  eventsApplied: number;
  slotIds: Record<string, number>;
}

const building = (slots: SlotRow[]): SlotRow[] => slots.filter((s) => s.state === 'building');
const idsByName = (slots: SlotRow[]): Record<string, number> => Object.fromEntries(slots.map((s) => [s.name, s.id]));

/** Starts a child and kills it once every building slot applied `share` of the events. */
async function killPartWay(target: Target, restart: boolean, share: number, total: number, where: string): Promise<Kill> {
  const child = new Rebuilder([...target.childArgs, '--batch-size', String(CHILD_BATCH_SIZE), ...(restart ? ['--restart'] : [])], target.childEnv);
  let raw: RawReadModels | undefined;
  try {
    const reached = async (): Promise<void> => {
      for (;;) {
        if (child.exited) throw new Error(`${where}: the rebuilder exited before the kill (stdout ${child.stdout}, stderr ${child.stderr})`);
        raw ??= await target.openRebuilt();
        const slots = raw ? building(await raw.slots()) : [];
        if (slots.length === ALL_PROJECTIONS.length && Math.min(...slots.map((s) => s.eventsApplied)) >= share * total) return;
        await sleep(POLL_MS);
      }
    };
    await withTimeout(reached(), CHILD_TIMEOUT_MS, `${where}: the rebuild to pass ${Math.round(share * 100)}%`);
  } finally {
    child.kill();
  }
  const exit = await withTimeout(child.closed, 10_000, `${where}: the killed rebuilder to exit`);
  expect({ where, signal: exit.signal }).toEqual({ where, signal: 'SIGKILL' });
  const slots = building(await raw!.slots());
  await raw!.close();
  const eventsApplied = Math.min(...slots.map((s) => s.eventsApplied));
  return { share: eventsApplied / total, position: Math.min(...slots.map((s) => s.position)), eventsApplied, slotIds: idsByName(slots) };
}

interface Difference {
  projection: string;
  onlyResumed: string[];
  onlyReference: string[];
  differingCount: number;
  differing: { key: string; byte: number; resumed: string; reference: string }[];
}

/** Both documents around the first byte where they differ. */
function whereTheyDiffer(key: string, resumed: Buffer, reference: Buffer): Difference['differing'][number] {
  let at = 0;
  while (at < resumed.length && resumed[at] === reference[at]) at++;
  const around = (doc: Buffer): string => `${at > 60 ? '…' : ''}${doc.subarray(Math.max(0, at - 60), at + 140).toString('utf8')}`;
  return { key, byte: at, resumed: around(resumed), reference: around(reference) };
}

/** The first few keys that differ, with both documents where they part: empty lists when identical. */
function compareDocuments(projection: string, resumed: StoredDocument[], reference: StoredDocument[]): Difference {
  const first = <T>(items: T[]): T[] => items.slice(0, 5);
  const referenceByKey = new Map(reference);
  const resumedByKey = new Map(resumed);
  const differing = resumed.filter(([key, doc]) => referenceByKey.has(key) && !doc.equals(referenceByKey.get(key)!));
  return {
    projection,
    onlyResumed: first(resumed.filter(([key]) => !referenceByKey.has(key)).map(([key]) => key)),
    onlyReference: first(reference.filter(([key]) => !resumedByKey.has(key)).map(([key]) => key)),
    differingCount: differing.length,
    differing: first(differing.map(([key, doc]) => whereTheyDiffer(key, doc, referenceByKey.get(key)!))),
  };
}

async function crashResumeAndCompare(target: Target): Promise<void> {
  const started = Date.now();
  const events = await target.openEvents();
  try {
    const { events: total } = await writeSimulatedCompany(events, target.history);
    const loaded = Date.now();

    const kills: Kill[] = [];
    for (const [i, [low, high]] of KILL_WINDOWS.entries()) {
      const where = `${target.label}, kill ${i + 1} (CRASH_SEED=${SEED})`;
      const kill = await killPartWay(target, i === 0, low + random() * (high - low), total, where);
      expect({ where, share: kill.share >= 0.2 && kill.share <= 0.8, position: kill.position > 0 }).toEqual({ where, share: true, position: true });
      // A resumed run keeps filling the slots the first run created.
      expect({ where, slotIds: kill.slotIds }).toEqual({ where, slotIds: (kills[0] ?? kill).slotIds });
      kills.push(kill);
    }

    const last = new Rebuilder([...target.childArgs, '--batch-size', String(CHILD_BATCH_SIZE)], target.childEnv);
    const exit = await withTimeout(last.closed, CHILD_TIMEOUT_MS, `${target.label}: the last resumed rebuild to finish`);
    expect({ exit, stderr: exit.code === 0 ? '' : last.stderr }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
    const lastKill = kills[kills.length - 1];
    expect(last.reports().map(({ name, slotId, resumedFrom }) => ({ name, slotId, resumedFrom }))).toEqual(
      ALL_PROJECTIONS.map(({ name }) => ({ name, slotId: lastKill.slotIds[name], resumedFrom: lastKill.position })),
    );
    const resumedDone = Date.now();

    const reference = await target.openReference();
    const rebuilt = (await target.openRebuilt())!;
    try {
      await new ProjectionRunner(events, reference.store, ALL_PROJECTIONS).rebuild(undefined, { restart: true });
      expect({ resumed: await rebuilt.deadLetters(), reference: await reference.raw.deadLetters() }).toEqual({ resumed: 0, reference: 0 });
      const serving = async (raw: RawReadModels) => (await raw.slots()).filter((s) => s.state === 'serving');
      const resumedSlots = await serving(rebuilt);
      const referenceSlots = await serving(reference.raw);
      const checkpoints = (slots: SlotRow[]) => slots.map(({ name, position, eventsApplied }) => ({ name, position, eventsApplied }));
      expect(checkpoints(resumedSlots)).toEqual(checkpoints(referenceSlots));
      expect(resumedSlots.map((s) => s.id)).toEqual(ALL_PROJECTIONS.map((p) => lastKill.slotIds[p.name]));

      let documents = 0;
      const differences: (Difference & { count: number; referenceCount: number })[] = [];
      for (const slot of resumedSlots) {
        const resumed = await rebuilt.documents(slot.id);
        const fresh = await reference.raw.documents(referenceSlots.find((s) => s.name === slot.name)!.id);
        documents += resumed.length;
        differences.push({ count: resumed.length, referenceCount: fresh.length, ...compareDocuments(slot.name, resumed, fresh) });
      }
      const identical = (d: Difference & { count: number; referenceCount: number }) => ({
        ...d,
        referenceCount: d.count,
        onlyResumed: [],
        onlyReference: [],
        differingCount: 0,
        differing: [],
      });
      expect(differences).toEqual(differences.map(identical));
      console.log(
        `rebuild crash test ${target.label}: ${total} events, killed at ${kills.map((k) => `${Math.round(k.share * 100)}%`).join(' and ')}, resumed to the end in the same slots; ` +
          `${documents} documents identical to a build from scratch (load ${((loaded - started) / 1000).toFixed(1)} s, kill/resume ${((resumedDone - loaded) / 1000).toFixed(1)} s, ` +
          `reference and comparison ${((Date.now() - resumedDone) / 1000).toFixed(1)} s)`,
      );
    } finally {
      await rebuilt.close();
      await reference.raw.close();
      await reference.store.close();
    }
  } finally {
    await events.close();
  }
}

describe('a projection rebuild killed part-way resumes to the same read model as a build from scratch', () => {
  it('sqlite: ~60,000 events, killed twice', async () => {
    const target = sqliteTarget({ employees: 470, years: 8, seed: 20_240_607 });
    try {
      await crashResumeAndCompare(target);
    } finally {
      await target.dispose();
    }
  }, 90_000);

  it('postgres: ~20,000 events, killed twice', async () => {
    const target = await postgresTarget({ employees: 160, years: 8, seed: 20_240_608 });
    try {
      await crashResumeAndCompare(target);
    } finally {
      await target.dispose();
    }
  }, 90_000);
});
