import { MaxAppendSizeExceededError, StreamNotFoundError, UnknownError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreError, InvalidAppend, StoreUnavailable } from '../errors';

/** gRPC status codes UNKNOWN and INVALID_ARGUMENT. */
const REFUSED_READ = new Set([2, 3]);

export function isWrongExpectedVersion(error: unknown): boolean {
  return error instanceof WrongExpectedVersionError;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/**
 * How a server refuses to read $all from a position that is not the first byte of a log record:
 * INVALID_ARGUMENT in current versions, UNKNOWN in earlier ones (older ones may garble the read).
 */
export function isInvalidPosition(error: unknown): boolean {
  return error instanceof UnknownError && error.code !== undefined && REFUSED_READ.has(error.code);
}

/** Our own errors pass unchanged; anything else from the server means the store is unavailable. */
export function storeError(error: unknown, doing: string): EventStoreError {
  if (error instanceof EventStoreError) return error;
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend(`The append is larger than the server's maximum append size (${error.maxAppendSize} bytes)`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable(`EventStoreDB failed ${doing}: ${message}`, error);
}

export async function orUnavailable<T>(doing: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw storeError(error, doing);
  }
}

export async function* guarded<T>(doing: string, source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw storeError(error, doing);
  }
}
