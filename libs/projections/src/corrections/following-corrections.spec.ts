import { recordsIn, hire, on, receiveRating, separate, transfer } from '../../test/workforce-events';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { project } from '../document-batch';
import { workforce } from '../workforce/workforce.projection';

const correction = (revision: number, eventType: string, correctedData: Record<string, unknown>): EventSpec =>
  on('2026-06-01', 'EventCorrected', { employeeId: 'e-1', eventId: `ev-${revision}`, revision, eventType, reason: { $pii: 'x' }, correctedData });
const retraction = (revision: number, eventType: string): EventSpec =>
  on('2026-06-01', 'EventRetracted', { employeeId: 'e-1', eventId: `ev-${revision}`, revision, eventType, reason: { $pii: 'x' } });

const recordAfter = (specs: EventSpec[]) => recordsIn(project(workforce, envelopes(specs))).get('e-1');

describe('a per-employee projection following corrections (the workforce facts)', () => {
  const history: EventSpec[] = [
    hire('e-1', '2023-01-09', 'org-a'),
    receiveRating('e-1', 'c2023', 'LE', '2023-12-31'),
    transfer('e-1', '2024-03-01', 'org-a', 'org-b'),
    separate('e-1', '2024-09-30', { type: 'voluntary', regretted: false, reason: 'resignation' }),
  ];

  it('reads a corrected final rating as corrected', () => {
    expect(recordAfter([...history, correction(1, 'RatingReceived', { rating: 'HV2' })])?.ratings.map((r) => r.grade)).toEqual(['HV2']);
  });

  it('reads a retracted separation as never recorded, and a retracted transfer as never made', () => {
    const record = recordAfter([...history, retraction(3, 'EmployeeSeparated'), retraction(2, 'EmployeeTransferred')]);
    expect(record?.separation).toBeUndefined();
    expect(record?.assignments.map((a) => a.orgId)).toEqual(['org-a']);
  });

  it('folds to what the corrected history written out would give', () => {
    const byHand: EventSpec[] = [
      hire('e-1', '2023-01-09', 'org-a'),
      receiveRating('e-1', 'c2023', 'LE', '2023-12-31'),
      transfer('e-1', '2024-05-01', 'org-a', 'org-c'),
      separate('e-1', '2024-09-30', { type: 'voluntary', regretted: false, reason: 'resignation' }),
    ];
    const corrected = recordAfter([...history, correction(2, 'EmployeeTransferred', { toOrgId: 'org-c', effectiveDate: '2024-05-01' })]);
    expect(corrected).toEqual(recordAfter(byHand));
  });

  it('changes nothing for a correction of an event it never read', () => {
    const withFeedbackOnly = [
      ...history,
      on('2026-06-01', 'EventRetracted', { employeeId: 'e-1', eventId: 'ev-9', revision: 9, eventType: 'FocusGoalUpdated' }),
    ];
    expect(recordAfter(withFeedbackOnly)).toEqual(recordAfter(history));
  });
});
