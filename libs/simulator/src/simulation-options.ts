import type { Sealer } from '@pm/commands';
import type { Policy } from '@pm/domain';
import type { StreamAppend } from '@pm/event-store';
import type { SimulationParameters } from './simulation-parameters';

export interface SimulationOptions {
  /** Headcount on the first day (growth and backfill follow). */
  employees: number;
  /** Two review cycles per year. */
  years: number;
  /** A published policy: every decision uses it and every event records `policyId@version`. */
  policy: Policy;
  /** A 32-bit integer; ids are scoped by it, so two seeds can share a store. */
  seed: number;
  /** First day of the first review period; default 2021-01-01. */
  startDate?: string;
  parameters?: Partial<SimulationParameters>;
  /** Seals each event's personal fields before it is emitted (the API's sealer). */
  seal?: Sealer;
  /** Recorded on every event; default `default`. */
  tenantId?: string;
}

/** One append: events of one stream, in order, with the revision the stream must be at. */
export type AppendBatch = Required<StreamAppend>;
