import type { EventStore } from '../event-store.port';
import type { AuditFinding, AuditReason } from './audit-finding';
import { ChainVerifier } from './chain-verifier';
import { DigestCheck } from './digest-check';
import { formatDigestToken } from './digest-token';
import { digestOfHeads } from './heads-digest';
import { eventsUpTo } from './events-up-to';
import type { StoreDigest } from './store-digest';

export interface AuditProgress {
  checkedEvents: number;
  /** Position of the last event checked. */
  position: number;
  /** Position of the first event read, and the head position the audit reads up to. */
  fromPosition: number;
  toPosition: number;
}

export interface VerifyOptions {
  /** A digest kept earlier: its token, or the `digestAt` answer with heads (to name a changed stream). */
  digest?: string | StoreDigest;
  onProgress?: (progress: AuditProgress) => void;
  /** Report progress every this many events; default 1000. */
  progressEvery?: number;
}

export interface AuditReport {
  ok: boolean;
  checkedEvents: number;
  streams: number;
  /** The last position checked. */
  position: number;
  /** The first finding: the lowest-position event that does not match, or the stream a digest names. */
  firstBadPosition?: number;
  firstBadStreamId?: string;
  reason?: AuditReason;
  detail?: string;
  /** With a digest only: true when everything it covered is still there, unchanged. */
  digestCovered?: boolean;
  /** When every chain verified: the digest of the heads at `position`, to keep for a later check. */
  digest?: string;
}

/**
 * Reads the store once, in global order up to its current head, recomputing every stream's chain;
 * with a digest, compares the recomputed heads when the read passes the digest's position. Stops
 * at the first finding. Throws InvalidDigest for a malformed digest before reading anything.
 */
export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<AuditReport> {
  const check = options.digest === undefined ? undefined : DigestCheck.from(options.digest);
  const every = options.progressEvery ?? 1000;
  const toPosition = await store.headPosition();
  const verifier = new ChainVerifier();
  let pending = check;
  // Stays false when a chain breaks before the digest position: nothing is proven then.
  let digestCovered = check ? false : undefined;
  let finding: AuditFinding | undefined;
  let fromPosition: number | undefined;
  for await (const event of eventsUpTo(store, toPosition)) {
    fromPosition ??= event.position;
    if (pending && event.position > pending.position) {
      finding = pending.evaluate(verifier.heads);
      digestCovered = !finding;
      pending = undefined;
      if (finding) break;
    }
    finding = verifier.check(event);
    if (finding) break;
    if (options.onProgress && verifier.checkedEvents % every === 0) {
      options.onProgress({ checkedEvents: verifier.checkedEvents, position: event.position, fromPosition, toPosition });
    }
  }
  if (!finding && pending) {
    finding = pending.evaluate(verifier.heads);
    digestCovered = !finding;
  }
  return report(verifier, finding, digestCovered);
}

/** `verifyStore` with a digest kept earlier: also proves nothing it covered is gone. */
export function verifyAgainstDigest(store: EventStore, digest: string | StoreDigest, options: Omit<VerifyOptions, 'digest'> = {}): Promise<AuditReport> {
  return verifyStore(store, { ...options, digest });
}

function report(verifier: ChainVerifier, finding: AuditFinding | undefined, digestCovered: boolean | undefined): AuditReport {
  const result: AuditReport = { ok: !finding, checkedEvents: verifier.checkedEvents, streams: verifier.heads.size, position: verifier.position };
  if (finding) {
    if (finding.position !== undefined) result.firstBadPosition = finding.position;
    if (finding.streamId !== undefined) result.firstBadStreamId = finding.streamId;
    result.reason = finding.reason;
    result.detail = finding.detail;
  }
  if (digestCovered !== undefined) result.digestCovered = digestCovered;
  if (!finding) result.digest = formatDigestToken(digestOfHeads(verifier.position, verifier.heads));
  return result;
}
