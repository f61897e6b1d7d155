import type { Decider, DomainEvent } from '../core/decider';
import { DomainError } from '../core/domain-error';
import type { Policy } from './policy';
import { validatePolicy } from './policy-validation';

export type PolicyPublished = DomainEvent<'PolicyPublished', { policy: Policy }>;
export type PolicyEvent = PolicyPublished;

export type PublishPolicy = { type: 'PublishPolicy'; data: { document: unknown } };
export type PolicyCommand = PublishPolicy;

export type PolicyState = { status: 'none' } | { status: 'published'; current: Policy };

/** Thrown with every problem of a rejected policy document (400 at the edge). */
export class InvalidPolicy extends DomainError {
  constructor(readonly problems: { field: string; message: string }[]) {
    super('invalid-policy', `The policy document has ${problems.length} problem(s)`, 'invalid', { problems });
  }
}

export function decidePolicy(command: PolicyCommand, state: PolicyState): PolicyEvent[] {
  const { version: _ignored, ...document } = (command.data.document ?? {}) as Partial<Policy>;
  const problems = validatePolicy(document);
  if (problems.length > 0) throw new InvalidPolicy(problems);
  const version = state.status === 'none' ? 1 : state.current.version + 1;
  return [{ type: 'PolicyPublished', data: { policy: { ...(document as Omit<Policy, 'version'>), version } } }];
}

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  decide: decidePolicy,
  evolve: (_state, event) => ({ status: 'published', current: event.data.policy }),
  initialState: () => ({ status: 'none' }),
};

export const policyStreamId = (policyId: string): string => `policy-${policyId}`;
