/** Who caused an event: the authenticated caller or a system process. */
export interface Actor {
  id: string;
  role: string;
}

/**
 * Metadata stored with every event. `recordedAt` is stamped by the store when the
 * event is appended; everything else comes from the command that produced it.
 */
export interface EventMetadata {
  actor: Actor;
  /** Business time: when it happened, as the command says. */
  occurredAt: string;
  /** Server time: when the store recorded it. */
  recordedAt: string;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
  /** SHA-256 of the request that carried `idempotencyKey`: a reuse with another body is refused. */
  requestHash?: string;
  policyVersion?: string;
  tenantId: string;
}

/** An event as the caller hands it to `append`: no revision, position or hash yet. */
export interface NewEvent<Data = unknown> {
  id: string;
  type: string;
  schemaVersion?: number;
  data: Data;
  metadata: Omit<EventMetadata, 'recordedAt'>;
}

/** A stored event: immutable, ordered in its stream and globally, chained by hash. */
export interface EventEnvelope<Data = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  /** 0-based index in the stream. */
  revision: number;
  /** Global, strictly increasing in the order readers see events; >= 1, not dense (postgres leaves gaps). */
  position: number;
  data: Data;
  metadata: EventMetadata;
  /** SHA-256 over this envelope and the previous event's hash in the same stream. */
  hash: string;
}

export interface AppendedEvent {
  id: string;
  type: string;
  revision: number;
  position: number;
}

export interface AppendResult {
  streamId: string;
  /** The stream's revision after the append (the last event's revision). */
  revision: number;
  /** The global position of the last appended event. */
  position: number;
  events: AppendedEvent[];
}
