import { EMPLOYEE_EVENT_TYPES, employeeStreamId, type ReviewCycleEvent } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Projection } from '../projection';

/** Where one event about an employee is stored, so the API can fetch the envelope itself. */
export interface TimelineRef {
  streamId: string;
  revision: number;
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
}

export const timelinePrefix = (employeeId: string): string => `${employeeId}/`;

/** Zero-padded so that a prefix scan, ordered by key, returns the events in global order. */
export const timelineKey = (employeeId: string, position: number): string => `${timelinePrefix(employeeId)}${String(position).padStart(16, '0')}`;


/** Cycle-stream events that name the employee they are about. */
const CYCLE_TYPES_ABOUT_AN_EMPLOYEE: readonly ReviewCycleEvent['type'][] = ['SelfAssessmentSubmitted', 'RatingProposed', 'RatingCalibrated', 'RatingFinalized'];

const EMPLOYEE_STREAM_PREFIX = employeeStreamId('');

function employeeOf(event: EventEnvelope): string | undefined {
  if (event.streamId.startsWith(EMPLOYEE_STREAM_PREFIX)) return event.streamId.slice(EMPLOYEE_STREAM_PREFIX.length);
  const { employeeId } = event.data as { employeeId?: unknown };
  return typeof employeeId === 'string' ? employeeId : undefined;
}

/** Every event about an employee, from every stream, one document per event. */
export const employeeTimeline: Projection<TimelineRef> = {
  name: 'employee-timeline',
  version: 1,
  handles: new Set([...EMPLOYEE_EVENT_TYPES, ...CYCLE_TYPES_ABOUT_AN_EMPLOYEE]),
  keysOf: () => [],
  apply(event, docs) {
    const employeeId = employeeOf(event);
    if (employeeId === undefined) return;
    const { streamId, revision, position, type } = event;
    const { occurredAt, recordedAt } = event.metadata;
    docs.put(timelineKey(employeeId, position), { streamId, revision, position, type, occurredAt, recordedAt });
  },
};
