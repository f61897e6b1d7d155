import { createHash } from 'node:crypto';
import type { DigestToken } from './digest-token';

/** What the audit keeps per stream: its last revision and that event's hash. */
export interface HeadState {
  revision: number;
  hash: string;
}

export interface StreamHead extends HeadState {
  streamId: string;
}

/**
 * The text a digest hashes (UTF-8), one line each, every line ending in `\n`:
 *
 *   pm-audit-digest v1
 *   <position>
 *   <streams>
 *   <streamId>:<revision>:<hash>      one per stream head, sorted by streamId
 *
 * Sorting is by UTF-16 code unit (JavaScript's default string order). Stream ids hold no
 * whitespace, so lines cannot run together; revision and hash hold no `:`, so a line reads
 * unambiguously from the right even when the stream id contains `:`.
 */
export function digestOfHeads(position: number, heads: ReadonlyMap<string, HeadState>): DigestToken {
  const sha = createHash('sha256').update(`pm-audit-digest v1\n${position}\n${heads.size}\n`, 'utf8');
  for (const streamId of [...heads.keys()].sort()) {
    const head = heads.get(streamId) as HeadState;
    sha.update(`${streamId}:${head.revision}:${head.hash}\n`, 'utf8');
  }
  return { position, streams: heads.size, sha256: sha.digest('hex') };
}

export function headsToList(heads: ReadonlyMap<string, HeadState>): StreamHead[] {
  return [...heads.keys()].sort().map((streamId) => ({ streamId, ...(heads.get(streamId) as HeadState) }));
}

export function headsFromList(list: readonly StreamHead[]): Map<string, HeadState> {
  return new Map(list.map((head) => [head.streamId, { revision: head.revision, hash: head.hash }]));
}
