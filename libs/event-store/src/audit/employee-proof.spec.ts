import { ChainedEvents } from '../../test/chained-events';
import { recomputeHash } from '../hash-chain';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointDiverged, proveAtCheckpoint, StreamNotCovered, verifyEmployeeProof, type EmployeeProof } from './employee-proof';
import { AuditSigningKey } from './signing-key';
import { auditStore } from './verify-store';

const key = AuditSigningKey.generate();

/** Three employees; e1 and e2 rated in one cycle stream, with e3's events between theirs. */
function history(): ChainedEvents {
  const store = new ChainedEvents();
  store.append('policy-default', 'PolicyPublished', { version: 1 });
  for (const id of ['e1', 'e2', 'e3']) store.append(`employee-${id}`, 'EmployeeHired', { employeeId: id, name: { $pii: `v1.sealed-${id}` } });
  store.append('review-cycle-c1', 'ReviewCycleOpened', { cycleId: 'c1' });
  for (const id of ['e1', 'e2', 'e3']) store.append('review-cycle-c1', 'RatingProposed', { employeeId: id, rating: 'HV2' });
  store.append('employee-e1', 'ManagerChanged', { employeeId: 'e1', managerId: 'm-1' });
  for (const id of ['e3', 'e1']) store.append('review-cycle-c1', 'RatingFinalized', { employeeId: id, rating: 'HV2' });
  store.append('employee-e1', 'RatingDelivered', { employeeId: 'e1', cycleId: 'c1' });
  return store;
}

async function sign(events: ChainedEvents): Promise<SignedCheckpoint> {
  const { state } = await auditStore(events.store, { state: true });
  if (!state) throw new Error('the store does not verify');
  const { headLeaves: _leaves, ...statement } = state;
  return key.signCheckpoint({ ...statement, createdAt: '2026-03-02T10:00:00.000Z' });
}

async function proofOf(events: ChainedEvents, checkpoint: SignedCheckpoint, employeeId = 'e1'): Promise<EmployeeProof> {
  const related = events.events
    .filter((e) => e.streamId === 'review-cycle-c1' && (e.data as { employeeId?: string }).employeeId === employeeId)
    .map((e) => ({ streamId: e.streamId, revision: e.revision }));
  const parts = await proveAtCheckpoint(events.store, checkpoint, { streamId: `employee-${employeeId}`, related });
  return { format: 'pm-employee-proof v1', employeeId, checkpoint, ...parts };
}

/** A deep copy to tamper with. */
const copy = (proof: EmployeeProof): EmployeeProof => JSON.parse(JSON.stringify(proof)) as EmployeeProof;

describe('a per-employee proof', () => {
  let events: ChainedEvents;
  let checkpoint: SignedCheckpoint;
  let proof: EmployeeProof;
  beforeAll(async () => {
    events = history();
    checkpoint = await sign(events);
    // Events after the checkpoint are not part of its proof.
    events.append('employee-e1', 'FeedbackRecorded', { employeeId: 'e1', sentiment: 'positive' });
    proof = copy(await proofOf(events, checkpoint));
  });

  it('given a signed checkpoint, holds the whole own stream up to it and only the person’s events of other streams', () => {
    expect(proof.stream.events.map((e) => e.type)).toEqual(['EmployeeHired', 'ManagerChanged', 'RatingDelivered']);
    expect(proof.stream.head).toMatchObject({ treeSize: 5 });
    expect(proof.related.map((r) => `${r.event.type}:${(r.event.data as { employeeId: string }).employeeId}`)).toEqual([
      'RatingProposed:e1',
      'RatingFinalized:e1',
    ]);
    expect(proof.related.every((r) => r.inclusion.treeSize === checkpoint.events)).toBe(true);
  });

  it('when checked with the public key alone (PEM), verifies every event', () => {
    expect(verifyEmployeeProof(proof, key.publicKeyPem)).toEqual({
      ok: true,
      checkedEvents: 5,
      checkpoint: { position: checkpoint.position, createdAt: checkpoint.createdAt, keyId: key.keyId },
    });
  });

  describe('then a proof tampered with fails', () => {
    const failure = (tampered: EmployeeProof, publicKey: string = key.publicKeyPem) => verifyEmployeeProof(tampered, publicKey).failure;

    it('an own event edited: the chain breaks at it', () => {
      const tampered = copy(proof);
      tampered.stream.events[1].data = { employeeId: 'e1', managerId: 'm-9' };
      expect(failure(tampered)).toMatchObject({ reason: 'chain-broken', streamId: 'employee-e1', revision: 1 });
    });

    it('an own event edited with the chain recomputed: the head is not the signed one', () => {
      const tampered = copy(proof);
      let prev = tampered.stream.events[0].hash;
      tampered.stream.events[1].data = { employeeId: 'e1', managerId: 'm-9' };
      for (const event of tampered.stream.events.slice(1)) prev = event.hash = recomputeHash(prev, event);
      expect(failure(tampered)).toMatchObject({ reason: 'head-not-signed', streamId: 'employee-e1', revision: 2 });
    });

    it('the last own event dropped: the head is not the signed one; the first dropped: the chain breaks', () => {
      const last = copy(proof);
      last.stream.events.pop();
      expect(failure(last)).toMatchObject({ reason: 'head-not-signed', revision: 1 });
      const first = copy(proof);
      first.stream.events.shift();
      expect(failure(first)).toMatchObject({ reason: 'chain-broken' });
    });

    it('an event after the checkpoint added: it is beyond what the checkpoint covers', () => {
      const tampered = copy(proof);
      const later = events.events.at(-1)!;
      tampered.stream.events.push(later);
      expect(failure(tampered)).toMatchObject({ reason: 'beyond-checkpoint', position: later.position });
    });

    it('a rating edited, with or without its hash recomputed: the chain breaks, or it is not in the signed events', () => {
      const edited = copy(proof);
      edited.related[0].event.data = { employeeId: 'e1', rating: 'TT' };
      expect(failure(edited)).toMatchObject({ reason: 'chain-broken', streamId: 'review-cycle-c1' });
      const rehashed = copy(edited);
      rehashed.related[0].event.hash = recomputeHash(rehashed.related[0].prevHash, rehashed.related[0].event);
      expect(failure(rehashed)).toMatchObject({ reason: 'event-not-signed', streamId: 'review-cycle-c1', revision: proof.related[0].event.revision });
    });

    it('a path changed, or the tree size of another checkpoint: not signed', () => {
      const path = copy(proof);
      path.stream.head.path[0] = '0'.repeat(64);
      expect(failure(path)).toMatchObject({ reason: 'head-not-signed' });
      const size = copy(proof);
      size.related[1].inclusion.treeSize += 1;
      expect(failure(size)).toMatchObject({ reason: 'event-not-signed' });
    });

    it('the checkpoint changed: bad signature; another key: unknown key; not a proof: malformed', () => {
      const changed = copy(proof);
      changed.checkpoint.events += 1;
      expect(failure(changed)).toMatchObject({ reason: 'bad-signature' });
      expect(failure(proof, AuditSigningKey.generate().publicKeyPem)).toMatchObject({ reason: 'unknown-key' });
      expect(failure({ ...copy(proof), format: 'other' } as unknown as EmployeeProof)).toMatchObject({ reason: 'malformed' });
      expect(failure({ ...copy(proof), stream: undefined } as unknown as EmployeeProof)).toMatchObject({ reason: 'malformed' });
      expect(verifyEmployeeProof(null as unknown as EmployeeProof, key.publicKeyPem)).toMatchObject({ ok: false, failure: { reason: 'malformed' } });
    });
  });

  it('refuses to build a proof from a store that no longer holds what the checkpoint signs', async () => {
    const rewritten = history();
    const signed = await sign(rewritten);
    rewritten.rewrite('review-cycle-c1', 1, { employeeId: 'e1', rating: 'TT' });
    await expect(proofOf(rewritten, signed)).rejects.toBeInstanceOf(CheckpointDiverged);
  });

  it('refuses a stream the checkpoint does not cover yet', async () => {
    const later = history();
    const signed = await sign(later);
    later.append('employee-e9', 'EmployeeHired', { employeeId: 'e9' });
    await expect(proofOf(later, signed, 'e9')).rejects.toBeInstanceOf(StreamNotCovered);
  });
});
