/** The first answer to a command sent with an Idempotency-Key. */
export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
  etag?: string;
}

/** Remembers answers by key, so a retry gets the first answer and a reused key with another body is refused. */
export interface IdempotencyStore {
  find(key: string): Promise<StoredResponse | undefined>;
  /** Keeps the first answer stored for a key; a later save of the same key is ignored. */
  save(key: string, response: StoredResponse): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
