import {
  DomainError,
  employeeDecider,
  employeeStreamId,
  reviewCycleStreamId,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeState,
  type RatingFinalized,
} from '@pm/domain';
import type { EventEnvelope, NewEvent, StreamAppend } from '@pm/event-store';
import type { CommandHandler, StreamCommand } from './command-handler';
import type { CommandIssuer } from './issuer';
import type { PolicyBook } from './policy-book';

/** A finalized rating, stored or about to be: its id causes the delivery. */
export type FinalizedRating = Pick<NewEvent | EventEnvelope, 'id' | 'type' | 'data' | 'metadata'>;

export interface RatingDeliveryOptions {
  handler: CommandHandler;
  policies: PolicyBook;
  /** A final rating the employee's rules refuse (separated since the proposal, say) is skipped and reported here. */
  onSkipped?: (rating: RatingFinalized['data'], reason: DomainError) => void;
}

/**
 * Copies each final rating of a cycle into the employee's own stream (`RatingReceived`), where the
 * employee's rules (Focus, promotion, regretted attrition) read it. The `RatingFinalized` event
 * causes the delivery and its id names the delivered events, so delivering twice appends once. On
 * engines with an atomic `appendMany` the deliveries are prepared here and appended together with
 * the finalization; elsewhere they are appended one employee at a time after it, and the
 * redelivery process completes what a crash cut short.
 */
export class RatingDelivery {
  constructor(private readonly options: RatingDeliveryOptions) {}

  /** The appends that deliver these final ratings, one per employee not yet holding it. */
  async plan(finalized: readonly FinalizedRating[], issuer: CommandIssuer): Promise<StreamAppend[]> {
    const appends: StreamAppend[] = [];
    for (const event of finalized) {
      if (event.type !== 'RatingFinalized') continue;
      const spec = await this.delivery(event, issuer);
      const append = await this.unlessRefused(event, () => this.options.handler.prepare(spec));
      if (append) appends.push(append);
    }
    return appends;
  }

  /** Delivers every final rating of a stored cycle, employee by employee. */
  async deliverCycle(cycleId: string, issuer: CommandIssuer): Promise<void> {
    const { events } = await this.options.handler.store.readStream(reviewCycleStreamId(cycleId));
    for (const finalized of events) if (finalized.type === 'RatingFinalized') await this.deliver(finalized, issuer);
  }

  /** Delivers one stored final rating, deciding again when the employee's stream changed meanwhile. */
  async deliver(finalized: EventEnvelope, issuer: CommandIssuer): Promise<void> {
    const spec = await this.delivery(finalized, issuer);
    await this.unlessRefused(finalized, () => this.options.handler.handle(spec));
  }

  /** `ReceiveRating` on the employee's stream, under the policy the rating was given under, in the finalization's business time. */
  private async delivery(finalized: FinalizedRating, issuer: CommandIssuer): Promise<StreamCommand<EmployeeCommand, EmployeeEvent, EmployeeState>> {
    const rating = finalized.data as RatingFinalized['data'];
    const policy = await this.options.policies.byRef(rating.policy);
    const { cycleId, calibrated, periodEnd } = rating;
    return {
      decider: employeeDecider,
      streamId: employeeStreamId(rating.employeeId),
      command: () => ({
        type: 'ReceiveRating',
        policy,
        on: finalized.metadata.occurredAt.slice(0, 10),
        data: { cycleId, rating: rating.rating, calibrated, periodEnd, policy: rating.policy },
      }),
      policyOf: () => rating.policy,
      occurredAt: finalized.metadata.occurredAt,
      // Who finalized, without their request's idempotency key: that belongs to the finalization.
      issuer: { actor: issuer.actor, correlationId: issuer.correlationId },
      cause: { eventId: finalized.id, process: 'rating-received' },
    };
  }

  /** A rating the employee's rules refuse is skipped and reported; a rating already received decides nothing. */
  private async unlessRefused<T>(finalized: FinalizedRating, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.options.onSkipped?.(finalized.data as RatingFinalized['data'], error);
      return undefined;
    }
  }
}
