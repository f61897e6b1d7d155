/**
 * Why the audit failed. The first five come from the chains; the next five from a digest or a
 * signed checkpoint (the stream reasons name the stream, `checkpoint-mismatch` when no heads tell
 * which); `checkpoint-rejected` when the newest line of the checkpoint log is not a valid one.
 */
export type AuditReason =
  | 'hash-mismatch'
  | 'revision-gap'
  | 'revision-duplicate'
  | 'revision-out-of-order'
  | 'position-not-increasing'
  | 'digest-mismatch'
  | 'stream-missing'
  | 'stream-truncated'
  | 'stream-changed'
  | 'stream-unexpected'
  | 'checkpoint-mismatch'
  | 'checkpoint-rejected';

export interface AuditFinding {
  reason: AuditReason;
  detail: string;
  /** The stored event that does not match; absent for digest findings (the event may be gone). */
  position?: number;
  streamId?: string;
  /** Against a checkpoint: the revision where the stream and the signed head part. */
  revision?: number;
  /** Against a checkpoint: the signed hash at that revision, and the stored one (absent when none). */
  expectedHash?: string;
  foundHash?: string;
}
