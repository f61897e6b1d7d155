import { randomUUID } from 'node:crypto';
import {
  AppendManyUnsupported,
  IdempotencyConflict,
  InvalidAppend,
  StreamNotFound,
  verifyStreamChain,
  WrongExpectedRevision,
  type EventEnvelope,
  type EventStore,
  type NewEvent,
  type StreamAppend,
} from '@pm/event-store';

/** An append held inside an open transaction, for engines where that can happen (postgres). */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ContractOptions {
  /** A new, empty store on its own storage. Closed by the suite. */
  open(): Promise<EventStore>;
  /** Starts an append of `event` to `streamId` and keeps its transaction open. */
  holdAppendOpen?(store: EventStore, streamId: string, event: NewEvent): Promise<HeldAppend>;
  /** The engine stores a multi-stream append atomically (else appendMany must refuse). */
  atomicAppendMany: boolean;
  /** Some engines are slow per round trip; the suite scales its loads by this. */
  scale?: number;
}

export function ratingEvent(employeeId: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'RatingProposed',
    data: {
      cycleId: '2026-H1',
      employeeId,
      managerId: 'mgr-0042',
      rating: 'HV2',
      principles: { met: ['Customer Obsession', 'Deliver Results'], missed: ['Dive Deep'] },
      narrative: 'Delivered the payments migration on time; needs to go deeper on root causes.',
    },
    metadata: {
      actor: { id: 'hr-platform', role: 'hr' },
      occurredAt: '2026-06-30T12:00:00.000Z',
      correlationId: randomUUID(),
      tenantId: 'acme',
    },
    ...overrides,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Reads a subscription until `count` events arrived or `timeoutMs` passed. */
async function take(store: EventStore, fromPosition: number, count: number, timeoutMs = 20_000): Promise<EventEnvelope[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen: EventEnvelope[] = [];
  try {
    for await (const event of store.subscribeAll({ fromPosition, signal: controller.signal })) {
      seen.push(event);
      if (seen.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return seen;
}

function expectStrictlyIncreasing(events: EventEnvelope[]): void {
  for (let i = 1; i < events.length; i++) expect(events[i].position).toBeGreaterThan(events[i - 1].position);
}

/** The one contract every EventStore adapter must pass. */
export function describeEventStoreContract(engine: string, options: ContractOptions): void {
  const scale = options.scale ?? 1;

  describe(`EventStore contract: ${engine}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await options.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('append and readStream', () => {
      it('stores a stream with 0-based revisions, global positions, stamped recordedAt and a hash chain', async () => {
        const events = [ratingEvent('e1'), ratingEvent('e1'), ratingEvent('e1')];
        const before = Date.now();
        const result = await store.append('employee-e1', events, { expectedRevision: 'no_stream' });

        expect(result.streamId).toBe('employee-e1');
        expect(result.revision).toBe(2);
        expect(result.events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
        expect(result.position).toBe(result.events[2].position);

        const read = await store.readStream('employee-e1');
        expect(read.revision).toBe(2);
        expect(read.events).toHaveLength(3);
        const [first] = read.events;
        expect(first).toMatchObject({ id: events[0].id, type: 'RatingProposed', schemaVersion: 1, streamId: 'employee-e1', revision: 0 });
        expect(first.data).toEqual(events[0].data);
        expect(first.metadata).toMatchObject(events[0].metadata);
        expect(Date.parse(first.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(verifyStreamChain(read.events).ok).toBe(true);
        expectStrictlyIncreasing(read.events);
      });

      it('reads a stream from a revision', async () => {
        await store.append('employee-e2', [ratingEvent('e2'), ratingEvent('e2'), ratingEvent('e2')]);
        const read = await store.readStream('employee-e2', { fromRevision: 1 });
        expect(read.revision).toBe(2);
        expect(read.events.map((e) => e.revision)).toEqual([1, 2]);
      });

      it('reads at most maxCount events of a stream', async () => {
        await store.append('employee-e3', [ratingEvent('e3'), ratingEvent('e3'), ratingEvent('e3'), ratingEvent('e3')]);
        const read = await store.readStream('employee-e3', { fromRevision: 1, maxCount: 2 });
        expect(read.revision).toBe(3);
        expect(read.events.map((e) => e.revision)).toEqual([1, 2]);
        expect((await store.readStream('employee-e3', { fromRevision: 3, maxCount: 5 })).events.map((e) => e.revision)).toEqual([3]);
      });

      it('reports an unknown stream as StreamNotFound', async () => {
        const error = await rejection(store.readStream('employee-nobody'));
        expect(error).toBeInstanceOf(StreamNotFound);
        expect(error).toMatchObject({ streamId: 'employee-nobody', code: 'stream-not-found' });
      });

      it('rejects malformed appends and stores nothing', async () => {
        await expect(store.append('employee-x', [])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append('bad stream id', [ratingEvent('x')])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append('$all', [ratingEvent('x')])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append('employee-x', [ratingEvent('x', { type: 'not a type' })])).rejects.toBeInstanceOf(InvalidAppend);
        const twice = ratingEvent('x');
        await expect(store.append('employee-x', [twice, twice])).rejects.toBeInstanceOf(InvalidAppend);
        await expect(store.append('employee-x', [ratingEvent('x')], { expectedRevision: -3 })).rejects.toBeInstanceOf(InvalidAppend);
        expect(await store.headPosition()).toBe(0);
        await expect(store.readStream('employee-x')).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('keeps unicode and 256 KiB payloads byte for byte', async () => {
        const unicode = ratingEvent('u', {
          data: { narrative: 'Zoë naïve café — 日本語の評価 🚀 عربى \u2028 "quoted" \\ back\tslash', emoji: '👩🏽‍💻' },
        });
        const big = ratingEvent('u', { data: { narrative: 'x'.repeat(256 * 1024), tail: 'ü'.repeat(1000) } });
        await store.append('employee-unicode', [unicode, big]);
        const read = await store.readStream('employee-unicode');
        expect(read.events[0].data).toEqual(unicode.data);
        expect(read.events[1].data).toEqual(big.data);
        expect(verifyStreamChain(read.events).ok).toBe(true);
        const all = await collect(store.readAll());
        expect(all.map((e) => e.data)).toEqual([unicode.data, big.data]);
      });
    });

    describe('expected revision', () => {
      it('no_stream: succeeds on a new stream, fails on an existing one', async () => {
        await store.append('employee-n', [ratingEvent('n')], { expectedRevision: 'no_stream' });
        const error = await rejection(store.append('employee-n', [ratingEvent('n')], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: 'employee-n', expected: 'no_stream', actual: 0 });
      });

      it('exists: fails on a new stream, succeeds on an existing one', async () => {
        const error = await rejection(store.append('employee-x', [ratingEvent('x')], { expectedRevision: 'exists' }));
        expect(error).toMatchObject({ code: 'wrong-expected-revision', expected: 'exists', actual: -1 });
        await store.append('employee-x', [ratingEvent('x')]);
        const result = await store.append('employee-x', [ratingEvent('x')], { expectedRevision: 'exists' });
        expect(result.revision).toBe(1);
      });

      it('an exact revision: succeeds when it is the head, fails when stale or ahead', async () => {
        await store.append('employee-r', [ratingEvent('r'), ratingEvent('r')]);
        const result = await store.append('employee-r', [ratingEvent('r')], { expectedRevision: 1 });
        expect(result.revision).toBe(2);
        await expect(store.append('employee-r', [ratingEvent('r')], { expectedRevision: 1 })).rejects.toMatchObject({ expected: 1, actual: 2 });
        await expect(store.append('employee-r', [ratingEvent('r')], { expectedRevision: 7 })).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(store.append('employee-new', [ratingEvent('r')], { expectedRevision: 0 })).rejects.toMatchObject({ actual: -1 });
        expect((await store.readStream('employee-r')).revision).toBe(2);
      });

      it('any: appends whatever the head is', async () => {
        await store.append('employee-a', [ratingEvent('a')], { expectedRevision: 'any' });
        const result = await store.append('employee-a', [ratingEvent('a')]);
        expect(result.revision).toBe(1);
      });

      it('of N concurrent appends with the same expected revision, exactly one succeeds', async () => {
        await store.append('employee-race', [ratingEvent('race')]);
        const attempts = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.append('employee-race', [ratingEvent('race'), ratingEvent('race')], { expectedRevision: 0 })),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(11);
        lost.forEach((l) => expect(l.reason).toBeInstanceOf(WrongExpectedRevision));
        const read = await store.readStream('employee-race');
        expect(read.events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(verifyStreamChain(read.events).ok).toBe(true);
      });

      it('concurrent appends with any all land, with contiguous revisions and an intact chain', async () => {
        await Promise.all(Array.from({ length: 12 }, () => store.append('employee-busy', [ratingEvent('busy')])));
        const read = await store.readStream('employee-busy');
        expect(read.events.map((e) => e.revision)).toEqual([...Array(12).keys()]);
        expect(verifyStreamChain(read.events).ok).toBe(true);
      });
    });

    describe('idempotent retry', () => {
      it('re-appending the same event ids returns the original result and stores nothing', async () => {
        const events = [ratingEvent('i'), ratingEvent('i')];
        const first = await store.append('employee-i', events, { expectedRevision: 'no_stream' });
        await store.append('employee-i', [ratingEvent('i')]);
        const head = await store.headPosition();

        const again = await store.append('employee-i', events, { expectedRevision: 'no_stream' });
        const againAny = await store.append('employee-i', events);
        expect(again).toEqual(first);
        expect(againAny).toEqual(first);
        expect(await store.headPosition()).toBe(head);
        expect((await store.readStream('employee-i')).events).toHaveLength(3);
      });

      it('concurrent identical retries store the events once', async () => {
        const events = [ratingEvent('c')];
        const results = await Promise.all(Array.from({ length: 6 }, () => store.append('employee-c', events)));
        results.forEach((r) => expect(r).toEqual(results[0]));
        expect((await store.readStream('employee-c')).events).toHaveLength(1);
      });

      it('an id reused for another stream or another batch is a conflict, and nothing is appended', async () => {
        const [a, b] = [ratingEvent('k'), ratingEvent('k')];
        await store.append('employee-k', [a, b]);
        const head = await store.headPosition();
        await expect(store.append('employee-other', [a])).rejects.toBeInstanceOf(IdempotencyConflict);
        await expect(store.append('employee-k', [b, a])).rejects.toBeInstanceOf(IdempotencyConflict);
        await expect(store.append('employee-k', [a, ratingEvent('k')])).rejects.toBeInstanceOf(IdempotencyConflict);
        expect(await store.headPosition()).toBe(head);
        await expect(store.readStream('employee-other')).rejects.toBeInstanceOf(StreamNotFound);
      });
    });

    describe('appendMany: several streams in one atomic write', () => {
      if (!options.atomicAppendMany) {
        it('refuses, saying the engine cannot, and stores nothing', async () => {
          expect(store.capabilities.atomicAppendMany).toBe(false);
          const error = await rejection(store.appendMany([{ streamId: 'employee-u', events: [ratingEvent('u')] }]));
          expect(error).toBeInstanceOf(AppendManyUnsupported);
          expect(await store.headPosition()).toBe(0);
        });
        return;
      }

      const cycleAndRatings = (suffix: string): StreamAppend[] => [
        { streamId: `review-cycle-${suffix}`, events: [ratingEvent('cycle'), ratingEvent('cycle')], expectedRevision: 'exists' as const },
        { streamId: `employee-${suffix}-1`, events: [ratingEvent(`${suffix}-1`)], expectedRevision: 'any' as const },
        { streamId: `employee-${suffix}-2`, events: [ratingEvent(`${suffix}-2`), ratingEvent(`${suffix}-2`)] },
      ];

      it('says it can', () => {
        expect(store.capabilities.atomicAppendMany).toBe(true);
      });

      it('stores every stream, in the order given, at contiguous global positions, each chain continuing', async () => {
        await store.append('review-cycle-f', [ratingEvent('cycle')]);
        await store.append('employee-f-1', [ratingEvent('f-1')]);
        const head = await store.headPosition();
        const appends = cycleAndRatings('f');

        const results = await store.appendMany(appends);

        expect(results.map((r) => r.streamId)).toEqual(appends.map((a) => a.streamId));
        expect(results.map((r) => r.revision)).toEqual([2, 1, 1]);
        const positions = results.flatMap((r) => r.events.map((e) => e.position));
        expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
        expect(positions[0]).toBeGreaterThan(head);
        const all = await collect(store.readAll({ fromPosition: positions[0] }));
        expect(all.map((e) => e.id)).toEqual(appends.flatMap((a) => a.events.map((e) => e.id)));
        for (const { streamId } of appends) expect(verifyStreamChain((await store.readStream(streamId)).events).ok).toBe(true);
      });

      it('stores nothing when one expected revision fails, naming that stream', async () => {
        await store.append('review-cycle-w', [ratingEvent('cycle')]);
        await store.append('employee-w-2', [ratingEvent('w-2')]);
        const head = await store.headPosition();
        const appends = cycleAndRatings('w');
        appends[2] = { ...appends[2], expectedRevision: 'no_stream' };

        const error = await rejection(store.appendMany(appends));

        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).streamId).toBe('employee-w-2');
        expect(await store.headPosition()).toBe(head);
        expect((await store.readStream('review-cycle-w')).events).toHaveLength(1);
        await expect(store.readStream('employee-w-1')).rejects.toBeInstanceOf(StreamNotFound);
        const next = await store.append('employee-w-1', [ratingEvent('w-1')]);
        expect(next.revision).toBe(0);
        expect(next.position).toBeGreaterThan(head);
      });

      it('a batch re-sent after it was stored returns its original results and stores nothing', async () => {
        await store.append('review-cycle-r', [ratingEvent('cycle')]);
        const appends = cycleAndRatings('r');
        const first = await store.appendMany(appends);
        await store.append('employee-r-1', [ratingEvent('r-1')]);
        const head = await store.headPosition();

        expect(await store.appendMany(appends)).toEqual(first);
        expect(await store.headPosition()).toBe(head);
      });

      it('a batch of which only part was stored is a conflict, and nothing is appended', async () => {
        const stored = ratingEvent('p');
        await store.append('employee-p', [stored]);
        const head = await store.headPosition();

        const error = await rejection(
          store.appendMany([
            { streamId: 'employee-p', events: [stored, ratingEvent('p')] },
            { streamId: 'employee-q', events: [ratingEvent('q')] },
          ]),
        );

        expect(error).toBeInstanceOf(IdempotencyConflict);
        expect(await store.headPosition()).toBe(head);
        await expect(store.readStream('employee-q')).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('refuses an empty batch, a stream twice or an event id twice, storing nothing', async () => {
        const twice = ratingEvent('d');
        const invalid: StreamAppend[][] = [
          [],
          [
            { streamId: 'employee-d', events: [ratingEvent('d')] },
            { streamId: 'employee-d', events: [ratingEvent('d')] },
          ],
          [
            { streamId: 'employee-d', events: [twice] },
            { streamId: 'employee-e', events: [twice] },
          ],
          [
            { streamId: 'employee-d', events: [ratingEvent('d')] },
            { streamId: '', events: [ratingEvent('d')] },
          ],
        ];
        for (const appends of invalid) expect(await rejection(store.appendMany(appends))).toBeInstanceOf(InvalidAppend);
        expect(await store.headPosition()).toBe(0);
      });

      it('of two concurrent batches expecting the same revision of a shared stream, exactly one lands whole', async () => {
        await store.append('review-cycle-c', [ratingEvent('cycle')]);
        const batch = (n: number) => [
          { streamId: 'review-cycle-c', events: [ratingEvent('cycle')], expectedRevision: 0 },
          { streamId: `employee-c-${n}`, events: [ratingEvent(`c-${n}`)], expectedRevision: 'no_stream' as const },
        ];
        const outcomes = await Promise.allSettled([store.appendMany(batch(1)), store.appendMany(batch(2))]);

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(WrongExpectedRevision);
        const landed = outcomes[0].status === 'fulfilled' ? 1 : 2;
        expect((await store.readStream('review-cycle-c')).revision).toBe(1);
        await expect(store.readStream(`employee-c-${3 - landed}`)).rejects.toBeInstanceOf(StreamNotFound);
        expect((await store.readStream(`employee-c-${landed}`)).events).toHaveLength(1);
      });
    });

    describe('global order and readAll', () => {
      async function interleaved(): Promise<void> {
        for (let round = 0; round < 5; round++) {
          for (const id of ['a', 'b', 'c']) {
            await store.append(`employee-${id}`, round % 2 ? [ratingEvent(id), ratingEvent(id)] : [ratingEvent(id)]);
          }
        }
      }

      it('keeps per-stream order inside one global order', async () => {
        await interleaved();
        const all = await collect(store.readAll());
        expect(all).toHaveLength(21);
        expectStrictlyIncreasing(all);
        for (const id of ['a', 'b', 'c']) {
          const inStream = all.filter((e) => e.streamId === `employee-${id}`);
          expect(inStream.map((e) => e.revision)).toEqual([...Array(7).keys()]);
          expect(inStream).toEqual((await store.readStream(`employee-${id}`)).events);
        }
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
      });

      it('pages from any position, inclusive, with a limit', async () => {
        await interleaved();
        const all = await collect(store.readAll());
        for (const start of [0, 1, 5, 13, 20]) {
          const from = all[start].position;
          expect(await collect(store.readAll({ fromPosition: from }))).toEqual(all.slice(start));
          expect(await collect(store.readAll({ fromPosition: from, limit: 4 }))).toEqual(all.slice(start, start + 4));
        }
        expect(await collect(store.readAll({ fromPosition: all[20].position + 1 }))).toEqual([]);
        expect(await collect(store.readAll({ limit: 0 }))).toEqual([]);
      });

      it(`holds 10,000 streams`, async () => {
        const count = Math.round(10_000 * Math.min(scale, 1)) || 1;
        const ids = Array.from({ length: count }, (_, i) => `employee-s${i}`);
        for (let i = 0; i < ids.length; i += 50) {
          await Promise.all(ids.slice(i, i + 50).map((id) => store.append(id, [ratingEvent(id)], { expectedRevision: 'no_stream' })));
        }
        let seen = 0;
        const streams = new Set<string>();
        for await (const event of store.readAll()) {
          seen++;
          streams.add(event.streamId);
        }
        expect(seen).toBe(count);
        expect(streams.size).toBe(count);
        for (const id of [ids[0], ids[Math.floor(count / 2)], ids[count - 1]]) {
          expect((await store.readStream(id)).events).toHaveLength(1);
        }
      }, 120_000);
    });

    describe('subscribeAll', () => {
      it('delivers history, then live events, exactly once and in order while 4 writers append', async () => {
        await store.append('employee-history', [ratingEvent('h'), ratingEvent('h')]);
        const writers = 4;
        const perWriter = Math.max(10, Math.round(60 * scale));
        const expected = 2 + writers * perWriter * 2;
        const received = take(store, 0, expected);
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < perWriter; i++) {
              await store.append(`employee-w${w}-${i % 5}`, [ratingEvent(`w${w}`), ratingEvent(`w${w}`)]);
            }
          }),
        );
        const seen = await received;
        expect(seen).toHaveLength(expected);
        expectStrictlyIncreasing(seen);
        expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
        expect(seen).toEqual(await collect(store.readAll()));
      }, 60_000);

      it('starts from a position and stops when its signal aborts', async () => {
        const first = await store.append('employee-s', [ratingEvent('s'), ratingEvent('s'), ratingEvent('s')]);
        const controller = new AbortController();
        const seen: EventEnvelope[] = [];
        const done = (async () => {
          for await (const event of store.subscribeAll({ fromPosition: first.events[1].position, signal: controller.signal })) {
            seen.push(event);
            if (seen.length === 2) controller.abort();
          }
        })();
        await done;
        expect(seen.map((e) => e.revision)).toEqual([1, 2]);
      });

      if (options.holdAppendOpen) {
        const hold = options.holdAppendOpen;

        it('never lets a subscriber pass an event whose transaction is still open', async () => {
          const before = ratingEvent('b');
          await store.append('employee-before', [before]);
          const slow = ratingEvent('slow');
          const held = await hold(store, 'employee-slow', slow);
          const fast = [ratingEvent('f1'), ratingEvent('f2'), ratingEvent('f3')];
          for (const event of fast) await store.append('employee-fast', [event]);

          const received = take(store, 0, 5);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await held.commit();
          const seen = await received;
          expect(seen.map((e) => e.id)).toEqual([before.id, slow.id, ...fast.map((e) => e.id)]);
          expectStrictlyIncreasing(seen);
          expect(seen).toEqual(await collect(store.readAll()));
        }, 30_000);

        it('holds back events committed after a slow transaction began until it ends', async () => {
          const held = await hold(store, 'employee-slow', ratingEvent('slow'));
          await store.append('employee-fast', [ratingEvent('fast')]);
          expect(await collect(store.readAll())).toEqual([]);
          expect(await store.headPosition()).toBe(0);
          await held.commit();
          const all = await collect(store.readAll());
          expect(all.map((e) => e.streamId)).toEqual(['employee-slow', 'employee-fast']);
        }, 30_000);

        it('moves past a rolled-back append without stalling or skipping', async () => {
          const held = await hold(store, 'employee-doomed', ratingEvent('doomed'));
          const after = [ratingEvent('a1'), ratingEvent('a2')];
          const received = take(store, 0, 2, 10_000);
          await store.append('employee-after', [after[0]]);
          await held.rollback();
          await store.append('employee-after', [after[1]]);
          const seen = await received;
          expect(seen.map((e) => e.id)).toEqual(after.map((e) => e.id));
          await expect(store.readStream('employee-doomed')).rejects.toBeInstanceOf(StreamNotFound);
        }, 30_000);
      }
    });
  });
}
