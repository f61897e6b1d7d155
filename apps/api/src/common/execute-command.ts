import { Command } from '@nestjs/cqrs';
import type { CommandContext } from './command-context';
import type { CommandResult } from './command-result';

/** A domain command as the edge builds it: the handler adds the policy in force. */
export type WithoutPolicy<C> = C extends unknown ? Omit<C, 'policy'> : never;

/** Runs one domain command against one aggregate's stream. */
export abstract class ExecuteCommand<C> extends Command<CommandResult> {
  constructor(
    readonly aggregateId: string,
    readonly command: WithoutPolicy<C>,
    readonly ctx: CommandContext,
    /** Business time of what happened: the command's date, or now. */
    readonly occurredAt: string,
    readonly status: 200 | 201 = 200,
  ) {
    super();
  }
}
