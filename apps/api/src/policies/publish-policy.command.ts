import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@pm/commands';
import { issuerOf, type CommandContext } from '../common/command-context';
import { CommandGateway } from '../common/command-gateway';

export class PublishPolicyCommand extends Command<CommandOutcome> {
  constructor(
    readonly policyId: string,
    readonly document: Record<string, unknown>,
    readonly ctx: CommandContext,
    readonly occurredAt: string,
  ) {
    super();
  }
}

@CommandHandler(PublishPolicyCommand)
export class PublishPolicyCommandHandler implements ICommandHandler<PublishPolicyCommand> {
  constructor(private readonly gateway: CommandGateway) {}

  execute(c: PublishPolicyCommand): Promise<CommandOutcome> {
    return this.gateway.publishPolicy({ policyId: c.policyId, document: c.document, occurredAt: c.occurredAt, issuer: issuerOf(c.ctx) });
  }
}
