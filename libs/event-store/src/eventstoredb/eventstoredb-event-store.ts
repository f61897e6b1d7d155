import { BACKWARDS, END, EventStoreDBClient, NO_STREAM, type ReadStreamOptions as EsdbReadOptions } from '@eventstore/db-client';
import type { AppendResult, EventEnvelope, NewEvent } from '../envelope';
import { AppendManyUnsupported, IdempotencyConflict, StoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../errors';
import type { AppendOptions, EventStore, ReadAllOptions, ReadStreamOptions, StreamEvents, SubscribeOptions, Subscription } from '../event-store.port';
import { GENESIS_HASH, hashEvent, originalResult, revisionMatches, serializeEvent, validateAppend } from '../stored-event';
import { guarded, isStreamNotFound, isWrongExpectedVersion, orUnavailable, storeError } from './esdb-errors';
import { requireUuids, toEnvelope, toEventData } from './event-codec';
import { EventIdClaims, type Claim } from './event-id-claims';
import { checkedPosition } from './global-position';
import { GlobalReads } from './global-reads';
import { StreamNamespace } from './stream-namespace';

export interface EventStoreDbEventStoreOptions {
  /** For example `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Namespaces every stream, so several stores (or test runs) can share one server. */
  streamPrefix?: string;
  clock?: () => Date;
}

interface Head {
  revision: number;
  hash: string;
}

const MAX_ATTEMPTS = 20;
const CONFLICT = Symbol('conflict');

/** The EventStore port on EventStoreDB; the mapping is explained in docs/adr/003-eventstoredb-mapping.md. */
export class EventStoreDbEventStore implements EventStore {
  readonly engine = 'eventstoredb';
  /** `@eventstore/db-client` 6.2.1 appends to one stream per call; there is no multi-stream transaction. */
  readonly capabilities = { atomicAppendMany: false };
  private readonly claims: EventIdClaims;
  private readonly global: GlobalReads;
  private readonly clock: () => Date;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNamespace,
    options: EventStoreDbEventStoreOptions,
  ) {
    this.claims = new EventIdClaims(client, names);
    this.global = new GlobalReads(client, names);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Connects and checks that the server answers. */
  static async open(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const names = new StreamNamespace(options.streamPrefix);
    const client = EventStoreDBClient.connectionString(options.connectionString);
    const store = new EventStoreDbEventStore(client, names, options);
    try {
      await store.ping();
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return store;
  }

  appendMany(): Promise<AppendResult[]> {
    return Promise.reject(new AppendManyUnsupported(this.engine));
  }

  /**
   * Reads the stream's head, checks the caller's expectation against it, claims the event ids, and
   * appends at exactly the head's revision, re-reading the head when another writer got there first.
   */
  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expected);
    requireUuids(events);
    const ids = events.map((e) => e.id);
    let head = await this.head(streamId);
    let claims: Claim[] | undefined;
    let mayBeStored = false;
    for (let attempt = 1; ; attempt++) {
      if (!revisionMatches(expected, head.revision)) {
        const original = await this.storedAppend(streamId, events, claims ?? (await this.claims.lookup(ids)));
        if (original) return original;
        throw new WrongExpectedRevision(streamId, expected, head.revision);
      }
      if (!claims) {
        claims = await this.claims.claim(streamId, ids, head.revision);
        mayBeStored = claims.some((claim) => !claim.fresh);
      }
      if (mayBeStored) {
        const original = await this.storedAppend(streamId, events, claims);
        if (original) return original;
      }
      const result = await this.write(streamId, events, head);
      if (result !== CONFLICT) return result;
      if (attempt === MAX_ATTEMPTS) {
        throw new StoreUnavailable(`Gave up appending to ${streamId} after ${MAX_ATTEMPTS} attempts: other writers kept moving the stream`);
      }
      // The writer that won may have been a concurrent retry of this very append.
      mayBeStored = true;
      head = await this.head(streamId);
    }
  }

  /**
   * Appends after `head`, expecting exactly its revision so the hash chain holds. The append's
   * answer has one position for the whole batch, so the events are read back for theirs; that is
   * also right when the server recognised the append as a retry and stored nothing.
   */
  private async write(streamId: string, events: NewEvent[], head: Head): Promise<AppendResult | typeof CONFLICT> {
    const recordedAt = this.clock().toISOString();
    let prevHash = head.hash;
    const data = events.map((event, i) => {
      const serialized = serializeEvent(event, recordedAt);
      prevHash = hashEvent(prevHash, streamId, head.revision + 1 + i, serialized);
      return toEventData(serialized, prevHash);
    });
    try {
      const expectedRevision = head.revision < 0 ? NO_STREAM : BigInt(head.revision);
      const appended = await this.client.appendToStream(this.names.toEsdb(streamId), data, { expectedRevision });
      if (!appended.success) return CONFLICT;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return CONFLICT;
      throw storeError(error, `appending to ${streamId}`);
    }
    const stored = await this.collect(streamId, { fromRevision: BigInt(head.revision + 1), maxCount: events.length });
    return originalResult(streamId, events, stored);
  }

  /** The original result when these ids are stored as this append; IdempotencyConflict when they belong elsewhere. */
  private async storedAppend(streamId: string, events: NewEvent[], claims: readonly Claim[]): Promise<AppendResult | undefined> {
    if (claims.length === 0) return undefined;
    const foreign = claims.find((claim) => claim.streamId !== streamId);
    if (foreign) throw new IdempotencyConflict(streamId, foreign.eventId);
    const ids = new Set(claims.map((claim) => claim.eventId));
    const stored: EventEnvelope[] = [];
    const from = Math.min(...claims.map((claim) => claim.after)) + 1;
    for await (const event of this.events(streamId, { fromRevision: BigInt(from) })) {
      if (!ids.has(event.id)) continue;
      stored.push(event);
      if (stored.length === ids.size) break;
    }
    return stored.length > 0 ? originalResult(streamId, events, stored) : undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamEvents> {
    if (!this.names.holds(streamId)) throw new StreamNotFound(streamId);
    const head = await this.head(streamId);
    if (head.revision < 0) throw new StreamNotFound(streamId);
    const from = Math.max(options.fromRevision ?? 0, 0);
    const count = Math.min(head.revision - from + 1, options.maxCount ?? Number.POSITIVE_INFINITY);
    const events = from > head.revision || count <= 0 ? [] : await this.collect(streamId, { fromRevision: BigInt(from), maxCount: count });
    return { streamId, revision: head.revision, events };
  }

  private async head(streamId: string): Promise<Head> {
    for await (const last of this.events(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      return { revision: last.revision, hash: last.hash };
    }
    return { revision: -1, hash: GENESIS_HASH };
  }

  private async collect(streamId: string, options: EsdbReadOptions): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for await (const event of this.events(streamId, options)) events.push(event);
    return events;
  }

  /** A stream's events; none when it does not exist. */
  private async *events(streamId: string, options: EsdbReadOptions): AsyncGenerator<EventEnvelope> {
    const read = this.client.readStream(this.names.toEsdb(streamId), options);
    try {
      for await (const resolved of read) {
        if (resolved.event) yield toEnvelope(resolved.event, streamId);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw storeError(error, `reading ${streamId}`);
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<EventEnvelope> {
    return guarded('reading $all', this.global.readAll(checkedPosition(options.fromPosition), options.limit));
  }

  subscribeAll(options: SubscribeOptions = {}): Subscription {
    return guarded('following $all', this.global.subscribe(checkedPosition(options.fromPosition), options.signal));
  }

  headPosition(): Promise<number> {
    return orUnavailable('reading the head of $all', this.global.headPosition());
  }

  /** One cheap round trip: the last record of $all. */
  async ping(): Promise<void> {
    await orUnavailable('answering a ping', this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }).toArray());
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}
