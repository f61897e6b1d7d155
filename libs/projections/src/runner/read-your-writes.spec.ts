import { counter, slot } from '../../test/counting';
import { CatchUpWaiters, readsSee } from './read-your-writes';
import { SlotTracker } from './slot-tracker';

const tracked = (id: number, position: number): SlotTracker => new SlotTracker(counter(), slot({ id, position }), { maxAttempts: 3, cacheLimit: 100 });

describe('readsSee', () => {
  it('is false while nothing serves, or the projection is not tracked', () => {
    expect(readsSee(tracked(1, 10), undefined, 5)).toBe(false);
    expect(readsSee(undefined, slot({ id: 1, state: 'serving' }), 5)).toBe(false);
  });

  it('waits for the followed slot to reach the position when it is the one serving', () => {
    const serving = slot({ id: 1, state: 'serving' });
    expect(readsSee(tracked(1, 4), serving, 5)).toBe(false);
    expect(readsSee(tracked(1, 5), serving, 5)).toBe(true);
    expect(readsSee(tracked(1, 9), serving, 5)).toBe(true);
  });

  it('does not wait when an older slot serves while a new one is built: it will not move', () => {
    expect(readsSee(tracked(2, 0), slot({ id: 1, state: 'serving', position: 3 }), 5)).toBe(true);
  });
});

describe('CatchUpWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async <T>(promise: Promise<T>): Promise<{ value?: T }> => {
    const state: { value?: T } = {};
    void promise.then((value) => (state.value = value));
    await jest.advanceTimersByTimeAsync(0);
    return state;
  };

  it('answers at once when the position is already reached', async () => {
    const waiters = new CatchUpWaiters();
    expect(await settled(waiters.until(() => true, 1000, new AbortController().signal))).toEqual({ value: true });
  });

  it('looks again at every wake and resolves true once the position is reached', async () => {
    const waiters = new CatchUpWaiters();
    let position = 0;
    const result = waiters.until(() => position >= 2, 1000, new AbortController().signal);
    const state = await settled(result);
    position = 1;
    waiters.wakeAll();
    await jest.advanceTimersByTimeAsync(0);
    expect(state).toEqual({});
    position = 2;
    waiters.wakeAll();
    await jest.advanceTimersByTimeAsync(0);
    expect(state).toEqual({ value: true });
  });

  it('gives up with false after the timeout, counted from the first call across wakes', async () => {
    const waiters = new CatchUpWaiters();
    const state = await settled(waiters.until(() => false, 1000, new AbortController().signal));
    await jest.advanceTimersByTimeAsync(600);
    waiters.wakeAll();
    await jest.advanceTimersByTimeAsync(399);
    expect(state).toEqual({});
    await jest.advanceTimersByTimeAsync(1);
    expect(state).toEqual({ value: false });
  });

  it('gives up with false when woken after the runner stopped, unless the position was reached', async () => {
    const waiters = new CatchUpWaiters();
    const stopping = new AbortController();
    let reached = false;
    const behind = await settled(waiters.until(() => false, 10_000, stopping.signal));
    const caughtUp = await settled(waiters.until(() => reached, 10_000, stopping.signal));
    stopping.abort();
    reached = true;
    waiters.wakeAll();
    await jest.advanceTimersByTimeAsync(0);
    expect(behind).toEqual({ value: false });
    expect(caughtUp).toEqual({ value: true });
  });
});
