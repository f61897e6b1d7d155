import { Command } from '@nestjs/cqrs';
import type { CommandOutcome, Submitted } from '@pm/commands';
import type { CommandContext } from './command-context';

/** Runs one domain command against one aggregate's stream. */
export abstract class ExecuteCommand<C> extends Command<CommandOutcome> {
  constructor(
    readonly aggregateId: string,
    readonly command: Submitted<C>,
    readonly ctx: CommandContext,
    /** Business time of what happened, where the request says (its own date or `occurredAt`). */
    readonly occurredAt: string | undefined,
  ) {
    super();
  }
}
