import { employeeDecider, employeePolicyChoice, employeeStreamId, policyRef, reviewCycleDecider, reviewCycleStreamId, type EmployeeCommand } from '@pm/domain';
import type { CommandHandler, CommandOutcome } from './command-handler';
import type { CommandIssuer } from './issuer';
import type { PolicyBook } from './policy-book';
import type { Submitted } from './submitted';

export interface EmployeeCommandRequest {
  employeeId: string;
  command: Submitted<EmployeeCommand>;
  /** Business time of what happened; default: the cycle's last day for feedback on a cycle, else when it is recorded. */
  occurredAt?: string;
  issuer: CommandIssuer;
}

/** Decides a command on the employee's stream under the policy in force for them. */
export async function handleEmployeeCommand(handler: CommandHandler, policies: PolicyBook, request: EmployeeCommandRequest): Promise<CommandOutcome> {
  const occurredAt = request.occurredAt ?? (await feedbackCycleEnd(handler, request.command)) ?? new Date().toISOString();
  return handler.handle({
    decider: employeeDecider,
    streamId: employeeStreamId(request.employeeId),
    command: async (state) => ({ ...request.command, policy: await policies.choose(employeePolicyChoice(state, policies.defaultPolicyId)) }),
    policyOf: (command) => policyRef(command.policy),
    occurredAt,
    issuer: request.issuer,
  });
}

/** Feedback given for a review cycle happened, unless the caller says otherwise, by the cycle's end. */
async function feedbackCycleEnd(handler: CommandHandler, command: Submitted<EmployeeCommand>): Promise<string | undefined> {
  if (command.type !== 'RecordFeedback' || command.data.cycleId === undefined) return undefined;
  const { state } = await handler.streams.load(reviewCycleStreamId(command.data.cycleId), reviewCycleDecider);
  return state.status === 'none' ? undefined : state.periodEnd;
}
