import type { AuditFinding } from './audit-finding';
import { headsRootOf, InvalidCheckpoint, type CheckpointStatement } from './checkpoint';
import type { HeadState } from './heads-digest';

/** What a verify needs of a signed checkpoint (its signature already checked by the caller). */
export type CheckpointClaim = Pick<CheckpointStatement, 'position' | 'events' | 'streams' | 'headsRoot' | 'eventsRoot'>;

/** A stream whose head at the checkpoint position is not the signed one; resolved against the store into a finding. */
export interface Divergence {
  streamId: string;
  reason: 'stream-missing' | 'stream-truncated' | 'stream-changed' | 'stream-unexpected';
  /** The signed head (absent for a stream the checkpoint did not have). */
  signed?: HeadState;
  /** The head recomputed from the store at the checkpoint position (absent for a stream gone). */
  found?: HeadState;
}

/**
 * A signed checkpoint, checked against the stream heads and the events tree recomputed up to its
 * position. With the heads of that checkpoint (the heads file), a mismatch names the stream.
 */
export class CheckpointCheck {
  constructor(
    readonly claim: CheckpointClaim,
    private readonly signedHeads?: ReadonlyMap<string, HeadState>,
  ) {
    if (signedHeads && (signedHeads.size !== claim.streams || headsRootOf(signedHeads) !== claim.headsRoot)) {
      throw new InvalidCheckpoint('The heads given with the checkpoint are not the ones its headsRoot signs');
    }
  }

  get position(): number {
    return this.claim.position;
  }

  /**
   * `heads`: every stream's head as of the checkpoint position, from verified chains; `events` and
   * `eventsRoot`: the count and the Merkle root of the events up to it. Undefined when they match.
   */
  evaluate(heads: ReadonlyMap<string, HeadState>, events: number, eventsRoot: string): { finding?: AuditFinding; divergence?: Divergence } {
    const headsRoot = headsRootOf(heads);
    if (headsRoot === this.claim.headsRoot && heads.size === this.claim.streams && events === this.claim.events && eventsRoot === this.claim.eventsRoot) {
      return {};
    }
    const divergence = this.signedHeads && firstDivergence(this.signedHeads, heads);
    if (divergence) return { divergence };
    const at = `position ${this.claim.position}`;
    const detail =
      headsRoot === this.claim.headsRoot
        ? `every stream head at ${at} is the signed one, but the events up to it are not (${events} now, ${this.claim.events} signed, or their positions changed)`
        : `the stream heads at ${at} are not the ones the checkpoint signs (${heads.size} streams now, ${this.claim.streams} signed); ` +
          'the heads file that would name the stream is missing or belongs to another checkpoint';
    return { finding: { reason: 'checkpoint-mismatch', detail } };
  }
}

/** The first stream, by stream id, whose head differs; then the first stream the checkpoint did not have. */
export function firstDivergence(signed: ReadonlyMap<string, HeadState>, now: ReadonlyMap<string, HeadState>): Divergence | undefined {
  for (const streamId of [...signed.keys()].sort()) {
    const then = signed.get(streamId) as HeadState;
    const found = now.get(streamId);
    if (!found) return { streamId, reason: 'stream-missing', signed: then };
    if (found.revision < then.revision) return { streamId, reason: 'stream-truncated', signed: then, found };
    if (found.revision !== then.revision || found.hash !== then.hash) return { streamId, reason: 'stream-changed', signed: then, found };
  }
  const extra = [...now.keys()].filter((streamId) => !signed.has(streamId)).sort()[0];
  return extra === undefined ? undefined : { streamId: extra, reason: 'stream-unexpected', found: now.get(extra) };
}
