import { createHash } from 'node:crypto';
import type { AppendResult, EventEnvelope, EventMetadata, NewEvent } from './envelope';
import { IdempotencyConflict, InvalidAppend } from './errors';
import type { ExpectedRevision } from './event-store.port';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event as the engines store it: JSON text exactly as hashed, never re-serialized. */
export interface SerializedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

const STREAM_ID = /^[^\s$][^\s]{0,255}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const EVENT_ID = /^[^\s]{1,128}$/;

export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidAppend(`Invalid stream id ${JSON.stringify(streamId)}`);
  }
  if (!(expected === 'any' || expected === 'no_stream' || expected === 'exists' || (Number.isSafeInteger(expected) && expected >= 0))) {
    throw new InvalidAppend(`Invalid expected revision ${JSON.stringify(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend('An append needs at least one event');
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || !EVENT_ID.test(event.id)) {
      throw new InvalidAppend(`Invalid event id ${JSON.stringify(event.id)}`);
    }
    if (ids.has(event.id)) throw new InvalidAppend(`Event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidAppend(`Invalid event type ${JSON.stringify(event.type)}`);
    }
    if (event.schemaVersion !== undefined && !(Number.isSafeInteger(event.schemaVersion) && event.schemaVersion >= 1)) {
      throw new InvalidAppend(`Invalid schema version for ${event.type}`);
    }
    if (event.data === undefined || event.metadata === null || typeof event.metadata !== 'object') {
      throw new InvalidAppend(`Event ${event.id} needs data and metadata`);
    }
  }
}

/** JSON.stringify never emits a raw line break, so the hash input below is unambiguous. */
export function serializeEvent(event: NewEvent, recordedAt: string): SerializedEvent {
  const metadata: EventMetadata = { ...event.metadata, recordedAt };
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(metadata),
  };
}

/**
 * The hash chain link. Engines that hash server-side (postgres) build the same string, so
 * `verify` can recompute every engine's chain in one way. Position is left out on purpose:
 * not every engine knows it before commit.
 */
export function hashInput(prevHash: string, streamId: string, revision: number, event: SerializedEvent): string {
  return [prevHash, streamId, String(revision), event.id, event.type, String(event.schemaVersion), event.dataJson, event.metadataJson].join('\n');
}

export function hashEvent(prevHash: string, streamId: string, revision: number, event: SerializedEvent): string {
  return createHash('sha256')
    .update(hashInput(prevHash, streamId, revision, event), 'utf8')
    .digest('hex');
}

/** The row shape every SQL engine reads back. */
export type StoredRow = [
  position: number | string,
  streamId: string,
  revision: number | string,
  id: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
  hash: string,
];

export function decodeRow(row: StoredRow): EventEnvelope {
  return {
    id: row[3],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[1],
    revision: Number(row[2]),
    position: Number(row[0]),
    data: JSON.parse(row[6]) as unknown,
    metadata: JSON.parse(row[7]) as EventMetadata,
    hash: row[8],
  };
}

export interface StoredIdentity {
  id: string;
  type: string;
  streamId: string;
  revision: number;
  position: number;
}

/**
 * An idempotent retry: every id of the append must be stored, in this stream, in the same
 * order and as one run of revisions. Then the original result is rebuilt from what is stored.
 */
export function originalResult(streamId: string, events: readonly NewEvent[], stored: readonly StoredIdentity[]): AppendResult {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const found = events.map((e) => byId.get(e.id));
  found.forEach((s, i) => {
    const previous = found[i - 1];
    if (!s || s.streamId !== streamId || s.type !== events[i].type || (previous && s.revision !== previous.revision + 1)) {
      throw new IdempotencyConflict(streamId, events[i].id);
    }
  });
  const appended = found as StoredIdentity[];
  const last = appended[appended.length - 1];
  return {
    streamId,
    revision: last.revision,
    position: last.position,
    events: appended.map(({ id, type, revision, position }) => ({ id, type, revision, position })),
  };
}

export function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'exists') return actual >= 0;
  return expected === actual;
}
