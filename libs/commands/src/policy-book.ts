import { chosenPolicy, policyIdOf, policyStreamId, type Policy, type PolicyChoice, type PolicyPublished } from '@pm/domain';
import { StreamNotFound, type EventStore } from '@pm/event-store';

/** The published policy versions, read from their `policy-<id>` streams, and the one a decision uses. */
export class PolicyBook {
  /** Published versions never change; a stream is only read past what is known. */
  private readonly known = new Map<string, Policy[]>();

  constructor(
    private readonly store: EventStore,
    readonly defaultPolicyId: string,
  ) {}

  /** Every published version, oldest first; `undefined` when the policy was never published. */
  async versions(policyId: string): Promise<Policy[] | undefined> {
    const known = this.known.get(policyId) ?? [];
    try {
      const { events } = await this.store.readStream(policyStreamId(policyId), { fromRevision: known.length });
      const all = [...known, ...events.map((e) => (e.data as PolicyPublished['data']).policy)];
      this.known.set(policyId, all);
      return all;
    } catch (error) {
      if (error instanceof StreamNotFound) return known.length > 0 ? known : undefined;
      throw error;
    }
  }

  async choose(choice: PolicyChoice): Promise<Policy> {
    return chosenPolicy(choice, await this.versions(policyIdOf(choice)));
  }

  current(policyId: string): Promise<Policy> {
    return this.choose({ latestOf: policyId });
  }

  /** A `policyId@version` reference, as events record it. */
  byRef(ref: string): Promise<Policy> {
    return this.choose({ ref });
  }

  defaultPolicy(): Promise<Policy> {
    return this.current(this.defaultPolicyId);
  }
}
