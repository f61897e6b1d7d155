import { jsonEvent, type EventData, type JSONType, type RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope, EventMetadata, NewEvent } from '../envelope';
import { InvalidAppend } from '../errors';
import type { SerializedEvent } from '../stored-event';
import { globalPosition } from './global-position';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The envelope fields beside `data`, stored as the event's EventStoreDB metadata. `$correlationId`
 * and `$causationId` are EventStoreDB's own names, for its tooling; they are never read back.
 */
type StoredMetadata = {
  schemaVersion: number;
  hash: string;
  metadata: EventMetadata;
  $correlationId: string;
  $causationId?: string;
};

/** EventStoreDB keys events by UUID and reads them back in lowercase, so only that form round-trips. */
export function requireUuids(events: readonly NewEvent[]): void {
  for (const event of events) {
    if (!UUID.test(event.id) || event.id === NIL_UUID) {
      throw new InvalidAppend(`Event id ${JSON.stringify(event.id)} must be a lowercase, non-nil UUID: EventStoreDB keys events by UUID`);
    }
  }
}

export function toEventData(event: SerializedEvent, hash: string): EventData {
  // Parsed back from the hashed JSON: the client serializes these values to exactly that text again.
  const metadata = JSON.parse(event.metadataJson) as EventMetadata;
  const stored: StoredMetadata = { schemaVersion: event.schemaVersion, hash, metadata, $correlationId: metadata.correlationId };
  if (metadata.causationId !== undefined) stored.$causationId = metadata.causationId;
  return jsonEvent({ id: event.id, type: event.type, data: JSON.parse(event.dataJson) as JSONType, metadata: stored });
}

export function toEnvelope(recorded: RecordedEvent, streamId: string): EventEnvelope {
  const stored = recorded.metadata as Partial<StoredMetadata> | undefined;
  if (
    !recorded.isJson ||
    typeof stored?.hash !== 'string' ||
    typeof stored.schemaVersion !== 'number' ||
    typeof stored.metadata !== 'object' ||
    stored.metadata === null
  ) {
    throw new Error(`Event ${recorded.id} in EventStoreDB stream ${recorded.streamId} was not written by this event store`);
  }
  return {
    id: recorded.id,
    type: recorded.type,
    schemaVersion: stored.schemaVersion,
    streamId,
    revision: Number(recorded.revision),
    position: globalPosition(recorded.position, recorded.id),
    data: recorded.data,
    metadata: stored.metadata,
    hash: stored.hash,
  };
}
