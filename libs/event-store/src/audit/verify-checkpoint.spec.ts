import { ChainedEvents } from '../../test/chained-events';
import { parseHeadLeaf } from './checkpoint';
import type { HeadState } from './heads-digest';
import { auditStore, verifyStore, type StoreState } from './verify-store';

/** Two employees, a review cycle rating both, a policy: as the API would append them, interleaved. */
function history(): ChainedEvents {
  const store = new ChainedEvents();
  store.append('policy-default', 'PolicyPublished', { version: 1 });
  for (const id of ['e1', 'e2']) store.append(`employee-${id}`, 'EmployeeHired', { employeeId: id });
  store.append('review-cycle-c1', 'ReviewCycleOpened', { cycleId: 'c1' });
  for (const id of ['e1', 'e2']) {
    store.append(`employee-${id}`, 'ManagerChanged', { employeeId: id, managerId: 'm-1' });
    store.append('review-cycle-c1', 'RatingProposed', { employeeId: id, rating: 'HV2' });
  }
  store.append('employee-e1', 'FeedbackRecorded', { employeeId: 'e1', sentiment: 'positive' });
  return store;
}

/** What a checkpoint over the store signs now, with its heads as the heads file keeps them. */
async function checkpointOf(events: ChainedEvents): Promise<StoreState & { heads: Map<string, HeadState> }> {
  const { state } = await auditStore(events.store, { state: true });
  if (!state) throw new Error('the store does not verify');
  const heads = new Map(state.headLeaves.map((leaf) => parseHeadLeaf(leaf)!).map(({ streamId, revision, hash }) => [streamId, { revision, hash }]));
  return { ...state, heads };
}

describe('verify against a signed checkpoint', () => {
  it('given an untouched store, and more appends after the checkpoint, everything it signs is still there', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    events.append('employee-e2', 'FeedbackRecorded', { employeeId: 'e2', sentiment: 'neutral' });
    const report = await verifyStore(events.store, { checkpoint });
    expect(report).toMatchObject({ ok: true, checkpointCovered: true, checkedEvents: events.events.length });
  });

  it('when a stream is rewritten with its chain recomputed, every chain verifies, but the checkpoint names the stream, its head revision and both hashes', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    const signedHead = structuredClone(events.events.filter((e) => e.streamId === 'employee-e1').at(-1)!);
    events.rewrite('employee-e1', 1, { employeeId: 'e1', managerId: 'm-9' });
    const rewrittenHead = events.events.filter((e) => e.streamId === 'employee-e1').at(-1)!;

    expect(await verifyStore(events.store)).toMatchObject({ ok: true });
    const report = await verifyStore(events.store, { checkpoint });
    expect(report).toMatchObject({
      ok: false,
      checkpointCovered: false,
      reason: 'stream-changed',
      firstBadStreamId: 'employee-e1',
      firstBadRevision: 2,
      firstBadPosition: signedHead.position,
      expectedHash: signedHead.hash,
      foundHash: rewrittenHead.hash,
    });
    expect(report.detail).toContain('one of its revisions 0..2 was rewritten');
    expect(report.digest).toBeUndefined();
  });

  it('then without the heads, the roots alone still catch it (checkpoint-mismatch), without naming the stream', async () => {
    const events = history();
    const { heads: _heads, ...rootsOnly } = await checkpointOf(events);
    events.rewrite('review-cycle-c1', 0, { cycleId: 'c0' });
    expect(await verifyStore(events.store, { checkpoint: rootsOnly })).toMatchObject({ ok: false, reason: 'checkpoint-mismatch', checkpointCovered: false });
  });

  it('when the last event of a stream is deleted, names the stream as truncated', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    events.events = events.events.filter((e) => !(e.streamId === 'employee-e1' && e.revision === 2));
    expect(await verifyStore(events.store, { checkpoint })).toMatchObject({
      ok: false,
      reason: 'stream-truncated',
      firstBadStreamId: 'employee-e1',
      firstBadRevision: 2,
    });
  });

  it('when a whole stream is deleted, or one is added behind the checkpoint, names it', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    const saved = events.events;
    events.events = saved.filter((e) => e.streamId !== 'policy-default');
    expect(await verifyStore(events.store, { checkpoint })).toMatchObject({
      ok: false,
      reason: 'stream-missing',
      firstBadStreamId: 'policy-default',
      firstBadRevision: 0,
    });

    events.events = [...saved];
    const inserted = events.append('employee-e3', 'EmployeeHired', { employeeId: 'e3' });
    inserted.position = 2;
    expect(await verifyStore(events.store, { checkpoint })).toMatchObject({
      ok: false,
      reason: 'stream-unexpected',
      firstBadStreamId: 'employee-e3',
      firstBadRevision: 0,
      firstBadPosition: 2,
      foundHash: inserted.hash,
    });
  });

  it('when events are moved to other positions, the heads are the signed ones but the events tree is not', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    const [a, b] = events.events.filter((e) => e.streamId === 'employee-e1' || e.streamId === 'employee-e2').slice(0, 2);
    [a.position, b.position] = [b.position, a.position];
    const report = await verifyStore(events.store, { checkpoint });
    expect(report).toMatchObject({ ok: false, reason: 'checkpoint-mismatch' });
    expect(report.detail).toContain('every stream head at position');
  });

  it('reports a broken chain first, when it comes before the checkpoint position', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    const target = events.events[3];
    target.data = { edited: true };
    expect(await verifyStore(events.store, { checkpoint })).toMatchObject({
      ok: false,
      reason: 'hash-mismatch',
      firstBadPosition: target.position,
      checkpointCovered: false,
    });
  });

  it('refuses heads that are not the ones the checkpoint signs', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    const heads = new Map(checkpoint.heads);
    heads.set('employee-e1', { revision: 9, hash: 'f'.repeat(64) });
    await expect(verifyStore(events.store, { checkpoint: { ...checkpoint, heads } })).rejects.toThrow('not the ones its headsRoot signs');
  });

  it('gives the state a new checkpoint would sign only when nothing was found', async () => {
    const events = history();
    const checkpoint = await checkpointOf(events);
    expect(checkpoint).toMatchObject({ events: events.events.length, streams: 4, position: events.events.at(-1)!.position });
    events.rewrite('employee-e2', 0, { employeeId: 'e2', name: 'other' });
    const next = await auditStore(events.store, { checkpoint, state: true });
    expect(next.state).toBeUndefined();
    expect(next.report).toMatchObject({ ok: false, firstBadStreamId: 'employee-e2' });
  });
});
