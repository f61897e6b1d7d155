import { DEFAULT_POLICIES } from '@pm/domain';
import type { CommandHandler } from './command-handler';
import { StaleRevision } from './errors';
import { systemIssuer } from './issuer';
import { publishPolicy } from './policy-commands';

/** When the shipped policies take effect: before any history a tenant records with them. */
const SHIPPED_ON = '2026-01-01';

/**
 * Publishes the shipped policies (`default`, `classic`, `bytedance`) as version 1 where they were
 * never published; safe on every start and from several processes at once. A store whose version 1
 * predates a section (e.g. `compensation`) keeps it: a start never publishes a new version, since
 * that would change the rules in force; an admin publishes one (docs/api-guide.md, Policy documents).
 */
export async function publishShippedPolicies(handler: CommandHandler): Promise<void> {
  for (const draft of DEFAULT_POLICIES) {
    try {
      await publishPolicy(handler, {
        policyId: draft.policyId,
        document: draft,
        occurredAt: SHIPPED_ON,
        issuer: { ...systemIssuer('shipped-policies'), expectedRevision: -1 },
      });
    } catch (error) {
      if (!(error instanceof StaleRevision)) throw error;
    }
  }
}
