import type { Position } from '@eventstore/db-client';

/**
 * A global position is twice the event's log position. Every event an append writes commits
 * itself, so its commit and prepare positions are both its own log position: unique, growing in
 * commit order. Doubling keeps "one past an event" (an odd number) distinct from every event, so
 * `fromPosition: last.position + 1` resumes exactly. See docs/adr/003-eventstoredb-mapping.md.
 */
const MAX_LOG_POSITION = BigInt(Number.MAX_SAFE_INTEGER) >> 1n;

export function globalPosition(position: Position | undefined, eventId: string): number {
  if (!position || position.commit <= 0n || position.commit > MAX_LOG_POSITION) {
    throw new Error(
      `EventStoreDB gave event ${eventId} no usable log position (${String(position?.commit)}): ` +
        'the server must be 22.6 or newer and its log shorter than 2^52 bytes',
    );
  }
  return Number(position.commit) * 2;
}

export function logPosition(globalPosition: number): Position {
  const commit = BigInt(globalPosition / 2);
  return { commit, prepare: commit };
}

export function checkedPosition(fromPosition: number | undefined): number {
  const position = fromPosition ?? 0;
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`Invalid global position ${String(fromPosition)}`);
  return position;
}

/** The event position a `fromPosition` names: itself, or for an odd number the event just before it. */
export function anchorOf(fromPosition: number): number {
  return fromPosition - (fromPosition % 2);
}
