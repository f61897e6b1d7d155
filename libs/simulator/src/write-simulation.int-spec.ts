import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@pm/domain';
import { SqliteEventStore, verifyStreamChain, type EventEnvelope } from '@pm/event-store';
import { ALL_PROJECTIONS, project } from '@pm/projections';
import { simulateOrg } from './simulate-org';
import type { SimulationOptions } from './simulation-options';
import { writeSimulation, type WriteProgress } from './write-simulation';

const options: SimulationOptions = { employees: 250, years: 2, policy: { ...DEFAULT_POLICY, version: 1 }, seed: 7 };

/** Marks personal fields the way a seal would, without a key store: enough for projections to see sealed values. */
const seal = (type: string, data: unknown) =>
  Promise.resolve(type === 'EmployeeHired' ? { ...(data as object), name: { $pii: 'v1.sealed' }, email: { $pii: 'v1.sealed' } } : data);

describe('writeSimulation into SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-simulator-'));
  let store: SqliteEventStore;
  let stored: EventEnvelope[];
  const progress: WriteProgress[] = [];
  let summary: Awaited<ReturnType<typeof writeSimulation>>;

  beforeAll(async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
    summary = await writeSimulation(store, simulateOrg({ ...options, seal }), { onProgress: (p) => progress.push(p), progressEvery: 5000 });
    stored = [];
    for await (const event of store.readAll()) stored.push(event);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every event, reports progress, and counts events per type', () => {
    expect(stored).toHaveLength(summary.events);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)?.events).toBe(summary.events);
    expect(Object.values(summary.byType).reduce((a, b) => a + b, 0)).toBe(summary.events);
    expect(summary.byType.EmployeeHired).toBeGreaterThan(options.employees);
    expect(stored.find((e) => e.type === 'EmployeeHired')?.data).toMatchObject({ name: { $pii: 'v1.sealed' } });
  });

  it('leaves every stream with an intact hash chain', () => {
    const streams = new Map<string, EventEnvelope[]>();
    for (const event of stored) {
      const events = streams.get(event.streamId) ?? [];
      events.push(event);
      streams.set(event.streamId, events);
    }
    const broken = [...streams].filter(([, events]) => !verifyStreamChain(events).ok).map(([id]) => id);
    expect(streams.size).toBeGreaterThan(options.employees);
    expect(broken).toEqual([]);
  });

  it.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))('projection %s applies every event without an error', (_name, projection) => {
    const documents = new Map<string, unknown>();
    const errors: string[] = [];
    for (const event of stored) {
      try {
        project(projection, [event], documents);
      } catch (error) {
        errors.push(`${event.type} at ${event.position}: ${(error as Error).message}`);
      }
    }
    expect(errors).toEqual([]);
    expect(documents.size).toBeGreaterThan(0);
  });

  it('writing the same seed again is an idempotent retry: nothing new is stored', async () => {
    const head = await store.headPosition();
    const again = await writeSimulation(store, simulateOrg(options));
    expect(again.events).toBe(summary.events);
    expect(await store.headPosition()).toBe(head);
  });
});
