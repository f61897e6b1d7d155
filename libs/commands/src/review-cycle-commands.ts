import {
  cycleBusinessDate,
  cyclePolicyChoice,
  employeeDecider,
  employeeStreamId,
  policyRef,
  ratedEmployee,
  reviewCycleDecider,
  reviewCycleStreamId,
  type RatedEmployee,
  type ReviewCycleCommand,
} from '@pm/domain';
import type { CommandHandler, CommandOutcome } from './command-handler';
import type { CommandIssuer } from './issuer';
import type { PolicyBook } from './policy-book';
import type { RatingDelivery } from './rating-delivery';
import type { Submitted } from './submitted';

export interface ReviewCycleCommandRequest {
  cycleId: string;
  command: Submitted<ReviewCycleCommand>;
  /** Opening only: the policy the cycle is run under (default: the tenant's). */
  policyId?: string;
  /** Business time; default: the cycle's own dates (`cycleBusinessDate`). */
  occurredAt?: string;
  issuer: CommandIssuer;
}

export interface ReviewCycleDeps {
  handler: CommandHandler;
  policies: PolicyBook;
  delivery: RatingDelivery;
}

/**
 * Decides a command on the cycle's stream under the policy it was opened with. Commands about one
 * employee carry that employee's standing; finalizing delivers every final rating to its employee,
 * in the same atomic write where the engine can.
 */
export async function handleReviewCycleCommand({ handler, policies, delivery }: ReviewCycleDeps, request: ReviewCycleCommandRequest): Promise<CommandOutcome> {
  const { command, issuer } = request;
  const employee = 'employeeId' in command.data ? await standingOf(handler, command.data.employeeId) : undefined;
  const finalizing = command.type === 'FinalizeReviewCycle';
  const outcome = await handler.handle({
    decider: reviewCycleDecider,
    streamId: reviewCycleStreamId(request.cycleId),
    command: async (state) => ({
      ...command,
      policy: await policies.choose(cyclePolicyChoice(state, request.policyId, policies.defaultPolicyId)),
      ...(employee ? { employee } : {}),
    }),
    policyOf: (decided) => policyRef(decided.policy),
    occurredAt: request.occurredAt ?? ((state) => cycleBusinessDate(command, state)),
    issuer,
    consequences: finalizing ? (events) => delivery.plan(events, issuer) : undefined,
  });
  if (finalizing && !handler.store.capabilities.atomicAppendMany) await delivery.deliverCycle(request.cycleId, issuer);
  return outcome;
}

async function standingOf(handler: CommandHandler, employeeId: string): Promise<RatedEmployee> {
  const { state } = await handler.streams.load(employeeStreamId(employeeId), employeeDecider);
  return ratedEmployee(state);
}
