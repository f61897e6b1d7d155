import type { Policy } from '@pm/domain';
import type { ExpectedRevision, NewEvent } from '@pm/event-store';
import type { SimulationParameters } from './simulation-parameters';

/** Applied to each event's data before it is emitted, e.g. `PersonalData.protect` to seal personal fields. */
export type Seal = (type: string, data: unknown) => Promise<unknown> | unknown;

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
  seal?: Seal;
  /** Recorded on every event; default `default`. */
  tenantId?: string;
}

/** One append: events of one stream, in order, with the revision the stream must be at. */
export interface AppendBatch {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}
