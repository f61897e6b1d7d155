import {
  employeeDecider,
  employeePolicyChoice,
  employeeStreamId,
  policyRef,
  reviewCycleDecider,
  reviewCycleStreamId,
  type EmployeeCommand,
  type RecordedFact,
} from '@pm/domain';
import type { CommandHandler, CommandOutcome } from './command-handler';
import type { CommandIssuer } from './issuer';
import { correctionContext, mirrorStoredCorrections, ratingCorrectionsInCycles } from './corrections';
import { withPanelStanding } from './panel-standing';
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
  const submitted = await withPanelStanding(handler, request.command);
  const streamId = employeeStreamId(request.employeeId);
  const correcting = submitted.type === 'CorrectEvent';
  const atomic = handler.store.capabilities.atomicAppendMany;
  const outcome = await handler.handle({
    decider: employeeDecider,
    streamId,
    command: async (state) =>
      ({
        ...submitted,
        policy: await policies.choose(employeePolicyChoice(state, policies.defaultPolicyId)),
        on: occurredAt.slice(0, 10),
        ...(correcting ? await correctionContext(handler, policies, streamId, state, submitted.data.eventId) : {}),
      }) as EmployeeCommand,
    policyOf: (command) => policyRef(command.policy),
    occurredAt,
    issuer: request.issuer,
    consequences: correcting ? async (events) => ratingCorrectionsInCycles(handler, request.employeeId, await historyOf(handler, streamId), events) : undefined,
  });
  if (correcting && !atomic) await mirrorStoredCorrections(handler, request.employeeId, streamId, outcome.events.length);
  return outcome;
}

async function historyOf(handler: CommandHandler, streamId: string): Promise<RecordedFact[]> {
  const { state } = await handler.streams.load(streamId, employeeDecider);
  return state.status === 'none' ? [] : state.history;
}

/** Feedback given for a review cycle happened, unless the caller says otherwise, by the cycle's end. */
async function feedbackCycleEnd(handler: CommandHandler, command: Submitted<EmployeeCommand>): Promise<string | undefined> {
  if (command.type !== 'RecordFeedback' || command.data.cycleId === undefined) return undefined;
  const { state } = await handler.streams.load(reviewCycleStreamId(command.data.cycleId), reviewCycleDecider);
  return state.status === 'none' ? undefined : state.periodEnd;
}
