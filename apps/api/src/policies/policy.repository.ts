import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { notFound, policyStreamId, type Policy, type PolicyPublished } from '@pm/domain';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@pm/event-store';
import { APP_CONFIG, publishShippedPolicies, type AppConfig } from '@pm/platform';

/** Published policy versions, read from their `policy-<id>` streams. */
@Injectable()
export class PolicyRepository implements OnApplicationBootstrap {
  /** Published versions never change; the stream is only read past what is known. */
  private readonly known = new Map<string, Policy[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ships the default policies as version 1 where they were never published (safe on every start). */
  onApplicationBootstrap(): Promise<void> {
    return publishShippedPolicies(this.store, this.config.tenantId);
  }

  /** Every published version, oldest first; only versions newer than the ones already known are read. */
  async versions(policyId: string): Promise<Policy[]> {
    const known = this.known.get(policyId) ?? [];
    try {
      const { events } = await this.store.readStream(policyStreamId(policyId), { fromRevision: known.length });
      const all = [...known, ...events.map((e) => (e.data as PolicyPublished['data']).policy)];
      this.known.set(policyId, all);
      return all;
    } catch (error) {
      if (error instanceof StreamNotFound) throw notFound('policy-not-found', `No policy ${policyId}`);
      throw error;
    }
  }

  async current(policyId: string): Promise<Policy> {
    const versions = await this.versions(policyId);
    return versions[versions.length - 1];
  }

  /** A `policyId@version` reference, as events record it. */
  async byRef(ref: string): Promise<Policy> {
    const [policyId, version] = ref.split('@');
    const found = (await this.versions(policyId)).find((p) => p.version === Number(version));
    if (!found) throw notFound('policy-not-found', `No policy ${ref}`);
    return found;
  }

  defaultPolicy(): Promise<Policy> {
    return this.current(this.config.defaultPolicyId);
  }
}
