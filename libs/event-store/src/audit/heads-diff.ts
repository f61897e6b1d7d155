import type { AuditFinding } from './audit-finding';
import type { HeadState } from './heads-digest';

/**
 * The first stream (in streamId order) whose head at the digest position is not what the digest
 * recorded: gone, fewer events, or other content; or a stream the digest never saw.
 */
export function diffHeads(recorded: ReadonlyMap<string, HeadState>, now: ReadonlyMap<string, HeadState>, position: number): AuditFinding | undefined {
  for (const streamId of [...recorded.keys()].sort()) {
    const then = recorded.get(streamId) as HeadState;
    const current = now.get(streamId);
    if (!current)
      return { streamId, reason: 'stream-missing', detail: `stream ${streamId} had revisions 0..${then.revision} at position ${position}; none is left` };
    if (current.revision < then.revision) {
      return {
        streamId,
        reason: 'stream-truncated',
        detail: `stream ${streamId} was at revision ${then.revision} at position ${position}; only up to ${current.revision} is left`,
      };
    }
    if (current.revision !== then.revision || current.hash !== then.hash) {
      return {
        streamId,
        reason: 'stream-changed',
        detail: `stream ${streamId} at position ${position} is not the revision ${then.revision} the digest recorded`,
      };
    }
  }
  const extra = [...now.keys()].filter((streamId) => !recorded.has(streamId)).sort()[0];
  if (extra !== undefined)
    return {
      streamId: extra,
      reason: 'stream-unexpected',
      detail: `stream ${extra} has events at or before position ${position}, which the digest did not cover`,
    };
  return undefined;
}
