import { employeeDecider, employeePolicyChoice, employeeStreamId, policyRef, type EmployeeCommand } from '@pm/domain';
import type { CommandHandler, CommandOutcome } from './command-handler';
import type { CommandIssuer } from './issuer';
import type { PolicyBook } from './policy-book';
import type { Submitted } from './submitted';

export interface EmployeeCommandRequest {
  employeeId: string;
  command: Submitted<EmployeeCommand>;
  /** Business time of what happened. */
  occurredAt: string;
  issuer: CommandIssuer;
}

/** Decides a command on the employee's stream under the policy in force for them. */
export function handleEmployeeCommand(handler: CommandHandler, policies: PolicyBook, request: EmployeeCommandRequest): Promise<CommandOutcome> {
  return handler.handle({
    decider: employeeDecider,
    streamId: employeeStreamId(request.employeeId),
    command: async (state) => ({ ...request.command, policy: await policies.choose(employeePolicyChoice(state, policies.defaultPolicyId)) }),
    policyOf: (command) => policyRef(command.policy),
    occurredAt: request.occurredAt,
    issuer: request.issuer,
  });
}
