/** The caller's expected revision (If-Match) is not the stream's: nothing was appended. */
export class StaleRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Expected revision ${expected} is stale: ${streamId} is at revision ${actual}`);
    this.name = 'StaleRevision';
  }
}

/** An idempotency key already carried a different request: its first answer is not this one's. */
export class IdempotencyKeyReused extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key ${idempotencyKey} was already used with a different request`);
    this.name = 'IdempotencyKeyReused';
  }
}

/** Concurrent writers kept changing the stream; the command was decided again this many times. */
export class StreamKeptChanging extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(`${streamId} kept changing: gave up after ${attempts} attempts`, options);
    this.name = 'StreamKeptChanging';
  }
}
