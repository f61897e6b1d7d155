import type { EventStore } from '../event-store.port';
import { StreamNotFound } from '../errors';
import type { EventEnvelope } from '../envelope';
import type { AuditFinding, AuditReason } from './audit-finding';
import { ChainVerifier } from './chain-verifier';
import { eventLeafText, sortedHeadLeaves } from './checkpoint';
import { CheckpointCheck, type CheckpointClaim, type Divergence } from './checkpoint-check';
import { DigestCheck } from './digest-check';
import { formatDigestToken } from './digest-token';
import { digestOfHeads, type HeadState } from './heads-digest';
import { eventsUpTo } from './events-up-to';
import { leafHash, merkleRoot, MerkleBuilder } from './merkle';
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
  /**
   * A signed checkpoint the caller trusts (its signature checked), with the heads it signs when
   * known (to name the stream that diverged). Throws InvalidCheckpoint for heads that are not those.
   */
  checkpoint?: CheckpointClaim & { heads?: ReadonlyMap<string, HeadState> };
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
  /** The first finding: the lowest-position event that does not match, or the stream a digest or checkpoint names. */
  firstBadPosition?: number;
  firstBadStreamId?: string;
  /** Against a checkpoint: the revision where the stream parts from the signed head, the signed hash and the stored one. */
  firstBadRevision?: number;
  expectedHash?: string;
  foundHash?: string;
  reason?: AuditReason;
  detail?: string;
  /** With a digest only: true when everything it covered is still there, unchanged. */
  digestCovered?: boolean;
  /** With a checkpoint only: true when the store up to its position is exactly what it signs. */
  checkpointCovered?: boolean;
  /** When every chain verified: the digest of the heads at `position`, to keep for a later check. */
  digest?: string;
}

/** What a new checkpoint signs about the store at `position`, from a pass that found nothing wrong. */
export interface StoreState {
  position: number;
  events: number;
  streams: number;
  digest: string;
  headsRoot: string;
  eventsRoot: string;
  /** The heads tree's leaves, `<streamId>:<revision>:<hash>` sorted by stream id. */
  headLeaves: string[];
}

/**
 * Reads the store once, in global order up to its current head, recomputing every stream's chain;
 * with a digest or a checkpoint, compares the recomputed heads (and, for a checkpoint, the events
 * tree) when the read passes its position. Stops at the first finding. Throws InvalidDigest for a
 * malformed digest before reading anything.
 */
export async function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<AuditReport> {
  return (await auditStore(store, options)).report;
}

/** `verifyStore` with a digest kept earlier: also proves nothing it covered is gone. */
export function verifyAgainstDigest(store: EventStore, digest: string | StoreDigest, options: Omit<VerifyOptions, 'digest'> = {}): Promise<AuditReport> {
  return verifyStore(store, { ...options, digest });
}

/** `verifyStore`, and with `state`, what a new checkpoint would sign when nothing was found. */
export async function auditStore(store: EventStore, options: VerifyOptions & { state?: boolean } = {}): Promise<{ report: AuditReport; state?: StoreState }> {
  let digestCheck = options.digest === undefined ? undefined : DigestCheck.from(options.digest);
  let checkpointCheck = options.checkpoint && new CheckpointCheck(options.checkpoint, options.checkpoint.heads);
  const signedPosition = checkpointCheck?.position;
  const every = options.progressEvery ?? 1000;
  const toPosition = await store.headPosition();
  const verifier = new ChainVerifier();
  const tree = checkpointCheck || options.state ? new MerkleBuilder() : undefined;
  // Stay false when a chain breaks before the position: nothing is proven then.
  let digestCovered = digestCheck ? false : undefined;
  let checkpointCovered = checkpointCheck ? false : undefined;
  let finding: AuditFinding | undefined;
  let divergence: Divergence | undefined;

  /** Evaluates the checks whose position the read has passed (all of them at the end); true when one fails. */
  const settle = (nextPosition?: number): boolean => {
    const due = (position: number) => nextPosition === undefined || nextPosition > position;
    const digestFirst = !checkpointCheck || (digestCheck !== undefined && digestCheck.position <= checkpointCheck.position);
    for (const which of digestFirst ? (['digest', 'checkpoint'] as const) : (['checkpoint', 'digest'] as const)) {
      if (which === 'digest' && digestCheck && due(digestCheck.position)) {
        finding = digestCheck.evaluate(verifier.heads);
        digestCovered = !finding;
        digestCheck = undefined;
      } else if (which === 'checkpoint' && checkpointCheck && tree && due(checkpointCheck.position)) {
        ({ finding, divergence } = checkpointCheck.evaluate(verifier.heads, tree.size, tree.root()));
        checkpointCovered = !finding && !divergence;
        checkpointCheck = undefined;
      }
      if (finding || divergence) return true;
    }
    return false;
  };

  let fromPosition: number | undefined;
  for await (const event of eventsUpTo(store, toPosition)) {
    fromPosition ??= event.position;
    if (settle(event.position)) break;
    finding = verifier.check(event);
    if (finding) break;
    tree?.push(leafHash(eventLeafText(event)));
    if (options.onProgress && verifier.checkedEvents % every === 0) {
      options.onProgress({ checkedEvents: verifier.checkedEvents, position: event.position, fromPosition, toPosition });
    }
  }
  if (!finding && !divergence) settle();
  if (divergence) finding = await divergenceFinding(store, divergence, signedPosition as number);

  const report = reportOf(verifier, finding, digestCovered, checkpointCovered);
  if (finding || !options.state || !tree) return { report };
  const headLeaves = sortedHeadLeaves(verifier.heads);
  const state: StoreState = {
    position: verifier.position,
    events: tree.size,
    streams: verifier.heads.size,
    digest: report.digest as string,
    headsRoot: merkleRoot(headLeaves),
    eventsRoot: tree.root(),
    headLeaves,
  };
  return { report, state };
}

/** Names where the stream parts from the signed head: the revision, the signed hash and the stored one. */
async function divergenceFinding(store: EventStore, d: Divergence, position: number): Promise<AuditFinding> {
  const signedBy = `the checkpoint signed at position ${position}`;
  const { streamId } = d;
  if (d.reason === 'stream-missing' || !d.found) {
    const signed = d.signed as HeadState;
    return {
      streamId,
      reason: 'stream-missing',
      revision: signed.revision,
      expectedHash: signed.hash,
      detail: `stream ${streamId} had revisions 0..${signed.revision} by ${signedBy}; none is left at or before that position`,
    };
  }
  const found = d.found;
  if (d.reason === 'stream-unexpected' || !d.signed) {
    const first = await storedAt(store, streamId, 0);
    return {
      streamId,
      reason: 'stream-unexpected',
      revision: 0,
      foundHash: first?.hash,
      position: first?.position,
      detail: `stream ${streamId} has revisions 0..${found.revision} at or before position ${position}, which ${signedBy} does not have`,
    };
  }
  const signed = d.signed;
  if (d.reason === 'stream-truncated') {
    return {
      streamId,
      reason: 'stream-truncated',
      revision: signed.revision,
      expectedHash: signed.hash,
      detail: `stream ${streamId} was at revision ${signed.revision} by ${signedBy}; only up to revision ${found.revision} is left`,
    };
  }
  const [atSigned, next] = await storedRun(store, streamId, signed.revision, 2);
  if (atSigned && atSigned.hash === signed.hash && next) {
    return {
      streamId,
      reason: 'stream-changed',
      revision: next.revision,
      foundHash: next.hash,
      position: next.position,
      detail: `stream ${streamId} has revisions ${signed.revision + 1}..${found.revision} at or before position ${position}, after revision ${signed.revision} that ${signedBy} ends it with: events were inserted behind the checkpoint`,
    };
  }
  return {
    streamId,
    reason: 'stream-changed',
    revision: signed.revision,
    expectedHash: signed.hash,
    foundHash: atSigned?.hash,
    position: atSigned?.position,
    detail:
      `stream ${streamId} at revision ${signed.revision} hashes to ${atSigned?.hash ?? 'nothing'}, not to ${signed.hash} as ${signedBy}: ` +
      `one of its revisions 0..${signed.revision} was rewritten (its chain recomputed to hide it)`,
  };
}

async function storedRun(store: EventStore, streamId: string, fromRevision: number, maxCount: number): Promise<EventEnvelope[]> {
  try {
    return (await store.readStream(streamId, { fromRevision, maxCount })).events;
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

async function storedAt(store: EventStore, streamId: string, revision: number): Promise<EventEnvelope | undefined> {
  return (await storedRun(store, streamId, revision, 1))[0];
}

function reportOf(
  verifier: ChainVerifier,
  finding: AuditFinding | undefined,
  digestCovered: boolean | undefined,
  checkpointCovered: boolean | undefined,
): AuditReport {
  const result: AuditReport = { ok: !finding, checkedEvents: verifier.checkedEvents, streams: verifier.heads.size, position: verifier.position };
  if (finding) {
    if (finding.position !== undefined) result.firstBadPosition = finding.position;
    if (finding.streamId !== undefined) result.firstBadStreamId = finding.streamId;
    if (finding.revision !== undefined) result.firstBadRevision = finding.revision;
    if (finding.expectedHash !== undefined) result.expectedHash = finding.expectedHash;
    if (finding.foundHash !== undefined) result.foundHash = finding.foundHash;
    result.reason = finding.reason;
    result.detail = finding.detail;
  }
  if (digestCovered !== undefined) result.digestCovered = digestCovered;
  if (checkpointCovered !== undefined) result.checkpointCovered = checkpointCovered;
  if (!finding) result.digest = formatDigestToken(digestOfHeads(verifier.position, verifier.heads));
  return result;
}
