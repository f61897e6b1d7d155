import { randomUUID } from 'node:crypto';
import { employeeIdOfStream, type Decider, type DomainEvent } from '@pm/domain';
import { WrongExpectedRevision, type AppendResult, type EventStore, type NewEvent, type StreamAppend } from '@pm/event-store';
import { deterministicUuid } from './deterministic-id';
import { IdempotencyKeyReused, StaleRevision, StreamKeptChanging } from './errors';
import { FoldedStreams, keyedBy, subjectOf, type KeyedAppend } from './folded-streams';
import type { CommandIssuer } from './issuer';
import { backoff } from './retry';
import { digestAsIs, sealEvents, type RequestKeyer, type Sealer } from './seal';
import { stampEvents } from './stamp';

/** One command on one stream, as a host hands it over. */
export interface StreamCommand<C, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  /** Builds the domain command from the current state (to pick the policy in force, say). */
  command(state: S): C | Promise<C>;
  /** `policyId@version` the decision applied, recorded on every event. */
  policyOf?(command: C): string | undefined;
  /** Business time of what happened: a date or an instant, or read from the stream (a cycle's period) where the caller gave none. */
  occurredAt: string | ((state: S) => string);
  issuer: CommandIssuer;
  /**
   * Appends to other streams that must land in the same write as this stream's events (rating
   * delivery on finalization). Only used on engines with an atomic `appendMany`.
   */
  consequences?(events: NewEvent[]): Promise<StreamAppend[]>;
  /**
   * A process acting on a stored event (a lapsed deadline on the `PivotPlaced` that set it): that
   * event is the causation, and event ids derive from it and `process`, so two processes acting on
   * the same cause store one decision.
   */
  cause?: { eventId: string; process: string };
}

/** The answer to a command: where its stream is now and what it appended (nothing, when there was nothing to do). */
export interface CommandOutcome {
  streamId: string;
  /** The stream revision after the command; -1 when the stream still does not exist. */
  revision: number;
  /** Global position of the last event appended (or of the stream's last event). */
  position: number;
  events: { id: string; type: string }[];
}

export interface CommandHandlerOptions {
  store: EventStore;
  seal: Sealer;
  /** Keys the request digest before events record it; the digest as is by default. */
  keyRequest?: RequestKeyer;
  tenantId: string;
  /** Attempts before giving up on a stream other writers keep changing; default 16. */
  maxAttempts?: number;
  /** Called around every append with the number of events appended (metrics). */
  timeAppend?: () => (events: number) => void;
}

/**
 * Read, fold, decide, stamp, seal, append with the revision read. A concurrent change makes the
 * append fail and the command is decided again on fresh state (or refused as stale when the caller
 * named the revision it expects). With an idempotency key, event ids derive from the key and the
 * request, and an earlier append by the same request is answered again instead of appending twice.
 */
export class CommandHandler {
  readonly streams: FoldedStreams;
  private readonly maxAttempts: number;

  constructor(private readonly options: CommandHandlerOptions) {
    this.streams = new FoldedStreams(options.store);
    this.maxAttempts = options.maxAttempts ?? 16;
  }

  get store(): EventStore {
    return this.options.store;
  }

  async handle<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>): Promise<CommandOutcome> {
    const { issuer } = spec;
    for (let attempt = 1; ; attempt++) {
      const { revision, lastPosition, state, keyed } = await this.streams.load(spec.streamId, spec.decider);
      const earlier = issuer.idempotencyKey ? keyed.get(keyedBy(issuer.actor.id, issuer.idempotencyKey)) : undefined;
      if (earlier) return answerAgain(spec.streamId, earlier, await this.keyedIssuer(earlier.subjectId ?? employeeIdOfStream(spec.streamId), issuer));
      if (issuer.expectedRevision !== undefined && issuer.expectedRevision !== revision)
        throw new StaleRevision(spec.streamId, issuer.expectedRevision, revision);

      const events = await this.decided(spec, state);
      if (events.length === 0) return { streamId: spec.streamId, revision, position: lastPosition, events: [] };
      try {
        return await this.append(spec, events, revision);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (issuer.expectedRevision !== undefined && error.streamId === spec.streamId)
          throw new StaleRevision(spec.streamId, issuer.expectedRevision, error.actual);
        if (attempt >= this.maxAttempts) throw new StreamKeptChanging(error.streamId, attempt, { cause: error });
        await backoff(attempt);
      }
    }
  }

  /**
   * The append a command decides on the stream as it is now, for a caller that writes it together
   * with another stream's events (rating delivery with a finalization); nothing when it decides nothing.
   */
  async prepare<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>): Promise<StreamAppend | undefined> {
    const { revision, state } = await this.streams.load(spec.streamId, spec.decider);
    const events = await this.decided(spec, state);
    return events.length === 0 ? undefined : { streamId: spec.streamId, events, expectedRevision: revision < 0 ? 'no_stream' : revision };
  }

  /** Decides on `state` and turns the decision into events to append. */
  private async decided<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>, state: S): Promise<NewEvent[]> {
    const command = await spec.command(state);
    const decided = spec.decider.decide(command, state);
    if (decided.length === 0) return [];
    const occurredAt = typeof spec.occurredAt === 'function' ? spec.occurredAt(state) : spec.occurredAt;
    return this.eventsOf(decided, spec, command, occurredAt);
  }

  /** Personal fields are sealed here, before anything is stored. */
  private async eventsOf<C, E extends DomainEvent, S>(decided: E[], spec: StreamCommand<C, E, S>, command: C, occurredAt: string): Promise<NewEvent[]> {
    const { cause } = spec;
    const issuer = spec.issuer.idempotencyKey
      ? await this.keyedIssuer(subjectOf(decided[0].data) ?? employeeIdOfStream(spec.streamId), spec.issuer)
      : spec.issuer;
    const key = issuer.idempotencyKey && `${this.options.tenantId}:${issuer.actor.id}:${issuer.idempotencyKey}`;
    const requestHash = issuer.requestHash ?? '';
    const causationId = cause ? cause.eventId : key ? deterministicUuid('command', key, requestHash) : randomUUID();
    const idOf = cause
      ? (i: number) => deterministicUuid(cause.process, cause.eventId, String(i))
      : key
        ? (i: number) => deterministicUuid('event', key, requestHash, String(i))
        : () => randomUUID();
    const stamped = stampEvents(decided, { issuer, occurredAt, causationId, policyVersion: spec.policyOf?.(command), tenantId: this.options.tenantId }, idOf);
    return sealEvents(stamped, this.options.seal);
  }

  private async keyedIssuer(subjectId: string | undefined, issuer: CommandIssuer): Promise<CommandIssuer> {
    return { ...issuer, requestHash: await (this.options.keyRequest ?? digestAsIs)(subjectId, issuer.requestHash ?? '') };
  }

  private async append<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>, events: NewEvent[], revision: number): Promise<CommandOutcome> {
    const { store } = this.options;
    const own: StreamAppend = { streamId: spec.streamId, events, expectedRevision: revision < 0 ? 'no_stream' : revision };
    const others = spec.consequences && store.capabilities.atomicAppendMany ? await spec.consequences(events) : [];
    const stop = this.options.timeAppend?.();
    const appended: AppendResult =
      others.length > 0
        ? (await store.appendMany([own, ...others]))[0]
        : await store.append(own.streamId, own.events, { expectedRevision: own.expectedRevision });
    stop?.(appended.events.length + others.reduce((n, a) => n + a.events.length, 0));
    return {
      streamId: appended.streamId,
      revision: appended.revision,
      position: appended.position,
      events: appended.events.map(({ id, type }) => ({ id, type })),
    };
  }
}

function answerAgain(streamId: string, earlier: KeyedAppend, issuer: CommandIssuer): CommandOutcome {
  if (earlier.requestHash !== (issuer.requestHash ?? '')) throw new IdempotencyKeyReused(issuer.idempotencyKey as string);
  const last = earlier.events[earlier.events.length - 1];
  return { streamId, revision: last.revision, position: last.position, events: earlier.events.map(({ id, type }) => ({ id, type })) };
}
