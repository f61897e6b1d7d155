import type { KeyObject } from 'node:crypto';
import type { EventEnvelope } from '../envelope';
import type { EventStore } from '../event-store.port';
import { recomputeHash } from '../hash-chain';
import { GENESIS_HASH } from '../stored-event';
import {
  checkpointSignatureValid,
  eventLeafText,
  headLeafText,
  headsRootOf,
  keyIdOf,
  sortedHeadLeaves,
  toPublicKey,
  toSignedCheckpoint,
  type SignedCheckpoint,
} from './checkpoint';
import type { HeadState } from './heads-digest';
import { eventsUpTo } from './events-up-to';
import { inclusionProof, leafHash, MerkleBuilder, rootFromInclusionProof, type InclusionProof } from './merkle';

/**
 * Everything needed to check one person's history offline, with nothing but the public key:
 *
 * - `checkpoint`: a signed checkpoint;
 * - `stream`: the person's own stream as stored (personal fields still sealed), every revision
 *   from 0 to its head at the checkpoint, and the inclusion path of that head in the heads tree:
 *   the chain proves each event and its order, the path proves the head is the signed one, so
 *   nothing of the stream up to the checkpoint was changed, dropped or added;
 * - `related`: the person's events in other streams (review cycles), each as stored with the hash
 *   of the event before it in its stream, and its inclusion path in the events tree: each is
 *   proven present, unchanged, at its position, without showing anyone else's events.
 */
export interface EmployeeProof {
  format: 'pm-employee-proof v1';
  employeeId: string;
  checkpoint: SignedCheckpoint;
  stream: { streamId: string; events: EventEnvelope[]; head: InclusionProof };
  related: RelatedEventProof[];
}

export interface RelatedEventProof {
  event: EventEnvelope;
  /** The hash of the event before it in its stream (64 zeros for revision 0). */
  prevHash: string;
  inclusion: InclusionProof;
}

/** The store does not hold what the checkpoint signs: no faithful proof can be built from it. */
export class CheckpointDiverged extends Error {
  readonly code = 'checkpoint-diverged';
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointDiverged';
  }
}

/** The stream has no event at or before the checkpoint's position. */
export class StreamNotCovered extends Error {
  readonly code = 'stream-not-covered';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} has no event at or before the checkpoint`);
    this.name = 'StreamNotCovered';
  }
}

/**
 * Builds the proof parts of `streamId` and of the `related` events (by stream and revision) from
 * one read of the store up to the checkpoint position. Throws CheckpointDiverged when the events
 * read are not the ones the checkpoint signs, StreamNotCovered when the stream is not in it.
 */
export async function proveAtCheckpoint(
  store: EventStore,
  checkpoint: SignedCheckpoint,
  request: { streamId: string; related: ReadonlyArray<{ streamId: string; revision: number }> },
): Promise<Pick<EmployeeProof, 'stream' | 'related'>> {
  const wanted = new Set(request.related.filter((ref) => ref.streamId !== request.streamId).map((ref) => `${ref.revision}:${ref.streamId}`));
  const heads = new Map<string, HeadState>();
  const tree = new MerkleBuilder(checkpoint.events);
  const own: EventEnvelope[] = [];
  const related = new Map<number, { event: EventEnvelope; prevHash: string }>();
  for await (const event of eventsUpTo(store, checkpoint.position)) {
    const prove = wanted.has(`${event.revision}:${event.streamId}`);
    const index = tree.push(leafHash(eventLeafText(event)), { prove });
    if (prove) related.set(index, { event, prevHash: heads.get(event.streamId)?.hash ?? GENESIS_HASH });
    if (event.streamId === request.streamId) own.push(event);
    heads.set(event.streamId, { revision: event.revision, hash: event.hash });
  }
  if (tree.size !== checkpoint.events || tree.root() !== checkpoint.eventsRoot || headsRootOf(heads) !== checkpoint.headsRoot) {
    throw new CheckpointDiverged(
      `The store up to position ${checkpoint.position} is not what the checkpoint of ${checkpoint.createdAt} signs (${tree.size} events now, ${checkpoint.events} signed): run GET /v1/audit/verify`,
    );
  }
  const leaves = sortedHeadLeaves(heads);
  const headIndex = leaves.indexOf(headLeafText(request.streamId, heads.get(request.streamId) ?? { revision: -1, hash: '' }));
  if (own.length === 0 || headIndex < 0) throw new StreamNotCovered(request.streamId);
  const paths = tree.proofs();
  return {
    stream: { streamId: request.streamId, events: own, head: inclusionProof(leaves, headIndex) },
    related: [...related].map(([index, { event, prevHash }]) => ({ event, prevHash, inclusion: paths.get(index) as InclusionProof })),
  };
}

export type ProofFailureReason = 'malformed' | 'unknown-key' | 'bad-signature' | 'beyond-checkpoint' | 'chain-broken' | 'head-not-signed' | 'event-not-signed';

export interface ProofVerdict {
  ok: boolean;
  /** Events whose hash was recomputed and found in the signed checkpoint. */
  checkedEvents: number;
  checkpoint?: { position: number; createdAt: string; keyId: string };
  failure?: { reason: ProofFailureReason; detail: string; streamId?: string; revision?: number; position?: number };
}

class ProofFailure extends Error {
  constructor(readonly failure: NonNullable<ProofVerdict['failure']>) {
    super(failure.detail);
  }
}

function fail(reason: ProofFailureReason, detail: string, at: { streamId?: string; revision?: number; position?: number } = {}): never {
  throw new ProofFailure({ reason, detail, ...at });
}

/**
 * Checks a proof with only the public key (PEM SPKI, base64 SPKI DER, or a KeyObject): the
 * checkpoint's signature, the own stream's chain from revision 0 up to a head the checkpoint signs,
 * and each related event's hash and its place in the signed events tree. Never throws: a proof
 * that is not one fails as `malformed`. It does not check that `stream.streamId` is the person's
 * own stream, nor that the related events are all of that person's: read them.
 */
export function verifyEmployeeProof(proof: EmployeeProof, publicKey: KeyObject | string): ProofVerdict {
  let checked = 0;
  let checkpoint: SignedCheckpoint | undefined;
  try {
    if (proof === null || typeof proof !== 'object' || proof.format !== 'pm-employee-proof v1') fail('malformed', 'not a pm-employee-proof v1');
    checkpoint = toSignedCheckpoint(proof.checkpoint);
    const key = toPublicKey(publicKey);
    if (checkpoint.keyId !== keyIdOf(key)) fail('unknown-key', `the checkpoint is signed by key ${checkpoint.keyId}, not by the key given (${keyIdOf(key)})`);
    if (!checkpointSignatureValid(checkpoint, key)) fail('bad-signature', 'the signature is not the key’s over the checkpoint');
    checked = checkStream(proof.stream, checkpoint);
    for (const part of proof.related ?? []) checked += checkRelated(part, checkpoint);
    return { ok: true, checkedEvents: checked, checkpoint: summary(checkpoint) };
  } catch (error) {
    const failure = error instanceof ProofFailure ? error.failure : { reason: 'malformed' as const, detail: (error as Error).message };
    return { ok: false, checkedEvents: checked, ...(checkpoint ? { checkpoint: summary(checkpoint) } : {}), failure };
  }
}

const summary = (c: SignedCheckpoint) => ({ position: c.position, createdAt: c.createdAt, keyId: c.keyId });

function checkStream(stream: EmployeeProof['stream'], checkpoint: SignedCheckpoint): number {
  if (!stream || typeof stream.streamId !== 'string' || !Array.isArray(stream.events) || stream.events.length === 0)
    fail('malformed', 'stream.events is empty');
  let prevHash = GENESIS_HASH;
  let lastPosition = 0;
  stream.events.forEach((event, i) => {
    const at = { streamId: stream.streamId, revision: event.revision, position: event.position };
    if (event.streamId !== stream.streamId) fail('chain-broken', `event ${i} belongs to stream ${event.streamId}`, at);
    if (event.revision !== i) fail('chain-broken', `revision ${event.revision} where ${i} was expected`, at);
    if (!(event.position > lastPosition)) fail('chain-broken', `position ${event.position} does not follow ${lastPosition}`, at);
    if (event.position > checkpoint.position) fail('beyond-checkpoint', `position ${event.position} is after the checkpoint's ${checkpoint.position}`, at);
    if (recomputeHash(prevHash, event) !== event.hash) fail('chain-broken', `revision ${i} does not hash to its hash with the previous one's`, at);
    prevHash = event.hash;
    lastPosition = event.position;
  });
  const head = stream.events.at(-1) as EventEnvelope;
  const root = rootFromInclusionProof(leafHash(headLeafText(stream.streamId, head)), stream.head);
  if (stream.head?.treeSize !== checkpoint.streams || root !== checkpoint.headsRoot) {
    fail('head-not-signed', `revision ${head.revision} (${head.hash}) is not the head the checkpoint signs for ${stream.streamId}`, {
      streamId: stream.streamId,
      revision: head.revision,
      position: head.position,
    });
  }
  return stream.events.length;
}

function checkRelated(part: RelatedEventProof, checkpoint: SignedCheckpoint): number {
  const { event, prevHash } = part;
  const at = { streamId: event.streamId, revision: event.revision, position: event.position };
  if (event.position > checkpoint.position) fail('beyond-checkpoint', `position ${event.position} is after the checkpoint's ${checkpoint.position}`, at);
  if (event.revision === 0 && prevHash !== GENESIS_HASH) fail('chain-broken', 'revision 0 follows no event', at);
  if (recomputeHash(prevHash, event) !== event.hash) fail('chain-broken', `the event does not hash to its hash with prevHash`, at);
  const root = rootFromInclusionProof(leafHash(eventLeafText(event)), part.inclusion);
  if (part.inclusion?.treeSize !== checkpoint.events || root !== checkpoint.eventsRoot) {
    fail('event-not-signed', `${event.streamId} revision ${event.revision} at position ${event.position} is not in the events the checkpoint signs`, at);
  }
  return 1;
}
