import { DomainError, employeeDecider, employeeStreamId, reviewCycleStreamId, type RatingFinalized } from '@pm/domain';
import { WrongExpectedRevision, type EventEnvelope, type EventStore, type NewEvent, type StreamAppend } from '@pm/event-store';
import { deterministicUuid } from './deterministic-id';
import { StreamKeptChanging } from './errors';
import type { FoldedStreams } from './folded-streams';
import type { CommandIssuer } from './issuer';
import type { PolicyBook } from './policy-book';
import { backoff } from './retry';
import { sealEvents, type Sealer } from './seal';
import { stampEvents } from './stamp';

/** A finalized rating, stored or about to be: its id causes the delivery. */
export type FinalizedRating = Pick<NewEvent | EventEnvelope, 'id' | 'type' | 'data' | 'metadata'>;

export interface RatingDeliveryOptions {
  store: EventStore;
  streams: FoldedStreams;
  policies: PolicyBook;
  seal: Sealer;
  tenantId: string;
  /** A final rating the employee's rules refuse (separated since the proposal, say) is skipped and reported here. */
  onSkipped?: (rating: RatingFinalized['data'], reason: DomainError) => void;
}

const MAX_ATTEMPTS = 8;

/**
 * Copies each final rating of a cycle into the employee's own stream (`RatingReceived`), where the
 * employee's rules (Focus, promotion, regretted attrition) read it. Event ids derive from the
 * `RatingFinalized` id, so delivering twice appends once. On engines with an atomic `appendMany`
 * the deliveries are planned here and appended together with the finalization; elsewhere they are
 * appended one employee at a time after it, and the redelivery process completes what a crash cut short.
 */
export class RatingDelivery {
  constructor(private readonly options: RatingDeliveryOptions) {}

  /** The appends that deliver these final ratings, one per employee not yet holding it. */
  async plan(finalized: readonly FinalizedRating[], issuer: CommandIssuer): Promise<StreamAppend[]> {
    const appends: StreamAppend[] = [];
    for (const event of finalized) {
      if (event.type !== 'RatingFinalized') continue;
      const append = await this.planOne(event, issuer);
      if (append) appends.push(append);
    }
    return appends;
  }

  /** Delivers every final rating of a stored cycle, employee by employee. */
  async deliverCycle(cycleId: string, issuer: CommandIssuer): Promise<void> {
    const { events } = await this.options.store.readStream(reviewCycleStreamId(cycleId));
    for (const finalized of events) if (finalized.type === 'RatingFinalized') await this.deliver(finalized, issuer);
  }

  /** Delivers one stored final rating, deciding again when the employee's stream changed meanwhile. */
  async deliver(finalized: EventEnvelope, issuer: CommandIssuer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const append = await this.planOne(finalized, issuer);
      if (!append) return;
      try {
        await this.options.store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new StreamKeptChanging(append.streamId, attempt, { cause: error });
        await backoff(attempt);
      }
    }
  }

  private async planOne(finalized: FinalizedRating, issuer: CommandIssuer): Promise<StreamAppend | undefined> {
    const rating = finalized.data as RatingFinalized['data'];
    const streamId = employeeStreamId(rating.employeeId);
    // A rating already received decides nothing: delivering twice appends once.
    const { revision, state } = await this.options.streams.load(streamId, employeeDecider);
    const policy = await this.options.policies.byRef(rating.policy);
    let decided;
    try {
      decided = employeeDecider.decide(
        {
          type: 'ReceiveRating',
          policy,
          data: { cycleId: rating.cycleId, rating: rating.rating, calibrated: rating.calibrated, periodEnd: rating.periodEnd, policy: rating.policy },
        },
        state,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.options.onSkipped?.(rating, error);
      return undefined;
    }
    if (decided.length === 0) return undefined;
    const stamped = stampEvents(
      decided,
      {
        issuer: { actor: issuer.actor, correlationId: issuer.correlationId },
        // Delivered when it was finalized, in business time.
        occurredAt: finalized.metadata.occurredAt,
        causationId: finalized.id,
        policyVersion: rating.policy,
        tenantId: this.options.tenantId,
      },
      (i) => deterministicUuid('rating-received', finalized.id, String(i)),
    );
    return { streamId, events: await sealEvents(stamped, this.options.seal), expectedRevision: revision < 0 ? 'no_stream' : revision };
  }
}
