import { counter, recordingLogger, slot } from '../../test/counting';
import type { Projection } from '../projection';
import { CheckpointMoved } from '../store/read-model-store';
import { SlotTracker } from './slot-tracker';
import { StatusBoard } from './status-board';
import { groupsByPosition, sleep, supervise, type Supervision } from './supervision';

const options = { maxAttempts: 3, cacheLimit: 100 };
const tracker = (name: string, position = 0, id = 1): SlotTracker => new SlotTracker(counter(name), slot({ id, name, position }), options);

describe('groupsByPosition', () => {
  it('puts the trackers at the same checkpoint in one group, in the order they came', () => {
    const [a, b, c, d] = [tracker('a', 0), tracker('b', 7), tracker('c', 0), tracker('d', 3)];
    expect(groupsByPosition([a, b, c, d])).toEqual([[a, c], [b], [d]]);
    expect(groupsByPosition([])).toEqual([]);
  });
});

describe('sleep and supervise', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sleep resolves after the delay, or at once when the signal aborts', async () => {
    let slept = false;
    void sleep(100, new AbortController().signal).then(() => (slept = true));
    await jest.advanceTimersByTimeAsync(99);
    expect(slept).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(slept).toBe(true);

    const stopping = new AbortController();
    let woken = false;
    void sleep(60_000, stopping.signal).then(() => (woken = true));
    stopping.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(woken).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  /** A group whose `follow` throws the errors given, one per attempt, then returns; reloaded slots get ids 101, 102... */
  function harness(errors: Error[], overrides: Partial<Supervision> = {}) {
    const stopping = new AbortController();
    const status = new StatusBoard();
    const logger = recordingLogger();
    const attempts: SlotTracker[][] = [];
    let reopened = 0;
    const supervision: Supervision = {
      signal: stopping.signal,
      maxRetryDelayMs: 300,
      status,
      logger,
      follow: async (group) => {
        attempts.push([...group]);
        const error = errors.shift();
        if (error) throw error;
      },
      reopen: async (projection: Projection<unknown>) => tracker(projection.name, 0, 100 + ++reopened),
      ...overrides,
    };
    const group = [tracker('a'), tracker('b')];
    let done = false;
    void supervise(group, supervision).then(() => (done = true));
    return { stopping, status, logger, attempts, group, isDone: () => done };
  }

  it('returns when the group finishes, without a word', async () => {
    const run = harness([]);
    await jest.advanceTimersByTimeAsync(0);
    expect(run.isDone()).toBe(true);
    expect(run.attempts).toHaveLength(1);
    expect(run.logger.lines).toEqual([]);
  });

  it('retries after 100 ms, doubling up to the longest delay, on slots reloaded each time', async () => {
    const run = harness([new Error('disk unavailable'), new Error('disk unavailable'), new Error('disk unavailable'), new Error('disk unavailable')]);
    await jest.advanceTimersByTimeAsync(0);
    for (const delay of [100, 200, 300, 300]) {
      const before = run.attempts.length;
      await jest.advanceTimersByTimeAsync(delay - 1);
      expect(run.attempts).toHaveLength(before);
      await jest.advanceTimersByTimeAsync(1);
      expect(run.attempts).toHaveLength(before + 1);
    }
    expect(run.isDone()).toBe(true);
    expect(run.logger.lines).toEqual([100, 200, 300, 300].map((ms) => ['error', `projections a, b: disk unavailable; retrying in ${ms} ms`]));
    expect(run.attempts.map((group) => group.map((t) => t.slot.id))).toEqual([
      [1, 1],
      [101, 102],
      [103, 104],
      [105, 106],
      [107, 108],
    ]);
    expect(run.group.map((t) => t.slot.id)).toEqual([107, 108]);
  });

  it('records the failure for every projection of the group, and only warns when another runner moved a checkpoint', async () => {
    const run = harness([new CheckpointMoved(1, 4, 9)]);
    await jest.advanceTimersByTimeAsync(0);
    expect(run.status.report(run.group, () => undefined).map((s) => s.error)).toEqual(['Slot 1 is at position 9, not 4', 'Slot 1 is at position 9, not 4']);
    expect(run.logger.lines).toEqual([['warn', 'projections a, b: Slot 1 is at position 9, not 4; retrying in 100 ms']]);
    await jest.advanceTimersByTimeAsync(100);
    expect(run.isDone()).toBe(true);
  });

  it('retries on the slots it had when reloading them fails', async () => {
    const run = harness([new Error('disk unavailable')], {
      reopen: () => Promise.reject(new Error('store still down')),
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(run.isDone()).toBe(true);
    expect(run.logger.lines).toEqual([
      ['error', 'projections a, b: disk unavailable; retrying in 100 ms'],
      ['error', 'projections: reloading slots failed: store still down'],
    ]);
    expect(run.attempts.map((group) => group.map((t) => t.slot.id))).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('ends the pause at once when the runner stops, and makes no further attempt', async () => {
    const run = harness([new Error('disk unavailable')]);
    await jest.advanceTimersByTimeAsync(0);
    run.stopping.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(run.isDone()).toBe(true);
    expect(run.attempts).toHaveLength(1);
  });

  it('neither reports nor retries a failure that comes after the stop', async () => {
    let stop = (): void => undefined;
    const run = harness([], {
      follow: async () => {
        await Promise.resolve();
        stop();
        throw new Error('subscription closed');
      },
    });
    stop = () => run.stopping.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(run.isDone()).toBe(true);
    expect(run.logger.lines).toEqual([]);
    expect(run.status.report(run.group, () => undefined).every((s) => s.error === undefined)).toBe(true);
  });
});
