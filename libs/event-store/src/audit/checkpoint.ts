import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { DIGEST_TOKEN_PATTERN, parseDigestToken } from './digest-token';
import type { HeadState } from './heads-digest';
import { merkleRoot, type Hex } from './merkle';

/**
 * What a checkpoint states about the store at `position` (docs/adr/014-signed-checkpoints.md):
 *
 * - `events`: how many events are at or before `position`;
 * - `streams`: how many streams had events by then;
 * - `digest`: the digest token over the stream heads (`v1.<position>.<streams>.<sha256>`, as
 *   GET /v1/audit/digest gives), so a shipped checkpoint can be handed to `verify?digest=`;
 * - `headsRoot`: the Merkle root over the stream heads sorted by stream id, each leaf
 *   `<streamId>:<revision>:<hash>`; one stream's head is proven by a short path to it;
 * - `eventsRoot`: the Merkle root over every event in global order, each leaf
 *   `<position>:<streamId>:<revision>:<hash>`; one event is proven by a short path to it.
 */
export interface CheckpointStatement {
  position: number;
  events: number;
  streams: number;
  digest: string;
  headsRoot: Hex;
  eventsRoot: Hex;
  /** When it was signed (server time, ISO 8601 UTC). */
  createdAt: string;
  /** The signing key: the first 16 hex digits of SHA-256 over its public key (SPKI DER). */
  keyId: string;
}

/** A statement with its Ed25519 signature (base64) over `checkpointText(statement)`. */
export interface SignedCheckpoint extends CheckpointStatement {
  version: 1;
  signature: string;
}

/** Marks a checkpoint line among other JSON lines (for a log shipper reading stdout). */
export const CHECKPOINT_KIND = 'pm-audit-checkpoint';

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/**
 * The bytes a checkpoint signs (UTF-8), one `name:value` line each, every line ending in `\n`:
 *
 *   pm-audit-checkpoint v1
 *   position:<position>
 *   events:<events>
 *   streams:<streams>
 *   digest:<digest token>
 *   heads-root:<64 hex>
 *   events-root:<64 hex>
 *   created-at:<ISO 8601, milliseconds, Z>
 *   key-id:<16 hex>
 *
 * Numbers are decimal without leading zeros. No value may hold a line break (each is checked
 * against its pattern), so the text reads back one way only.
 */
export function checkpointText(statement: CheckpointStatement): string {
  const problem = statementProblem(statement);
  if (problem) throw new InvalidCheckpoint(problem);
  return [
    'pm-audit-checkpoint v1',
    `position:${statement.position}`,
    `events:${statement.events}`,
    `streams:${statement.streams}`,
    `digest:${statement.digest}`,
    `heads-root:${statement.headsRoot}`,
    `events-root:${statement.eventsRoot}`,
    `created-at:${statement.createdAt}`,
    `key-id:${statement.keyId}`,
    '',
  ].join('\n');
}

/** A checkpoint (or a line of the checkpoint log) that cannot be what the service signed. */
export class InvalidCheckpoint extends Error {
  readonly code = 'invalid-checkpoint';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCheckpoint';
  }
}

const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function statementProblem(s: CheckpointStatement): string | undefined {
  if (!count(s.position) || !count(s.events) || !count(s.streams)) return 'position, events and streams must be whole numbers >= 0';
  if (typeof s.digest !== 'string' || !DIGEST_TOKEN_PATTERN.test(s.digest)) return 'digest must be a digest token';
  const token = parseDigestToken(s.digest);
  if (token.position !== s.position || token.streams !== s.streams) return 'the digest token is not for this position and stream count';
  if (typeof s.headsRoot !== 'string' || !HEX64.test(s.headsRoot) || typeof s.eventsRoot !== 'string' || !HEX64.test(s.eventsRoot)) {
    return 'headsRoot and eventsRoot must be 64 lowercase hex digits';
  }
  if (typeof s.createdAt !== 'string' || !INSTANT.test(s.createdAt) || Number.isNaN(Date.parse(s.createdAt)))
    return 'createdAt must be an ISO 8601 UTC instant';
  if (typeof s.keyId !== 'string' || !KEY_ID.test(s.keyId)) return 'keyId must be 16 lowercase hex digits';
  return undefined;
}

/** The statement's fields, in the order of the text, and nothing else. */
export function statementOf(checkpoint: CheckpointStatement): CheckpointStatement {
  const { position, events, streams, digest, headsRoot, eventsRoot, createdAt, keyId } = checkpoint;
  return { position, events, streams, digest, headsRoot, eventsRoot, createdAt, keyId };
}

/** Reads a checkpoint from parsed JSON (a log line or a proof); throws InvalidCheckpoint when it is not one. */
export function toSignedCheckpoint(value: unknown): SignedCheckpoint {
  if (value === null || typeof value !== 'object') throw new InvalidCheckpoint('a checkpoint is a JSON object');
  const v = value as Record<string, unknown>;
  if (v.version !== 1) throw new InvalidCheckpoint('version must be 1');
  const statement = statementOf(v as unknown as CheckpointStatement);
  const problem = statementProblem(statement);
  if (problem) throw new InvalidCheckpoint(problem);
  if (typeof v.signature !== 'string' || !BASE64.test(v.signature)) throw new InvalidCheckpoint('signature must be 64 bytes of base64');
  return { version: 1, ...statement, signature: v.signature };
}

/** A public key from PEM (SPKI), base64 SPKI DER, or a KeyObject; it must be Ed25519. */
export function toPublicKey(key: KeyObject | string): KeyObject {
  let object: KeyObject;
  if (typeof key !== 'string') object = key.type === 'private' ? createPublicKey(key) : key;
  else if (key.includes('-----BEGIN')) object = createPublicKey(key);
  else object = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
  if (object.asymmetricKeyType !== 'ed25519') throw new InvalidCheckpoint(`the key is ${object.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  return object;
}

/** The key id a public key is named by: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const der = toPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * Whether the signature is the key's over the checkpoint's text. False (never a throw) for a
 * malformed statement or signature, or another key: a verifier treats all of those alike.
 */
export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject | string): boolean {
  try {
    const key = toPublicKey(publicKey);
    return verify(null, Buffer.from(checkpointText(checkpoint), 'utf8'), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** One head as a leaf of the heads tree, and as a line of the heads file: `<streamId>:<revision>:<hash>`. */
export const headLeafText = (streamId: string, head: HeadState): string => `${streamId}:${head.revision}:${head.hash}`;

/** One event as a leaf of the events tree: `<position>:<streamId>:<revision>:<hash>`. */
export const eventLeafText = (event: { position: number; streamId: string; revision: number; hash: string }): string =>
  `${event.position}:${event.streamId}:${event.revision}:${event.hash}`;

/** The stream heads in leaf order (stream id, UTF-16 code units, as the digest sorts them). */
export function sortedHeadLeaves(heads: ReadonlyMap<string, HeadState>): string[] {
  return [...heads.keys()].sort().map((streamId) => headLeafText(streamId, heads.get(streamId) as HeadState));
}

export function headsRootOf(heads: ReadonlyMap<string, HeadState>): Hex {
  return merkleRoot(sortedHeadLeaves(heads));
}

/** Reads `<streamId>:<revision>:<hash>` from the right (a stream id may hold `:`). */
export function parseHeadLeaf(text: string): { streamId: string; revision: number; hash: string } | undefined {
  const match = /^(\S+):(0|[1-9][0-9]{0,15}):([0-9a-f]{64})$/.exec(text);
  if (!match || !Number.isSafeInteger(Number(match[2]))) return undefined;
  return { streamId: match[1], revision: Number(match[2]), hash: match[3] };
}
