import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  employeeDecider,
  employeeStreamId,
  reviewCycleStreamId,
  type EmployeeEvent,
  type RatingFinalized,
} from '@pm/domain';
import { EVENT_STORE, StreamNotFound, WrongExpectedRevision, type EventEnvelope, type EventStore } from '@pm/event-store';
import { APP_CONFIG, deterministicUuid, type AppConfig } from '@pm/platform';
import { PolicyRepository } from '../policies/policy.repository';
import type { CommandContext } from '../common/command-context';

/** Who delivers: the finalizing caller, or the redelivery process. */
export type Deliverer = Pick<CommandContext, 'actor' | 'correlationId'>;

/**
 * Copies each final rating of a cycle into the employee's own stream (`RatingReceived`), where the
 * employee's rules (Focus, promotion, regretted attrition) read it. Event ids derive from the
 * `RatingFinalized` id, so delivering twice appends once.
 */
@Injectable()
export class RatingDelivery {
  private readonly logger = new Logger(RatingDelivery.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly policies: PolicyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliverCycle(cycleId: string, ctx: Deliverer): Promise<void> {
    const { events } = await this.store.readStream(reviewCycleStreamId(cycleId));
    for (const finalized of events.filter((e) => e.type === 'RatingFinalized')) await this.deliver(finalized, ctx);
  }

  async deliver(finalized: EventEnvelope, ctx: Deliverer): Promise<void> {
    const rating = finalized.data as RatingFinalized['data'];
    const policy = await this.policies.byRef(rating.policy);
    const streamId = employeeStreamId(rating.employeeId);
    for (let attempt = 0; attempt < 8; attempt++) {
      let revision = -1;
      let history: EventEnvelope[] = [];
      try {
        ({ revision, events: history } = await this.store.readStream(streamId));
      } catch (error) {
        if (!(error instanceof StreamNotFound)) throw error;
      }
      const state = history.reduce((s, e) => employeeDecider.evolve(s, { type: e.type, data: e.data } as EmployeeEvent), employeeDecider.initialState());
      // Already delivered (by the finalizing request, or an earlier redelivery): nothing to decide.
      if (history.some((e) => e.metadata.causationId === finalized.id)) return;
      let decided: EmployeeEvent[];
      try {
        decided = employeeDecider.decide(
          { type: 'ReceiveRating', policy, data: { cycleId: rating.cycleId, rating: rating.rating, calibrated: rating.calibrated, periodEnd: rating.periodEnd, policy: rating.policy } },
          state,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`Final rating of ${rating.employeeId} in ${rating.cycleId} not delivered: ${error.message}`);
        return;
      }
      if (decided.length === 0) return;
      try {
        await this.store.append(
          streamId,
          decided.map((event, i) => ({
            id: deterministicUuid('rating-received', finalized.id, String(i)),
            type: event.type,
            data: event.data,
            metadata: {
              actor: ctx.actor,
              occurredAt: `${rating.periodEnd}T00:00:00.000Z`,
              correlationId: ctx.correlationId,
              causationId: finalized.id,
              policyVersion: rating.policy,
              tenantId: this.config.tenantId,
            },
          })),
          { expectedRevision: revision < 0 ? 'no_stream' : revision },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new Error(`Could not deliver the final rating of ${rating.employeeId} in ${rating.cycleId}: the stream kept changing`);
  }
}
