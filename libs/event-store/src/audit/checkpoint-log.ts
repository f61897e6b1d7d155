import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CHECKPOINT_KIND, checkpointSignatureValid, InvalidCheckpoint, keyIdOf, parseHeadLeaf, toSignedCheckpoint, type SignedCheckpoint } from './checkpoint';
import type { HeadState } from './heads-digest';
import { merkleRoot } from './merkle';
import { syncDirectory } from './signing-key';

/** One line of the log as written: `{"kind":"pm-audit-checkpoint", ...the signed checkpoint}`. */
export function checkpointLine(checkpoint: SignedCheckpoint): string {
  return `${JSON.stringify({ kind: CHECKPOINT_KIND, ...checkpoint })}\n`;
}

/** A line of the log as read back: where it starts, and its text without the line break. */
export interface RawLine {
  /** Byte offset of the line in the file (its index in memory for `stdout`). */
  offset: number;
  text: string;
}

/** Where checkpoints are appended: an append-only file, or stdout for a log shipper. */
export interface CheckpointLog {
  /** `file:<path>` or `stdout`. */
  readonly target: string;
  append(checkpoint: SignedCheckpoint): Promise<void>;
  /** Every line, oldest first (for `stdout`: the lines this process wrote). */
  lines(): Promise<RawLine[]>;
}

/**
 * An NDJSON file opened with O_APPEND for each checkpoint (so a rotation by rename is followed),
 * written in one call and fsynced before the append returns; created 0600 in a directory created
 * 0700. The service never rewrites or truncates it.
 */
export class FileCheckpointLog implements CheckpointLog {
  constructor(readonly path: string) {}

  get target(): string {
    return `file:${this.path}`;
  }

  async append(checkpoint: SignedCheckpoint): Promise<void> {
    const directory = dirname(this.path);
    const isNew = !existsSync(this.path);
    if (isNew) await mkdir(directory, { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a', 0o600);
    try {
      await handle.write(checkpointLine(checkpoint));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (isNew) syncDirectory(directory);
  }

  async lines(): Promise<RawLine[]> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines: RawLine[] = [];
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      const stop = end < 0 ? bytes.length : end;
      const text = bytes.subarray(start, stop).toString('utf8');
      if (text.trim() !== '') lines.push({ offset: start, text });
      start = stop + 1;
    }
    return lines;
  }
}

/** Single JSON lines on stdout for a log shipper; this process's lines are kept (the latest 1000) to read back. */
export class StdoutCheckpointLog implements CheckpointLog {
  readonly target = 'stdout';
  private readonly written: RawLine[] = [];
  private count = 0;

  constructor(private readonly write: (line: string) => void = (line) => void process.stdout.write(line)) {}

  append(checkpoint: SignedCheckpoint): Promise<void> {
    const line = checkpointLine(checkpoint);
    this.write(line);
    this.written.push({ offset: this.count++, text: line.trimEnd() });
    if (this.written.length > 1000) this.written.shift();
    return Promise.resolve();
  }

  lines(): Promise<RawLine[]> {
    return Promise.resolve([...this.written]);
  }
}

/** Why a line of the log is not trusted. */
export type RejectedReason = 'malformed' | 'unknown-key' | 'bad-signature';

export interface LogEntry {
  offset: number;
  /** The checkpoint, when the line reads as one (also for a bad signature or another key). */
  checkpoint?: SignedCheckpoint;
  signatureValid: boolean;
  rejected?: RejectedReason;
  detail?: string;
}

/** The log read back and judged with the public key. */
export interface LogReading {
  /** Every line, oldest first. */
  entries: LogEntry[];
  /** The last line whose signature is this key's: the checkpoint a verify trusts. */
  trusted?: LogEntry & { checkpoint: SignedCheckpoint };
  /** Lines after the trusted one (or every line, without one) that were not trusted. */
  rejectedSinceTrusted: LogEntry[];
}

/** Judges one line: a signed checkpoint of this key, or why not. Lines of other kinds are malformed here. */
export function judgeLine(line: RawLine, publicKey: KeyObject, keyId = keyIdOf(publicKey)): LogEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.text);
  } catch {
    return { offset: line.offset, signatureValid: false, rejected: 'malformed', detail: 'not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || (parsed as { kind?: unknown }).kind !== CHECKPOINT_KIND) {
    return { offset: line.offset, signatureValid: false, rejected: 'malformed', detail: `not a ${CHECKPOINT_KIND} line` };
  }
  let checkpoint: SignedCheckpoint;
  try {
    checkpoint = toSignedCheckpoint(parsed);
  } catch (error) {
    if (!(error instanceof InvalidCheckpoint)) throw error;
    return { offset: line.offset, signatureValid: false, rejected: 'malformed', detail: error.message };
  }
  if (checkpoint.keyId !== keyId) {
    return { offset: line.offset, checkpoint, signatureValid: false, rejected: 'unknown-key', detail: `signed by key ${checkpoint.keyId}, not ${keyId}` };
  }
  if (!checkpointSignatureValid(checkpoint, publicKey)) {
    return { offset: line.offset, checkpoint, signatureValid: false, rejected: 'bad-signature', detail: 'the signature is not this key’s over the checkpoint' };
  }
  return { offset: line.offset, checkpoint, signatureValid: true };
}

export async function readCheckpointLog(log: CheckpointLog, publicKey: KeyObject): Promise<LogReading> {
  const keyId = keyIdOf(publicKey);
  const entries = (await log.lines()).map((line) => judgeLine(line, publicKey, keyId));
  let trustedAt = -1;
  for (let i = entries.length - 1; i >= 0 && trustedAt < 0; i--) if (entries[i].signatureValid) trustedAt = i;
  return {
    entries,
    trusted: trustedAt < 0 ? undefined : (entries[trustedAt] as LogReading['trusted']),
    rejectedSinceTrusted: entries.slice(trustedAt + 1),
  };
}

/**
 * The stream heads of the latest checkpoint, kept next to the data (not in the log, which stays
 * small enough to ship and read whole). They need no protection: a reader refuses heads that do not
 * hash to the signed `headsRoot`. They only let a verify name the stream that diverged.
 *
 *   pm-audit-heads v1 <position> <headsRoot>
 *   <streamId>:<revision>:<hash>       one per stream, sorted by stream id
 */
export class CheckpointHeadsFile {
  constructor(readonly path: string) {}

  /** Replaces the file atomically (a synced temporary file renamed over it), mode 0600. */
  async write(checkpoint: Pick<SignedCheckpoint, 'position' | 'headsRoot'>, leaves: readonly string[]): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.write(`pm-audit-heads v1 ${checkpoint.position} ${checkpoint.headsRoot}\n${leaves.map((leaf) => `${leaf}\n`).join('')}`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    syncDirectory(directory);
  }

  /** The heads of that checkpoint, or undefined when the file is missing, of another checkpoint, or does not hash to its root. */
  async read(checkpoint: Pick<SignedCheckpoint, 'position' | 'headsRoot' | 'streams'>): Promise<Map<string, HeadState> | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const [first, ...rest] = text.split('\n');
    if (first !== `pm-audit-heads v1 ${checkpoint.position} ${checkpoint.headsRoot}`) return undefined;
    const leaves = rest.filter((line) => line !== '');
    if (leaves.length !== checkpoint.streams || merkleRoot(leaves) !== checkpoint.headsRoot) return undefined;
    const heads = new Map<string, HeadState>();
    for (const leaf of leaves) {
      const head = parseHeadLeaf(leaf);
      if (!head) return undefined;
      heads.set(head.streamId, { revision: head.revision, hash: head.hash });
    }
    return heads;
  }
}
