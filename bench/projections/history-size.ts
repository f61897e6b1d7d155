import { generateHistory, type HistoryOptions } from './history-generator';

const PROBE_EMPLOYEES = 1000;

/** The headcount that yields at least `events` events: counted on a small company, scaled up with a margin. */
export function historyForEvents(events: number, years: number, seed: number): HistoryOptions {
  const probe = { employees: PROBE_EMPLOYEES, years, seed };
  let probed = 0;
  for (const batch of generateHistory(probe)) probed += batch.events.length;
  return { ...probe, employees: Math.ceil((events / probed) * PROBE_EMPLOYEES * 1.02) };
}
