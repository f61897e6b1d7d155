import type { EventEnvelope } from '../envelope';
import { recomputeHash } from '../hash-chain';
import { GENESIS_HASH } from '../stored-event';
import type { AuditFinding } from './audit-finding';
import type { HeadState } from './heads-digest';

/**
 * Checks every stream's hash chain from events fed in global order, keeping only each stream's
 * head: the next event of a stream must have revision = head + 1 and hash = recompute(head hash).
 */
export class ChainVerifier {
  private readonly streamHeads = new Map<string, HeadState>();
  private lastPosition = 0;
  private checked = 0;

  get checkedEvents(): number {
    return this.checked;
  }

  /** The position of the last event checked; 0 before the first. */
  get position(): number {
    return this.lastPosition;
  }

  /** Every stream's head as of `position`. */
  get heads(): ReadonlyMap<string, HeadState> {
    return this.streamHeads;
  }

  /** Checks one event and advances; a finding means the event does not match (nothing advances). */
  check(event: EventEnvelope): AuditFinding | undefined {
    this.checked++;
    const at = { position: event.position, streamId: event.streamId };
    if (!(event.position > this.lastPosition)) {
      return { ...at, reason: 'position-not-increasing', detail: `position ${event.position} follows position ${this.lastPosition}` };
    }
    const head = this.streamHeads.get(event.streamId);
    const expected = head ? head.revision + 1 : 0;
    if (event.revision !== expected) return { ...at, ...revisionProblem(expected, event.revision) };
    if (recomputeHash(head?.hash ?? GENESIS_HASH, event) !== event.hash) {
      return {
        ...at,
        reason: 'hash-mismatch',
        detail: `revision ${event.revision} does not hash to its stored hash: its content or its link to revision ${expected - 1} changed`,
      };
    }
    this.lastPosition = event.position;
    this.streamHeads.set(event.streamId, { revision: event.revision, hash: event.hash });
    return undefined;
  }
}

function revisionProblem(expected: number, actual: number): Pick<AuditFinding, 'reason' | 'detail'> {
  if (actual > expected)
    return { reason: 'revision-gap', detail: `revision ${actual} where ${expected} was expected: revisions ${expected}..${actual - 1} are missing` };
  if (actual === expected - 1) return { reason: 'revision-duplicate', detail: `revision ${actual} appears again` };
  return { reason: 'revision-out-of-order', detail: `revision ${actual} after revision ${expected - 1}` };
}
