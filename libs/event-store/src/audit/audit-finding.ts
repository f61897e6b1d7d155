/** Why the audit failed. The first five come from the chains, the others from a digest. */
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
  | 'stream-unexpected';

export interface AuditFinding {
  reason: AuditReason;
  detail: string;
  /** The stored event that does not match; absent for digest findings (the event may be gone). */
  position?: number;
  streamId?: string;
}
