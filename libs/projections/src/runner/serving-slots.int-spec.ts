import { counter, recordingLogger } from '../../test/counting';
import { openSqliteReadModelStore } from '../store';
import type { ReadModelStore, Slot } from '../store/read-model-store';
import { CatchUpWaiters } from './read-your-writes';
import { ServingSlots } from './serving-slots';

const trackerOptions = { maxAttempts: 3, cacheLimit: 100 };

describe('ServingSlots on SQLite', () => {
  let readModels: ReadModelStore;
  let waiters: CatchUpWaiters;
  let logger: ReturnType<typeof recordingLogger>;
  let slots: ServingSlots;

  beforeEach(async () => {
    readModels = await openSqliteReadModelStore(':memory:');
    waiters = new CatchUpWaiters();
    logger = recordingLogger();
    slots = new ServingSlots(readModels, waiters, trackerOptions, logger);
  });
  afterEach(() => readModels.close());

  /** A slot of `counter` in the store, moved to `position`, promoted when `serving`. */
  async function stored(version: number, position: number, serving: boolean): Promise<Slot> {
    const slot = await readModels.createSlot('counter', version);
    if (position > 0)
      await readModels.commit([{ slotId: slot.id, expectedPosition: 0, position, eventsApplied: position, documents: new Map(), deadLetters: [] }]);
    if (serving) await readModels.promote(slot.id);
    return (await readModels.slots('counter')).find((s) => s.id === slot.id)!;
  }

  it('builds a first slot when nothing serves yet', async () => {
    const tracker = await slots.open(counter(), 'follow');
    expect(tracker.slot).toMatchObject({ name: 'counter', version: 1, state: 'building', position: 0 });
    expect(await readModels.slots('counter')).toEqual([tracker.slot]);
    expect(slots.get('counter')).toBeUndefined();
  });

  it('follows the serving slot when its version is the projection version', async () => {
    const serving = await stored(1, 3, true);
    const tracker = await slots.open(counter(), 'follow');
    expect(tracker.slot).toEqual(serving);
    expect(tracker.position).toBe(3);
    expect(slots.get('counter')).toEqual(serving);
  });

  it('builds a new version beside the old serving slot, resuming its interrupted build and dropping leftovers of other versions', async () => {
    const old = await stored(1, 9, true);
    await stored(3, 2, false);
    const interrupted = await stored(2, 4, false);
    const tracker = await slots.open(counter('counter', 2), 'follow');
    expect(tracker.slot).toEqual(interrupted);
    expect(slots.get('counter')).toEqual(old);
    expect((await readModels.slots('counter')).map((s) => s.id)).toEqual([old.id, interrupted.id]);
  });

  it('rebuilds into a new slot while the current version serves, and resumes that build when asked again', async () => {
    const serving = await stored(1, 9, true);
    const first = await slots.open(counter(), 'rebuild');
    expect(first.slot).toMatchObject({ version: 1, state: 'building', position: 0 });
    expect(first.slot.id).not.toBe(serving.id);
    await readModels.commit([{ slotId: first.slot.id, expectedPosition: 0, position: 5, eventsApplied: 5, documents: new Map(), deadLetters: [] }]);

    const resumed = await slots.open(counter(), 'rebuild');
    expect(resumed.slot).toMatchObject({ id: first.slot.id, position: 5 });
    expect(slots.get('counter')).toEqual(serving);
  });

  it('restarts a rebuild in a new slot, dropping the interrupted one', async () => {
    const serving = await stored(1, 9, true);
    const interrupted = await stored(1, 5, false);
    const restarted = await slots.open(counter(), 'restart');
    expect(restarted.slot).toMatchObject({ version: 1, state: 'building', position: 0 });
    expect((await readModels.slots('counter')).map((s) => s.id)).toEqual([serving.id, restarted.slot.id]);
    expect(restarted.slot.id).not.toBe(interrupted.id);
  });

  it('promotes at the head only the slots holding everything up to it, switching reads and waking waiters', async () => {
    const old = await stored(1, 9, true);
    const ahead = await slots.open(counter('counter', 2), 'follow');
    const behind = await slots.open(counter('other'), 'follow');
    await readModels.commit([{ slotId: ahead.slot.id, expectedPosition: 0, position: 12, eventsApplied: 12, documents: new Map(), deadLetters: [] }]);
    ahead.slot = { ...ahead.slot, position: 12, eventsApplied: 12 };
    expect(slots.get('counter')).toEqual(old);

    let switched = false;
    void waiters.until(() => slots.get('counter')?.id === ahead.slot.id, 10_000, new AbortController().signal).then((seen) => (switched = seen));
    expect(await slots.promoteAtHead([ahead, behind], 12)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(switched).toBe(true);

    expect(ahead.slot.state).toBe('serving');
    expect(slots.get('counter')).toBe(ahead.slot);
    expect(await readModels.slots('counter')).toEqual([expect.objectContaining({ id: ahead.slot.id, state: 'serving', position: 12 })]);
    expect(behind.slot.state).toBe('building');
    expect(slots.get('other')).toBeUndefined();
    expect(logger.lines).toEqual([['log', `projection counter v2 caught up at position 12: now serving (slot ${ahead.slot.id})`]]);

    // Already serving: true, and nothing promoted or logged again.
    expect(await slots.promoteAtHead([ahead], 12)).toBe(true);
    expect(logger.lines).toHaveLength(1);
  });

  it('keeps reads on a serving slot current after a commit, and ignores a slot that does not serve', async () => {
    await stored(1, 3, true);
    const serving = await slots.open(counter(), 'follow');
    const building = await slots.open(counter('counter', 2), 'follow');
    serving.slot = { ...serving.slot, position: 7, eventsApplied: 7 };
    slots.committed(serving);
    expect(slots.get('counter')).toMatchObject({ id: serving.slot.id, position: 7 });

    building.slot = { ...building.slot, position: 4 };
    slots.committed(building);
    expect(slots.get('counter')).toMatchObject({ id: serving.slot.id, position: 7 });
  });
});
