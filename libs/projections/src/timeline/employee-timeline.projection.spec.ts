import { PERSONAL_FIELDS } from '@pm/domain';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { project } from '../document-batch';
import { employeeTimeline, timelineKey, timelinePrefix, type TimelineRef } from './employee-timeline.projection';

const sealed = { $pii: 'v1.x' };

const hired = (employeeId: string): EventSpec => ({
  type: 'EmployeeHired',
  data: {
    employeeId,
    name: sealed,
    email: sealed,
    level: 'L5',
    jobFamily: 'SWE',
    orgId: 'eng',
    managerId: 'm1',
    hireDate: '2025-01-06',
    location: sealed,
    attributes: sealed,
  },
  occurredAt: '2025-01-06',
});

const history = (): EventSpec[] => [
  hired('e1'),
  hired('e2'),
  { type: 'ReviewCycleOpened', data: { cycleId: '2025-H2', name: 'H2', periodStart: '2025-07-01', periodEnd: '2025-12-31', policy: 'default@1' } },
  { type: 'SelfAssessmentSubmitted', data: { cycleId: '2025-H2', employeeId: 'e1', text: sealed } },
  { type: 'RatingProposed', data: { cycleId: '2025-H2', employeeId: 'e1', managerId: 'm1', rating: 'HV2', narrative: sealed } },
  { type: 'RatingProposed', data: { cycleId: '2025-H2', employeeId: 'e2', managerId: 'm1', rating: 'HV1' } },
  { type: 'RatingCalibrated', data: { cycleId: '2025-H2', employeeId: 'e1', fromRating: 'HV2', rating: 'LE', rank: 7, groupId: 'g1', rationale: sealed } },
  { type: 'ReviewCycleFinalized', data: { cycleId: '2025-H2', ratedEmployees: 2 } },
  { type: 'RatingFinalized', data: { cycleId: '2025-H2', employeeId: 'e1', rating: 'LE', calibrated: true, periodEnd: '2025-12-31', policy: 'default@1' } },
  { type: 'RatingFinalized', data: { cycleId: '2025-H2', employeeId: 'e2', rating: 'HV1', calibrated: false, periodEnd: '2025-12-31', policy: 'default@1' } },
  { type: 'RatingReceived', data: { employeeId: 'e1', cycleId: '2025-H2', rating: 'LE', calibrated: true, periodEnd: '2025-12-31', policy: 'default@1' } },
  { type: 'PolicyPublished', data: { policy: { policyId: 'default', version: 2 } }, streamId: 'policy-default' },
  {
    type: 'FocusEntered',
    data: {
      employeeId: 'e1',
      startDate: '2026-01-10',
      dueDate: '2026-03-10',
      reason: sealed,
      goals: [{ goalId: 'g', description: sealed, measure: 'm' }],
      triggeredBy: ['2025-H2'],
    },
  },
];

const timelineOf = (documents: Map<string, TimelineRef>, employeeId: string) =>
  [...documents.entries()]
    .filter(([key]) => key.startsWith(timelinePrefix(employeeId)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, ref]) => ref);

describe('employee timeline', () => {
  it('pads positions so that keys sort in global order', () => {
    expect(timelineKey('e1', 42)).toBe('e1/0000000000000042');
    expect(timelinePrefix('e1')).toBe('e1/');
    expect(timelineKey('e1', 9) < timelineKey('e1', 10)).toBe(true);
  });

  it('indexes the cycle events about each employee, in global order, and none of their own stream', () => {
    const documents = project(employeeTimeline, envelopes(history()));

    expect(timelineOf(documents, 'e1').map((ref) => [ref.position, ref.type, ref.streamId, ref.revision])).toEqual([
      [4, 'SelfAssessmentSubmitted', 'review-cycle-2025-H2', 1],
      [5, 'RatingProposed', 'review-cycle-2025-H2', 2],
      [7, 'RatingCalibrated', 'review-cycle-2025-H2', 4],
      [9, 'RatingFinalized', 'review-cycle-2025-H2', 6],
    ]);
    expect(timelineOf(documents, 'e2').map((ref) => ref.type)).toEqual(['RatingProposed', 'RatingFinalized']);
  });

  it('leaves out events about no employee (cycle headers, policies) and the employee streams', () => {
    const documents = project(employeeTimeline, envelopes(history()));

    expect(documents.size).toBe(6);
    expect([...documents.values()].every((ref) => ref.streamId.startsWith('review-cycle-'))).toBe(true);
  });

  it('stores where the envelope is and both clocks, in a fixed key order', () => {
    const documents = project(employeeTimeline, envelopes(history()));
    const proposal = documents.get(timelineKey('e1', 5));

    expect(JSON.stringify(proposal)).toBe(
      JSON.stringify({
        streamId: 'review-cycle-2025-H2',
        revision: 2,
        position: 5,
        type: 'RatingProposed',
        occurredAt: proposal?.occurredAt,
        recordedAt: proposal?.recordedAt,
      }),
    );
    expect(Object.keys(proposal ?? {})).toEqual(['streamId', 'revision', 'position', 'type', 'occurredAt', 'recordedAt']);
  });

  it('reads nothing before it writes', () => {
    for (const event of envelopes(history())) expect(employeeTimeline.keysOf(event)).toEqual([]);
  });

  it('stores nothing personal when the events carry sealed personal fields', () => {
    const documents = project(employeeTimeline, envelopes(history()));
    const stored = JSON.stringify([...documents]);
    const personal = new Set(Object.values(PERSONAL_FIELDS).flatMap((paths) => paths.map((path) => path.split('[]')[0])));

    expect(stored).not.toContain('$pii');
    for (const doc of documents.values()) for (const field of Object.keys(doc)) expect(personal.has(field)).toBe(false);
  });

  it('rebuilds to the same bytes', () => {
    const first = JSON.stringify([...project(employeeTimeline, envelopes(history()))]);
    const second = JSON.stringify([...project(employeeTimeline, envelopes(history()))]);

    expect(second).toBe(first);
  });
});
