import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  employeeDecider,
  employeeStreamId,
  notFound,
  policyRef,
  reviewCycleDecider,
  reviewCycleStreamId,
  ruleViolation,
  type EmployeeEvent,
  type ReviewCycleCommand,
  type ReviewCycleState,
  type Policy,
} from '@pm/domain';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { PolicyRepository } from '../policies/policy.repository';
import type { CommandResult } from '../common/command-result';
import { ExecuteCommand } from '../common/execute-command';
import { StreamCommandExecutor } from '../common/stream-command.executor';
import { RatingDelivery } from './rating-delivery';

export class ExecuteReviewCycleCommand extends ExecuteCommand<ReviewCycleCommand> {
  /** Open only: the policy named in the request. */
  policyId?: string;
}

@CommandHandler(ExecuteReviewCycleCommand)
export class ExecuteReviewCycleCommandHandler implements ICommandHandler<ExecuteReviewCycleCommand> {
  constructor(
    private readonly executor: StreamCommandExecutor,
    private readonly policies: PolicyRepository,
    private readonly delivery: RatingDelivery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(c: ExecuteReviewCycleCommand): Promise<CommandResult> {
    const subject = 'employeeId' in c.command.data ? c.command.data.employeeId : undefined;
    if (subject) await this.requireRateable(subject);
    const result = await this.executor.execute({
      decider: reviewCycleDecider,
      streamId: reviewCycleStreamId(c.aggregateId),
      command: async (state) => ({ ...c.command, policy: await this.policyOf(state, c.policyId) }) as ReviewCycleCommand,
      policyOf: (command) => policyRef(command.policy),
      occurredAt: c.occurredAt,
      status: c.status,
      ctx: c.ctx,
      tenantId: this.config.tenantId,
    });
    if (c.command.type === 'FinalizeReviewCycle') await this.delivery.deliverCycle(c.aggregateId, c.ctx);
    return result;
  }

  /** A new cycle takes the requested (or default) policy; later commands use the version it was opened under. */
  private async policyOf(state: ReviewCycleState, requested: string | undefined): Promise<Policy> {
    if (state.status !== 'none') return this.policies.byRef(state.policy);
    try {
      return requested ? await this.policies.current(requested) : await this.policies.defaultPolicy();
    } catch (error) {
      if (error instanceof DomainError && error.rule === 'policy-not-found') {
        throw new DomainError('policy-not-found', `No policy ${requested}`, 'invalid', { field: 'policyId' });
      }
      throw error;
    }
  }

  private async requireRateable(employeeId: string): Promise<void> {
    try {
      const { events } = await this.store.readStream(employeeStreamId(employeeId));
      const state = events.reduce((s, e) => employeeDecider.evolve(s, { type: e.type, data: e.data } as EmployeeEvent), employeeDecider.initialState());
      if (state.status === 'separated') throw ruleViolation('employee-separated', `Employee ${employeeId} was separated on ${state.separatedOn}`);
    } catch (error) {
      if (error instanceof StreamNotFound) throw notFound('employee-not-found', `No employee ${employeeId}`);
      throw error;
    }
  }
}
