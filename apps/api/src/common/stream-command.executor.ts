import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '@pm/domain';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type NewEvent } from '@pm/event-store';
import { deterministicUuid, IDEMPOTENCY_STORE, PersonalData, problem, type IdempotencyStore } from '@pm/platform';
import type { CommandContext } from './command-context';
import { etagOf, type CommandResult } from './command-result';
import { FoldedStreams, type KeyedAppend } from './folded-streams';
import { KeyedQueue } from './keyed-queue';
import { AppendMetrics } from '../metrics/append-metrics';

export interface StreamCommand<C, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  /** Builds the domain command from the current state (e.g. to pick the policy in force). */
  command(state: S): C | Promise<C>;
  /** `policyId@version` the decision used, recorded on every event. */
  policyOf(command: C): string | undefined;
  /** Business time of what happened: a date or an instant. */
  occurredAt: string;
  status: 200 | 201;
  ctx: CommandContext;
  tenantId: string;
}

const MAX_ATTEMPTS = 16;
/** Longest pause between two attempts, in milliseconds. */
const MAX_BACKOFF_MS = 100;

/**
 * Exponential backoff with full jitter: writers that lost a race on one stream spread out instead
 * of reading the same revision and colliding again, so many concurrent commands all get through.
 */
const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt)));

const toInstant = (value: string): string => (value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString());

/**
 * Read, fold, decide, append with the revision read. A concurrent change makes the append fail
 * and the command is decided again on fresh state (or answered 412 when the caller sent If-Match).
 * With an Idempotency-Key, event ids derive from the key, so a retry never appends twice.
 * Commands on one stream run one at a time in this process, so they never race each other; the
 * retries are for writers elsewhere (other instances, rating delivery).
 */
@Injectable()
export class StreamCommandExecutor {
  private readonly streams = new KeyedQueue();
  private readonly folded: FoldedStreams;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    private readonly metrics: AppendMetrics,
    private readonly personalData: PersonalData,
  ) {
    this.folded = new FoldedStreams(store);
  }

  execute<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>): Promise<CommandResult> {
    return this.streams.run(spec.streamId, () => this.executeNow(spec));
  }

  private async executeNow<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>): Promise<CommandResult> {
    const { ctx } = spec;
    const key = ctx.idempotencyKey && `${spec.tenantId}:${ctx.actor.role}:${ctx.idempotencyKey}`;
    if (key) {
      const stored = await this.idempotency.find(key);
      if (stored) return this.replay(stored.requestHash, ctx.requestHash, { status: stored.status as 200 | 201, body: stored.body as CommandResult['body'] });
    }
    const result = await this.decideAndAppend(spec, key);
    if (key) await this.idempotency.save(key, { requestHash: ctx.requestHash, status: result.status, body: result.body, etag: etagOf(result.body.revision) });
    return result;
  }

  private replay(storedHash: string, requestHash: string, result: CommandResult): CommandResult {
    if (storedHash !== requestHash) {
      throw problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used with a different request', {
        errors: [{ field: 'Idempotency-Key', message: 'was used with a different request' }],
      });
    }
    return result;
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>, key: string | undefined): Promise<CommandResult> {
    const { ctx } = spec;
    for (let attempt = 1; ; attempt++) {
      const { revision, lastPosition, state, keyed } = await this.folded.load(spec.streamId, spec.decider);
      const earlier = ctx.idempotencyKey ? keyed.get(ctx.idempotencyKey) : undefined;
      if (earlier) return this.replay(earlier.requestHash, ctx.requestHash, this.resultOf(spec, earlier.events));
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) throw this.stale(spec.streamId, ctx.expectedRevision, revision);

      const command = await spec.command(state);
      const decided = spec.decider.decide(command, state);
      if (decided.length === 0) {
        return { status: spec.status, body: { streamId: spec.streamId, revision, position: lastPosition, events: [] } };
      }
      const events = await this.toNewEvents(decided, spec, spec.policyOf(command), key);
      try {
        const stop = this.metrics.startAppend();
        const appended = await this.store.append(spec.streamId, events, { expectedRevision: revision < 0 ? 'no_stream' : revision });
        stop(appended.events.length);
        return { status: spec.status, body: { streamId: appended.streamId, revision: appended.revision, position: appended.position, events: appended.events.map(({ id, type }) => ({ id, type })) } };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (ctx.expectedRevision !== undefined) throw this.stale(spec.streamId, ctx.expectedRevision, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
        await backoff(attempt);
      }
    }
  }

  /** Personal fields are encrypted here, before anything is stored (crypto-shredding). */
  private async toNewEvents<C, E extends DomainEvent, S>(
    decided: E[],
    spec: StreamCommand<C, E, S>,
    policyVersion: string | undefined,
    key: string | undefined,
  ): Promise<NewEvent[]> {
    const { ctx } = spec;
    const commandId = key ? deterministicUuid('command', key, ctx.requestHash) : randomUUID();
    const data = await Promise.all(decided.map((event) => this.personalData.protect(event.type, event.data)));
    return decided.map((event, i) => ({
      id: key ? deterministicUuid('event', key, ctx.requestHash, String(i)) : randomUUID(),
      type: event.type,
      schemaVersion: 1,
      data: data[i],
      metadata: {
        actor: ctx.actor,
        occurredAt: toInstant(spec.occurredAt),
        correlationId: ctx.correlationId,
        causationId: commandId,
        ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey, requestHash: ctx.requestHash } : {}),
        ...(policyVersion ? { policyVersion } : {}),
        tenantId: spec.tenantId,
      },
    }));
  }

  private resultOf<C, E extends DomainEvent, S>(spec: StreamCommand<C, E, S>, events: KeyedAppend['events']): CommandResult {
    const last = events[events.length - 1];
    return { status: spec.status, body: { streamId: spec.streamId, revision: last.revision, position: last.position, events: events.map(({ id, type }) => ({ id, type })) } };
  }

  private stale(streamId: string, expected: number, actual: number) {
    return problem(412, 'precondition-failed', 'Precondition failed', `If-Match "${expected}" is stale: ${streamId} is at revision ${actual}`, {
      currentRevision: actual,
    });
  }
}
