import type { ExpectedRevision } from './event-store.port';

/** Base of every error the store raises on purpose; `code` is stable and safe to map to HTTP. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's revision when the append was tried; -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${String(expected)}`);
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'stream-not-found';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} does not exist`);
  }
}

/** Event ids that are already stored, but not as this exact append to this stream. */
export class IdempotencyConflict extends EventStoreError {
  readonly code = 'idempotency-conflict';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored, but not as the same append to ${streamId}`);
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'invalid-append';
}

/** The engine cannot append to several streams in one atomic write. */
export class AppendManyUnsupported extends EventStoreError {
  readonly code = 'append-many-unsupported';
  constructor(readonly engine: string) {
    super(`The ${engine} store cannot append to several streams atomically; append stream by stream`);
  }
}

/** The store cannot be reached or answered with an error that is not a business outcome. */
export class StoreUnavailable extends EventStoreError {
  readonly code = 'store-unavailable';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}
