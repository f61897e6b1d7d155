import type { EventEnvelope } from './envelope';
import { GENESIS_HASH, hashEvent } from './stored-event';

/**
 * Recomputes an envelope's hash from what a reader got back. JSON.stringify of parsed JSON
 * that was itself written by JSON.stringify gives the same text, so no raw bytes are needed.
 */
export function recomputeHash(prevHash: string, event: EventEnvelope): string {
  return hashEvent(prevHash, event.streamId, event.revision, {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  });
}

export interface ChainCheck {
  ok: boolean;
  checkedEvents: number;
  /** The first event whose hash, revision or link does not match. */
  firstBad?: EventEnvelope;
}

/** Checks one stream's events, read from revision 0, in order. */
export function verifyStreamChain(events: readonly EventEnvelope[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.revision !== i || recomputeHash(prevHash, event) !== event.hash) {
      return { ok: false, checkedEvents: i + 1, firstBad: event };
    }
    prevHash = event.hash;
  }
  return { ok: true, checkedEvents: events.length };
}
