import { withCorrectedData, type EmployeeEvent } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Documents, Projection } from '../projection';

/** An event a per-employee projection applied, kept so that a later correction can fold the corrected history again. */
interface LoggedEvent {
  revision: number;
  type: string;
  data: unknown;
  occurredAt: string;
}

/** Stored beside the projection's own document for the employee, under `correctionLogKey`. */
export interface CorrectionLog {
  events: LoggedEvent[];
}

const CORRECTIONS: ReadonlySet<string> = new Set(['EventCorrected', 'EventRetracted']);
const LOG_PREFIX = '~log:';

export const correctionLogKey = (employeeId: string): string => `${LOG_PREFIX}${employeeId}`;
export const isCorrectionLogKey = (key: string): boolean => key.startsWith(LOG_PREFIX);

const employeeIdOf = (event: EventEnvelope): string => (event.data as { employeeId: string }).employeeId;

/** The logged events as corrected: corrected data merged in, retracted events left out, by revision. */
function corrected(log: readonly LoggedEvent[]): LoggedEvent[] {
  const byRevision = new Map(log.map((entry) => [entry.revision, entry]));
  for (const entry of log) {
    if (!CORRECTIONS.has(entry.type)) continue;
    byRevision.delete(entry.revision);
    const correction = { type: entry.type, data: entry.data } as EmployeeEvent;
    if (correction.type !== 'EventCorrected' && correction.type !== 'EventRetracted') continue;
    const target = byRevision.get(correction.data.revision);
    if (!target) continue;
    if (correction.type === 'EventRetracted') byRevision.delete(target.revision);
    else byRevision.set(target.revision, { ...target, data: withCorrectedData(target as EmployeeEvent, correction.data.correctedData).data });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/**
 * A projection keyed by employee that follows corrections: it logs what it applied for each
 * employee and, on `EventCorrected` / `EventRetracted`, folds that employee's corrected history
 * again from nothing. Readers that scan the whole view skip the logs (`isCorrectionLogKey`).
 */
export function followingCorrections<D>(
  inner: Projection<D>,
  version: number,
  /** What of an event the log keeps: by default all of it; a projection keeping no free text says what it reads. */
  logged: (event: EventEnvelope) => unknown = (event) => event.data,
): Projection<D | CorrectionLog> {
  return {
    name: inner.name,
    version,
    handles: new Set([...inner.handles, ...CORRECTIONS]),
    keysOf: (event) => [employeeIdOf(event), correctionLogKey(employeeIdOf(event))],
    apply(event, docs) {
      const employeeId = employeeIdOf(event);
      const logKey = correctionLogKey(employeeId);
      const log = [...((docs.get(logKey) as CorrectionLog | undefined)?.events ?? [])];
      log.push({ revision: event.revision, type: event.type, data: logged(event), occurredAt: event.metadata.occurredAt });
      docs.put(logKey, { events: log });
      if (!CORRECTIONS.has(event.type)) {
        inner.apply(event, docs as Documents<D>);
        return;
      }
      const scratch = new Map<string, D>();
      const view: Documents<D> = { get: (key) => scratch.get(key), put: (key, doc) => void scratch.set(key, doc), delete: (key) => void scratch.delete(key) };
      for (const entry of corrected(log)) {
        if (!inner.handles.has(entry.type)) continue;
        inner.apply(
          { ...event, type: entry.type, data: entry.data, revision: entry.revision, metadata: { ...event.metadata, occurredAt: entry.occurredAt } },
          view,
        );
      }
      const doc = scratch.get(employeeId);
      if (doc === undefined) docs.delete(employeeId);
      else docs.put(employeeId, doc);
    },
  };
}
