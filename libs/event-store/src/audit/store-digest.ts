import type { EventStore } from '../event-store.port';
import { formatDigestToken } from './digest-token';
import { digestOfHeads, headsToList, type HeadState, type StreamHead } from './heads-digest';
import { eventsUpTo } from './events-up-to';

export interface StoreDigest {
  position: number;
  streams: number;
  /** The token to keep: `v1.<position>.<streams>.<sha256hex>` (digest-token.ts). */
  digest: string;
  /**
   * The heads the token hashes, sorted by streamId; only when asked for. Kept next to the token,
   * they let a later check name the stream that changed; they need no protection of their own,
   * since a check refuses heads that do not hash to the token.
   */
  heads?: StreamHead[];
}

/** The digest of every stream head at the store's current head position, as stored (not verified). */
export async function digestAt(store: EventStore, options: { heads?: boolean } = {}): Promise<StoreDigest> {
  const position = await store.headPosition();
  const heads = new Map<string, HeadState>();
  for await (const event of eventsUpTo(store, position)) heads.set(event.streamId, { revision: event.revision, hash: event.hash });
  const token = digestOfHeads(position, heads);
  return { position, streams: token.streams, digest: formatDigestToken(token), ...(options.heads ? { heads: headsToList(heads) } : {}) };
}
