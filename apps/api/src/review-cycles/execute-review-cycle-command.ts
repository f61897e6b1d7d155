import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@pm/commands';
import type { ReviewCycleCommand } from '@pm/domain';
import { issuerOf, type CommandContext } from '../common/command-context';
import { CommandGateway } from '../common/command-gateway';
import { ExecuteCommand } from '../common/execute-command';

export class ExecuteReviewCycleCommand extends ExecuteCommand<ReviewCycleCommand> {
  constructor(
    aggregateId: string,
    command: ExecuteCommand<ReviewCycleCommand>['command'],
    ctx: CommandContext,
    occurredAt: string | undefined,
    /** Opening only: the policy named in the request. */
    readonly policyId?: string,
  ) {
    super(aggregateId, command, ctx, occurredAt);
  }
}

@CommandHandler(ExecuteReviewCycleCommand)
export class ExecuteReviewCycleCommandHandler implements ICommandHandler<ExecuteReviewCycleCommand> {
  constructor(private readonly gateway: CommandGateway) {}

  execute(c: ExecuteReviewCycleCommand): Promise<CommandOutcome> {
    return this.gateway.reviewCycle({ cycleId: c.aggregateId, command: c.command, policyId: c.policyId, occurredAt: c.occurredAt, issuer: issuerOf(c.ctx) });
  }
}
