import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@pm/commands';
import type { EmployeeCommand } from '@pm/domain';
import { issuerOf } from '../common/command-context';
import { CommandGateway } from '../common/command-gateway';
import { ExecuteCommand } from '../common/execute-command';

export class ExecuteEmployeeCommand extends ExecuteCommand<EmployeeCommand> {}

@CommandHandler(ExecuteEmployeeCommand)
export class ExecuteEmployeeCommandHandler implements ICommandHandler<ExecuteEmployeeCommand> {
  constructor(private readonly gateway: CommandGateway) {}

  execute(c: ExecuteEmployeeCommand): Promise<CommandOutcome> {
    return this.gateway.employee({ employeeId: c.aggregateId, command: c.command, occurredAt: c.occurredAt, issuer: issuerOf(c.ctx) });
  }
}
