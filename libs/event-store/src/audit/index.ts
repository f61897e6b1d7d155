export type { AuditFinding, AuditReason } from './audit-finding';
export { ChainVerifier } from './chain-verifier';
export { DIGEST_TOKEN_PATTERN, InvalidDigest, formatDigestToken, isDigestToken, parseDigestToken, type DigestToken } from './digest-token';
export { digestOfHeads, type HeadState, type StreamHead } from './heads-digest';
export { digestAt, type StoreDigest } from './store-digest';
export { auditStore, verifyAgainstDigest, verifyStore, type AuditProgress, type AuditReport, type StoreState, type VerifyOptions } from './verify-store';
export {
  CHECKPOINT_KIND,
  checkpointSignatureValid,
  checkpointText,
  eventLeafText,
  headLeafText,
  headsRootOf,
  InvalidCheckpoint,
  keyIdOf,
  parseHeadLeaf,
  sortedHeadLeaves,
  statementOf,
  toPublicKey,
  toSignedCheckpoint,
  type CheckpointStatement,
  type SignedCheckpoint,
} from './checkpoint';
export { CheckpointCheck, type CheckpointClaim, type Divergence } from './checkpoint-check';
export {
  checkpointLine,
  CheckpointHeadsFile,
  FileCheckpointLog,
  judgeLine,
  readCheckpointLog,
  StdoutCheckpointLog,
  type CheckpointLog,
  type LogEntry,
  type LogReading,
  type RawLine,
  type RejectedReason,
} from './checkpoint-log';
export { AuditSigningKey, loadOrCreateSigningKey, type SigningKeyFile } from './signing-key';
export {
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  MerkleBuilder,
  merkleRoot,
  nodeHash,
  rootFromInclusionProof,
  type Hex,
  type InclusionProof,
} from './merkle';
export {
  CheckpointDiverged,
  proveAtCheckpoint,
  StreamNotCovered,
  verifyEmployeeProof,
  type EmployeeProof,
  type ProofFailureReason,
  type ProofVerdict,
  type RelatedEventProof,
} from './employee-proof';
