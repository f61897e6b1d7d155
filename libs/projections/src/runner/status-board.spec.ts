import { counter, slot } from '../../test/counting';
import { envelopes } from '../../test/envelopes';
import type { Slot } from '../store/read-model-store';
import { SlotTracker } from './slot-tracker';
import { StatusBoard } from './status-board';

const options = { maxAttempts: 3, cacheLimit: 100 };
const tracker = (name: string, overrides: Partial<Slot> = {}): SlotTracker =>
  new SlotTracker(counter(name, 2), slot({ name, version: 2, ...overrides }), options);
const event = (recordedAt: string) => envelopes([{ type: 'Counted', streamId: 'count-0', data: { n: 1 }, recordedAt }])[0];
const nothingServes = (): Slot | undefined => undefined;

describe('StatusBoard', () => {
  it('reports each tracked slot with the slot serving its projection, caught up while nothing is behind', () => {
    const building = tracker('a', { id: 7, position: 40, eventsApplied: 38 });
    const serving = slot({ id: 3, name: 'a', state: 'serving' });
    const report = new StatusBoard().report([building, tracker('b', { id: 8 })], (name) => (name === 'a' ? serving : undefined));
    expect(report).toEqual([
      { name: 'a', version: 2, slotId: 7, state: 'building', position: 40, eventsApplied: 38, servingSlotId: 3, lagSeconds: 0 },
      { name: 'b', version: 2, slotId: 8, state: 'building', position: 0, eventsApplied: 0, servingSlotId: undefined, lagSeconds: 0 },
    ]);
  });

  it('measures the lag from the recording of the oldest event not yet applied, until the head is reached', () => {
    const board = new StatusBoard();
    const trackers = [tracker('a'), tracker('b')];
    const now = Date.parse('2026-03-01T12:00:30.000Z');
    board.behind(['a'], event('2026-03-01T12:00:00.000Z'));
    expect(board.report(trackers, nothingServes, now).map((s) => s.lagSeconds)).toEqual([30, 0]);

    board.behind(['a', 'b'], event('2026-03-01T12:00:20.000Z'));
    expect(board.report(trackers, nothingServes, now).map((s) => s.lagSeconds)).toEqual([10, 10]);

    board.atHead(['a']);
    expect(board.report(trackers, nothingServes, now).map((s) => s.lagSeconds)).toEqual([0, 10]);
  });

  it('never reports a negative lag when the clock is behind the store', () => {
    const board = new StatusBoard();
    board.behind(['a'], event('2026-03-01T12:00:00.000Z'));
    expect(board.report([tracker('a')], nothingServes, Date.parse('2026-03-01T11:59:00.000Z'))[0].lagSeconds).toBe(0);
  });

  it('shows the last failure of a projection until a batch of it succeeds', () => {
    const board = new StatusBoard();
    const trackers = [tracker('a'), tracker('b')];
    board.failed(['a', 'b'], 'disk unavailable');
    board.failed(['a'], 'Slot 1 is at position 9, not 4');
    expect(board.report(trackers, nothingServes).map((s) => s.error)).toEqual(['Slot 1 is at position 9, not 4', 'disk unavailable']);

    board.succeeded(['b']);
    const [a, b] = board.report(trackers, nothingServes);
    expect(a.error).toBe('Slot 1 is at position 9, not 4');
    expect(b).not.toHaveProperty('error');
  });
});
