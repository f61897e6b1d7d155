import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@pm/event-store';
import { project } from '../src/document-batch';
import type { Projection } from '../src/projection';
import { ProjectionRunner } from '../src/runner/projection-runner';
import type { ReadModelStore, SlotWrite } from '../src/store/read-model-store';

export interface RunnerFixture {
  events: EventStore;
  readModels: ReadModelStore;
  /** A second handle on the same read models, as another process would have. */
  secondReadModels(): Promise<ReadModelStore>;
  close(): Promise<void>;
}

interface Tally {
  count: number;
  last: number;
}

/** Counts the events of each stream: any skipped or doubled event shows in the counts. */
const tally = (version = 1, failOn?: (data: { n: number }) => boolean): Projection<Tally> => ({
  name: 'tally',
  version,
  handles: new Set(['Counted']),
  keysOf: (e) => [e.streamId],
  apply(e, docs) {
    const { n } = e.data as { n: number };
    if (failOn?.(e.data as { n: number })) throw new Error(`cannot count ${n}`);
    const before = docs.get(e.streamId) ?? { count: 0, last: 0 };
    docs.put(e.streamId, { count: before.count + 1, last: n });
  },
});

/** Keeps the highest number seen overall: a second projection with its own checkpoint. */
const highest: Projection<number> = {
  name: 'highest',
  version: 1,
  handles: new Set(['Counted']),
  keysOf: () => ['max'],
  apply(e, docs) {
    docs.put('max', Math.max(docs.get('max') ?? 0, (e.data as { n: number }).n));
  },
};

const counted = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'Counted',
  data: { n },
  metadata: { actor: { id: 'test', role: 'system' }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', tenantId: 'default' },
});

async function appendCounts(events: EventStore, streams: number, perStream: number, start = 1): Promise<void> {
  for (let i = 0; i < perStream; i++) {
    for (let s = 0; s < streams; s++) await events.append(`tally-${s}`, [counted(start + i)]);
  }
}

async function documentsOf(store: ReadModelStore, name: string): Promise<Map<string, unknown>> {
  const slot = (await store.slots(name)).find((s) => s.state === 'serving');
  if (!slot) throw new Error(`${name} is not serving`);
  return new Map(await store.scan(slot.id, ''));
}

async function expected(events: EventStore, projection: Projection<unknown>): Promise<Map<string, unknown>> {
  const all = [];
  for await (const e of events.readAll()) all.push(e);
  return new Map([...project(projection, all)].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const until = async (check: () => boolean | Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The runner's guarantees, on one engine pair: nothing skipped, nothing doubled, never stuck. */
export function projectionRunnerContract(engine: string, open: () => Promise<RunnerFixture>): void {
  describe(`ProjectionRunner on ${engine}`, () => {
    let fixture: RunnerFixture;
    let runners: ProjectionRunner[] = [];
    const runner = (projections: Projection<unknown>[], readModels = fixture.readModels, batchSize = 50) => {
      const created = new ProjectionRunner(fixture.events, readModels, projections, { batchSize, maxRetryDelayMs: 50 });
      runners.push(created);
      return created;
    };

    beforeEach(async () => {
      fixture = await open();
      runners = [];
    });
    afterEach(async () => {
      await Promise.all(runners.map((r) => r.stop()));
      await fixture.close();
    });

    it('catches up from the start, follows live appends, and matches an in-memory fold exactly', async () => {
      await appendCounts(fixture.events, 7, 30);
      const live = runner([tally(), highest]);
      await live.start();
      await appendCounts(fixture.events, 7, 10, 31);
      const head = await fixture.events.headPosition();
      expect(await live.caughtUp('tally', head, 10_000)).toBe(true);
      expect(await live.caughtUp('highest', head, 10_000)).toBe(true);
      expect(await documentsOf(fixture.readModels, 'tally')).toEqual(await expected(fixture.events, tally() as Projection<unknown>));
      expect(await documentsOf(fixture.readModels, 'highest')).toEqual(new Map([['max', 40]]));
      expect(live.status()).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'tally', state: 'serving', position: head, eventsApplied: 280, lagSeconds: 0 })]),
      );
    });

    it('serves an empty store at once', async () => {
      const live = runner([tally()]);
      await live.start();
      expect(live.servingSlot('tally')).toMatchObject({ state: 'serving', position: 0 });
      expect(await live.caughtUp('tally', 0, 100)).toBe(true);
    });

    it('resumes from its checkpoint after a restart without applying anything twice', async () => {
      await appendCounts(fixture.events, 3, 20);
      const first = runner([tally()]);
      await first.start();
      expect(await first.caughtUp('tally', await fixture.events.headPosition(), 10_000)).toBe(true);
      await first.stop();
      await appendCounts(fixture.events, 3, 20, 21);
      const second = runner([tally()]);
      await second.start();
      expect(await second.caughtUp('tally', await fixture.events.headPosition(), 10_000)).toBe(true);
      expect(second.servingSlot('tally')?.id).toBe(first.servingSlot('tally')?.id);
      expect(await documentsOf(fixture.readModels, 'tally')).toEqual(new Map([0, 1, 2].map((s) => [`tally-${s}`, { count: 40, last: 40 }])));
    });

    it('rebuilds a new version from position 0 while the old slot keeps serving, then switches and drops the old one', async () => {
      await appendCounts(fixture.events, 4, 25);
      const v1 = runner([tally(1)]);
      await v1.start();
      expect(await v1.caughtUp('tally', await fixture.events.headPosition(), 10_000)).toBe(true);
      await v1.stop();
      const oldSlot = v1.servingSlot('tally')!;

      const v2 = runner([tally(2)], fixture.readModels, 10);
      await v2.start();
      expect(v2.servingSlot('tally')).toMatchObject({ id: oldSlot.id, version: 1 });
      // While the new slot is behind, reads of this projection do not wait for it.
      expect(await v2.caughtUp('tally', await fixture.events.headPosition(), 10)).toBe(true);
      await until(() => v2.servingSlot('tally')?.version === 2, 'version 2 to serve');
      const slots = await fixture.readModels.slots('tally');
      expect(slots).toEqual([expect.objectContaining({ version: 2, state: 'serving', eventsApplied: 100 })]);
      expect(await documentsOf(fixture.readModels, 'tally')).toEqual(await expected(fixture.events, tally(2) as Projection<unknown>));
    });

    it('dead-letters an event a projection cannot apply, after bounded retries, and carries on with it and the others', async () => {
      await appendCounts(fixture.events, 2, 10);
      const attempts: number[] = [];
      const fragile = tally(1, ({ n }) => {
        if (n === 4) attempts.push(n);
        return n === 4;
      });
      const live = runner([fragile, highest]);
      await live.start();
      expect(await live.caughtUp('tally', await fixture.events.headPosition(), 10_000)).toBe(true);
      const letters = await fixture.readModels.deadLetters({ projection: 'tally' });
      expect(letters).toHaveLength(2);
      expect(letters[0]).toMatchObject({ projection: 'tally', eventType: 'Counted', error: 'cannot count 4', attempts: 3 });
      expect(attempts).toHaveLength(6);
      expect(await documentsOf(fixture.readModels, 'tally')).toEqual(new Map([0, 1].map((s) => [`tally-${s}`, { count: 9, last: 10 }])));
      expect(await documentsOf(fixture.readModels, 'highest')).toEqual(new Map([['max', 10]]));
      expect(live.status().every((s) => s.error === undefined)).toBe(true);
    });

    it('never applies a batch twice when two runners follow the same slot', async () => {
      await appendCounts(fixture.events, 5, 20);
      const second = await fixture.secondReadModels();
      try {
        const a = runner([tally()], fixture.readModels, 7);
        const b = runner([tally()], second, 11);
        await a.start();
        await b.start();
        await appendCounts(fixture.events, 5, 20, 21);
        const head = await fixture.events.headPosition();
        await until(async () => (await fixture.readModels.slots('tally')).some((s) => s.state === 'serving' && s.position === head), 'the head');
        expect(await documentsOf(fixture.readModels, 'tally')).toEqual(new Map([0, 1, 2, 3, 4].map((s) => [`tally-${s}`, { count: 40, last: 40 }])));
        await a.stop();
        await b.stop();
      } finally {
        await second.close();
      }
    });

    it('reports a failing read-model store, retries, and recovers without losing or doubling events', async () => {
      await appendCounts(fixture.events, 2, 15);
      let failures = 3;
      const flaky: ReadModelStore = Object.create(fixture.readModels, {
        commit: {
          value: (writes: readonly SlotWrite[]) => {
            if (failures-- > 0) return Promise.reject(new Error('disk unavailable'));
            return fixture.readModels.commit(writes);
          },
        },
      });
      const live = runner([tally()], flaky);
      await live.start();
      await until(() => live.status()[0]?.error === 'disk unavailable', 'the failure to show');
      expect(await live.caughtUp('tally', await fixture.events.headPosition(), 10_000)).toBe(true);
      await until(() => live.status()[0]?.error === undefined, 'the failure to clear');
      expect(await documentsOf(fixture.readModels, 'tally')).toEqual(new Map([0, 1].map((s) => [`tally-${s}`, { count: 15, last: 15 }])));
    });
  });
}
