import { keepInClear, WriteSide, type Sealer } from '@pm/commands';
import type { Policy } from '@pm/domain';
import type { EventStore } from '@pm/event-store';
import { simulateHistory, simulateOrg } from './simulate-org';
import type { SimulationParameters } from './simulation-parameters';
import { writeSimulation, type WriteOptions, type WriteSummary } from './write-simulation';

/** A company to simulate under a shipped policy (as version 1, where nothing else was published). */
export interface SimulatedCompany {
  employees: number;
  years: number;
  seed: number;
  /** A shipped policy id; default `default`. */
  policyId?: string;
  startDate?: string;
  parameters?: Partial<SimulationParameters>;
  /** Seals personal fields as the API does; default: kept in clear. */
  seal?: Sealer;
  tenantId?: string;
}

const PROBE_EMPLOYEES = 1000;

/**
 * A whole history into an empty (or already simulated) store, as `cli simulate` writes it: the
 * shipped policies first, then the company under the one named. Benches and tests build their
 * histories here, so every event in them is one the deciders accept.
 */
export async function writeSimulatedCompany(store: EventStore, company: SimulatedCompany, options: WriteOptions = {}): Promise<WriteSummary> {
  const tenantId = company.tenantId ?? 'default';
  const writeSide = new WriteSide({ store, seal: keepInClear, tenantId, defaultPolicyId: company.policyId ?? 'default' });
  await writeSide.publishShippedPolicies();
  const policy = await writeSide.policies.defaultPolicy();
  return writeSimulation(store, simulateOrg({ ...company, policy, tenantId }), options);
}

/** The headcount whose simulation yields at least `events` events: counted on a small company, scaled up with a margin. */
export function headcountForEvents(events: number, company: { years: number; seed: number; policy: Policy }): number {
  let probed = 0;
  for (const batch of simulateHistory({ ...company, employees: PROBE_EMPLOYEES })) probed += batch.events.length;
  return Math.ceil((events / probed) * PROBE_EMPLOYEES * 1.02);
}
