/** The first answer to a command sent with an Idempotency-Key. */
export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
  etag?: string;
}

/** What reserving a key found. */
export type Reservation =
  /** The key is this request's now: run it, then `complete` (or `release` when it fails). */
  | { state: 'reserved'; token: string }
  /** Another request holds the key and has not answered yet. */
  | { state: 'pending'; requestHash: string; reservedAt: number }
  /** The key was answered before; `response.requestHash` names the request it answered. */
  | { state: 'completed'; response: StoredResponse };

export interface IdempotencyStoreOptions {
  /** A reservation older than this was left by a request that died: the next request takes it over. Default 60 s. */
  pendingTtlMs?: number;
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
  /**
   * How often this process says it is alive (default 2 s). A pending reservation whose process has
   * not said so for three beats died with it (a crash): the next request takes it over at once
   * instead of waiting for `pendingTtlMs`.
   */
  heartbeatMs?: number;
}

export const DEFAULT_PENDING_TTL_MS = 60_000;
export const DEFAULT_HEARTBEAT_MS = 2_000;

/**
 * Idempotency keys, each reserved by one request before it runs, so two requests with one key
 * can never both run: the first reserves it (atomically, in the database, across every API
 * instance sharing it), the others find it pending or completed. Keys come scoped by the caller
 * (tenant and API key); request hashes are opaque strings compared for equality.
 */
export interface IdempotencyStore {
  /** Reserves `key` for the request `requestHash`, unless another request holds it or answered it. */
  reserve(key: string, requestHash: string): Promise<Reservation>;
  /** Keeps the answer of the request holding `token`; false when the reservation is no longer its own (it expired and was taken over). */
  complete(key: string, token: string, response: StoredResponse): Promise<boolean>;
  /** Gives the key back after the request failed, so a retry may run; only the holder of `token` can. */
  release(key: string, token: string): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
