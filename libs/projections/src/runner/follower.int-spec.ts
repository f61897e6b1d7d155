import { appendCounted, counter, countsUpTo, documentsOf, openMemoryStores, recordingLogger, type MemoryStores } from '../../test/counting';
import { CheckpointMoved } from '../store/read-model-store';
import { Follower, type RebuildProgress } from './follower';
import { CatchUpWaiters, readsSee } from './read-your-writes';
import { ServingSlots } from './serving-slots';
import { StatusBoard } from './status-board';

describe('Follower on SQLite', () => {
  let stores: MemoryStores;
  let waiters: CatchUpWaiters;
  let status: StatusBoard;
  let slots: ServingSlots;
  let logger: ReturnType<typeof recordingLogger>;
  const follower = (batchSize: number): Follower => new Follower(stores.events, stores.readModels, slots, status, waiters, { batchSize, logger });
  const never = new AbortController().signal;

  beforeEach(async () => {
    stores = await openMemoryStores();
    waiters = new CatchUpWaiters();
    status = new StatusBoard();
    logger = recordingLogger();
    slots = new ServingSlots(stores.readModels, waiters, { maxAttempts: 3, cacheLimit: 1000 }, logger);
  });
  afterEach(() => stores.close());

  it('builds a slot in batches up to the head, committing documents and checkpoint per batch and waking waiters, then promotes it and stops', async () => {
    await appendCounted(stores.events, 1, 25);
    const tracker = await slots.open(counter(), 'follow');
    const progress: RebuildProgress[] = [];
    const committed: number[] = [];
    let seenAt: number | undefined;
    void waiters.until(() => tracker.position >= 10, 10_000, never).then(() => (seenAt = tracker.position));
    await follower(10).follow([tracker], never, {
      stopAtHead: true,
      onProgress: (p) => {
        progress.push(p);
        committed.push(tracker.position);
      },
    });

    expect(progress).toEqual([10, 20, 25].map((position) => ({ name: ['counter'], position, head: 25, eventsApplied: position })));
    expect(committed).toEqual([10, 20, 25]);
    // Woken by the commit of the first batch, not only at the end.
    expect(seenAt).toBe(10);
    expect(await stores.readModels.slots('counter')).toEqual([
      expect.objectContaining({ id: tracker.slot.id, state: 'serving', position: 25, eventsApplied: 25 }),
    ]);
    expect(await documentsOf(stores.readModels, tracker.slot.id)).toEqual(countsUpTo(25));
    expect(slots.get('counter')).toBe(tracker.slot);
  });

  it('promotes an empty build at once, and returns when a rebuild has nothing to read', async () => {
    const tracker = await slots.open(counter(), 'follow');
    await follower(10).follow([tracker], never, { stopAtHead: true });
    expect(slots.get('counter')).toMatchObject({ id: tracker.slot.id, state: 'serving', position: 0 });
  });

  it('follows live appends once caught up, until the signal aborts', async () => {
    await appendCounted(stores.events, 1, 5);
    const tracker = await slots.open(counter(), 'follow');
    const stopping = new AbortController();
    const following = follower(50).follow([tracker], stopping.signal, {});

    const readable = (position: number) => () => readsSee(tracker, slots.get('counter'), position);
    expect(await waiters.until(readable(5), 10_000, never)).toBe(true);
    expect(tracker.slot.state).toBe('serving');
    await appendCounted(stores.events, 6, 8);
    expect(await waiters.until(readable(8), 10_000, never)).toBe(true);
    expect(await documentsOf(stores.readModels, tracker.slot.id)).toEqual(countsUpTo(8));
    expect(slots.get('counter')).toMatchObject({ id: tracker.slot.id, position: 8 });

    stopping.abort();
    await expect(following).resolves.toBeUndefined();
  });

  it('reads a group from its lowest checkpoint; a slot already further applies only what it had not', async () => {
    await appendCounted(stores.events, 1, 10);
    await follower(4).follow([await slots.open(counter('ahead'), 'follow')], never, { stopAtHead: true });
    await appendCounted(stores.events, 11, 15);

    const ahead = await slots.open(counter('ahead'), 'follow');
    const fresh = await slots.open(counter('fresh'), 'follow');
    expect([ahead.position, fresh.position]).toEqual([10, 0]);
    await follower(4).follow([ahead, fresh], never, { stopAtHead: true });

    for (const tracker of [ahead, fresh]) {
      expect(tracker.slot).toMatchObject({ state: 'serving', position: 15, eventsApplied: 15 });
      expect(await documentsOf(stores.readModels, tracker.slot.id)).toEqual(countsUpTo(15));
    }
  });

  it('fails the batch with CheckpointMoved, storing nothing, when another runner moved the checkpoint', async () => {
    await appendCounted(stores.events, 1, 6);
    const mine = await slots.open(counter(), 'follow');
    const theirs = await slots.open(counter(), 'follow');
    await follower(10).follow([theirs], never, { stopAtHead: true });

    await expect(follower(10).follow([mine], never, { stopAtHead: true })).rejects.toBeInstanceOf(CheckpointMoved);
    expect(mine.position).toBe(0);
    expect(await stores.readModels.slots('counter')).toEqual([expect.objectContaining({ position: 6, eventsApplied: 6 })]);
    expect(await documentsOf(stores.readModels, theirs.slot.id)).toEqual(countsUpTo(6));
  });

  it('dead-letters what a projection cannot apply, warns about it, and carries on', async () => {
    await appendCounted(stores.events, 1, 5);
    const tracker = await slots.open(counter('counter', 1, [3]), 'follow');
    await follower(10).follow([tracker], never, { stopAtHead: true });

    expect(await stores.readModels.deadLetters({ projection: 'counter' })).toEqual([
      expect.objectContaining({ position: 3, eventType: 'Counted', streamId: 'count-0', error: 'cannot count 3', attempts: 3 }),
    ]);
    expect(logger.lines.filter(([level]) => level === 'warn')).toEqual([['warn', 'projection counter: dead-lettered Counted at position 3: cannot count 3']]);
    expect(await documentsOf(stores.readModels, tracker.slot.id)).toEqual(
      new Map([
        ['count-1', { count: 2, last: 4 }],
        ['count-2', { count: 2, last: 5 }],
      ]),
    );
    expect(tracker.slot.eventsApplied).toBe(5);
  });

  it('reports the group behind from the oldest event of the batch in hand, caught up at the head, and clears the last failure', async () => {
    await appendCounted(stores.events, 1, 12);
    const recorded: string[] = [];
    for await (const event of stores.events.readAll()) recorded.push(event.metadata.recordedAt);
    const tracker = await slots.open(counter(), 'follow');
    status.failed(['counter'], 'disk unavailable');
    const now = Date.parse(recorded[recorded.length - 1]) + 60_000;
    const lags: number[] = [];
    await follower(5).follow([tracker], never, {
      stopAtHead: true,
      onProgress: () => lags.push(status.report([tracker], (name) => slots.get(name), now)[0].lagSeconds),
    });

    // Batches start at positions 1, 6 and 11.
    expect(lags).toEqual([0, 5, 10].map((i) => (now - Date.parse(recorded[i])) / 1000));
    expect(status.report([tracker], (name) => slots.get(name), now)).toEqual([
      {
        name: 'counter',
        version: 1,
        slotId: tracker.slot.id,
        state: 'serving',
        position: 12,
        eventsApplied: 12,
        servingSlotId: tracker.slot.id,
        lagSeconds: 0,
      },
    ]);
  });
});
