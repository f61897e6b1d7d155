export type { AuditFinding, AuditReason } from './audit-finding';
export { ChainVerifier } from './chain-verifier';
export { DIGEST_TOKEN_PATTERN, InvalidDigest, formatDigestToken, isDigestToken, parseDigestToken, type DigestToken } from './digest-token';
export { digestOfHeads, type HeadState, type StreamHead } from './heads-digest';
export { digestAt, type StoreDigest } from './store-digest';
export { verifyAgainstDigest, verifyStore, type AuditProgress, type AuditReport, type VerifyOptions } from './verify-store';
