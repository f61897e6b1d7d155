import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { employeeDecider, employeeStreamId, policyRef, type EmployeeCommand, type EmployeeState, type Policy } from '@pm/domain';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { PolicyRepository } from '../policies/policy.repository';
import type { CommandResult } from '../common/command-result';
import { ExecuteCommand } from '../common/execute-command';
import { StreamCommandExecutor } from '../common/stream-command.executor';

export class ExecuteEmployeeCommand extends ExecuteCommand<EmployeeCommand> {}

@CommandHandler(ExecuteEmployeeCommand)
export class ExecuteEmployeeCommandHandler implements ICommandHandler<ExecuteEmployeeCommand> {
  constructor(
    private readonly executor: StreamCommandExecutor,
    private readonly policies: PolicyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute(c: ExecuteEmployeeCommand): Promise<CommandResult> {
    return this.executor.execute({
      decider: employeeDecider,
      streamId: employeeStreamId(c.aggregateId),
      command: async (state) => ({ ...c.command, policy: await this.policyInForce(state) }) as EmployeeCommand,
      policyOf: (command) => policyRef(command.policy),
      occurredAt: c.occurredAt,
      status: c.status,
      ctx: c.ctx,
      tenantId: this.config.tenantId,
    });
  }

  /** The current version of the policy the employee was last rated under, else the default policy. */
  private policyInForce(state: EmployeeState): Promise<Policy> {
    const lastRating = state.status === 'none' ? undefined : state.ratings.at(-1);
    return lastRating ? this.policies.current(lastRating.policy.split('@')[0]) : this.policies.defaultPolicy();
  }
}
