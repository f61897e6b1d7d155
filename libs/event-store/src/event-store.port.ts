import type { AppendResult, EventEnvelope, NewEvent } from './envelope';

/**
 * `any`: no check. `no_stream`: the stream must not exist. `exists`: it must exist.
 * A number: the stream's last revision must be exactly this (0-based).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'exists' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

/** One stream's part of an atomic multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision?: ExpectedRevision;
}

/** What an engine can do beyond the minimum every adapter guarantees. */
export interface EventStoreCapabilities {
  /** `appendMany` stores several streams' appends in one atomic write. */
  readonly atomicAppendMany: boolean;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive); default 0. */
  fromRevision?: number;
  /** Return at most this many events; default: to the end of the stream. */
  maxCount?: number;
}

export interface StreamEvents {
  streamId: string;
  /** The stream's last revision (not just of the events returned). */
  revision: number;
  events: EventEnvelope[];
}

export interface ReadAllOptions {
  /** First global position to return (inclusive); default 0, the beginning. */
  fromPosition?: number;
  /** Stop after this many events; default: everything visible now. */
  limit?: number;
}

export interface SubscribeOptions {
  /** First global position to deliver (inclusive); default 0. */
  fromPosition?: number;
  /** Ends the subscription: the iterator finishes after the event in hand. */
  signal?: AbortSignal;
}

/** Catch-up then live: every event from `fromPosition` on, exactly once, in global order. */
export type Subscription = AsyncIterable<EventEnvelope>;

export const EVENT_STORE = Symbol('EventStore');

/** The one port every storage engine implements; see libs/event-store/README.md. */
export interface EventStore {
  readonly engine: string;
  readonly capabilities: EventStoreCapabilities;
  /**
   * Appends atomically, all or nothing. Re-appending events whose ids are already stored as
   * this append returns the original result and stores nothing (idempotent retry).
   */
  append(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams at once, all or nothing (docs/adr/012-atomic-multi-stream-append.md):
   * every append's expected revision holds or nothing is stored (WrongExpectedRevision names the
   * stream that failed); the events take contiguous global positions in the order given; each
   * stream's hash chain continues. Re-sending a batch already stored returns its original results.
   * A stream appears at most once per call. Throws AppendManyUnsupported where
   * `capabilities.atomicAppendMany` is false.
   */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamEvents>;
  readAll(options?: ReadAllOptions): AsyncIterable<EventEnvelope>;
  subscribeAll(options?: SubscribeOptions): Subscription;
  /** The position of the last event a reader can see now; 0 when empty. */
  headPosition(): Promise<number>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
