import { enterFocus, hire, on, receiveRating, recordsIn, separate, transfer } from '../../test/workforce-events';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { project } from '../document-batch';
import { workforce } from '../workforce/workforce.projection';
import { correctionLogKey } from './following-corrections';

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

  it('logs no personal field the record does not read: the hire keeps its sealed attributes, a Pivot exit its coded reason', () => {
    const events = [
      hire('e-1', '2023-01-09', 'org-a'),
      enterFocus('e-1', '2024-01-08', '2024-03-08'),
      separate('e-1', '2024-09-30', { type: 'voluntary', regretted: false }),
    ];
    const log = JSON.stringify(project(workforce, envelopes(events)).get(correctionLogKey('e-1')));
    expect(log).toContain('.attributes.tag');
    expect(log).not.toMatch(/\.(name|email|reason)\.tag/);
    const refolded = recordAfter([
      hire('e-1', '2023-01-09', 'org-a'),
      separate('e-1', '2024-09-30', { type: 'involuntary', regretted: false, reason: 'pivot_buyout' }),
      correction(0, 'EmployeeHired', { level: 'L5' }),
    ]);
    expect(refolded?.separation?.reasonCode).toBe('pivot_buyout');
    expect(refolded?.attributes).toEqual({ $pii: 'v1.iv.attributes.tag' });
  });

  it('changes nothing for a correction of an event it never read', () => {
    const withFeedbackOnly = [
      ...history,
      on('2026-06-01', 'EventRetracted', { employeeId: 'e-1', eventId: 'ev-9', revision: 9, eventType: 'FocusGoalUpdated' }),
    ];
    expect(recordAfter(withFeedbackOnly)).toEqual(recordAfter(history));
  });
});
