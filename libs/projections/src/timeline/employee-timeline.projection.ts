import type { ReviewCycleEvent } from '@pm/domain';
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

/**
 * The events about an employee that are NOT in the employee's own stream (their review-cycle
 * events), one document per event. With the employee stream itself, read from the event store,
 * they make the person's complete history; the employee stream is not copied here, so a rebuild
 * writes a third of the rows it would otherwise.
 */
export const employeeTimeline: Projection<TimelineRef> = {
  name: 'employee-timeline',
  version: 1,
  handles: new Set(CYCLE_TYPES_ABOUT_AN_EMPLOYEE),
  keysOf: () => [],
  apply(event, docs) {
    const { employeeId } = event.data as { employeeId?: unknown };
    if (typeof employeeId !== 'string') return;
    const { streamId, revision, position, type } = event;
    const { occurredAt, recordedAt } = event.metadata;
    docs.put(timelineKey(employeeId, position), { streamId, revision, position, type, occurredAt, recordedAt });
  },
};
