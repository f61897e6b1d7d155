import { policyDecider, policyStreamId } from '@pm/domain';
import type { CommandHandler, CommandOutcome } from './command-handler';
import type { CommandIssuer } from './issuer';

export interface PublishPolicyRequest {
  policyId: string;
  /** The policy document as submitted; the decider validates it and numbers the version. */
  document: unknown;
  occurredAt: string;
  issuer: CommandIssuer;
}

/** Publishes the next version of a policy. */
export function publishPolicy(handler: CommandHandler, request: PublishPolicyRequest): Promise<CommandOutcome> {
  return handler.handle({
    decider: policyDecider,
    streamId: policyStreamId(request.policyId),
    command: () => ({ type: 'PublishPolicy' as const, data: { document: { ...(request.document as object), policyId: request.policyId } } }),
    policyOf: () => undefined,
    occurredAt: request.occurredAt,
    issuer: request.issuer,
  });
}
