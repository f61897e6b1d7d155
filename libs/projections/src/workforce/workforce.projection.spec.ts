import type { EventEnvelope } from '@pm/event-store';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { recordsIn } from '../../test/workforce-events';
import {
  choosePivotOption,
  closeFocus,
  decideAppeal,
  enterFocus,
  feedback,
  hire,
  on,
  placeInPivot,
  receiveRating,
  separate,
  transfer,
} from '../../test/workforce-events';
import { project } from '../document-batch';
import { workforce } from './workforce.projection';
import type { CorrectionLog } from '../corrections/following-corrections';
import type { WorkforceRecord } from './workforce-record';

const given = (specs: readonly EventSpec[]): Map<string, WorkforceRecord> => recordsIn(project(workforce, envelopes(specs)));
const recordOf = (specs: readonly EventSpec[], employeeId = 'e-1'): WorkforceRecord | undefined => given(specs).get(employeeId);

/** What the live runner does between batches: documents go to JSON and come back without undefined fields. */
function projectThroughStore(events: readonly EventEnvelope[]): Map<string, WorkforceRecord> {
  let documents = new Map<string, WorkforceRecord | CorrectionLog>();
  for (const event of events) {
    documents = project(workforce, [event], documents);
    documents = new Map([...documents].map(([key, doc]) => [key, JSON.parse(JSON.stringify(doc)) as WorkforceRecord | CorrectionLog]));
  }
  return recordsIn(documents);
}

describe('workforce projection', () => {
  it('keeps one document per employee, keyed by employee id, and beside it the log a correction folds again', () => {
    const [hired] = envelopes([hire('e-1', '2024-03-01', 'org-a')]);
    expect(workforce.name).toBe('workforce');
    expect(workforce.version).toBe(2);
    expect(workforce.keysOf(hired)).toEqual(['e-1', '~log:e-1']);
    expect([...given([hire('e-1', '2024-03-01', 'org-a'), hire('e-2', '2024-03-01', 'org-b')]).keys()]).toEqual(['e-1', 'e-2']);
  });

  it('starts a record at the hire with the sealed attributes and no plaintext personal data', () => {
    const record = recordOf([hire('e-1', '2024-03-01', 'org-a', { managerId: 'm-1', level: 'L5', jobFamily: 'sales' })]);

    expect(JSON.stringify(record)).toBe(
      JSON.stringify({
        employeeId: 'e-1',
        hireDate: '2024-03-01',
        attributes: { $pii: 'v1.iv.attributes.tag' },
        assignments: [{ from: '2024-03-01', orgId: 'org-a', managerId: 'm-1', level: 'L5', jobFamily: 'sales' }],
        ratings: [],
        focusCases: [],
        pivotCases: [],
        peer360ByCycle: {},
        untaggedPeer360: [],
        promotions: [],
        erased: false,
      }),
    );
  });

  it('drops attributes that are not ciphertext rather than keep them in clear', () => {
    const record = recordOf([on('2024-03-01', 'EmployeeHired', { ...hire('e-1', '2024-03-01', 'org-a').data, attributes: { gender: 'f' } })]);
    expect(record).not.toHaveProperty('attributes');
    expect(JSON.stringify(record)).not.toContain('gender');
  });

  it('dates manager changes, transfers and promotions by their effective dates, in date order', () => {
    const record = recordOf([
      hire('e-1', '2024-01-01', 'org-a', { managerId: 'm-1', level: 'L4' }),
      on('2024-06-01', 'ManagerChanged', { employeeId: 'e-1', fromManagerId: 'm-1', toManagerId: 'm-2', effectiveDate: '2024-06-01' }),
      // A transfer without a new manager keeps the manager in force that day.
      transfer('e-1', '2025-02-01', 'org-a', 'org-b'),
      on('2025-04-01', 'Promoted', { employeeId: 'e-1', promotionId: 'p-1', fromLevel: 'L4', toLevel: 'L5', effectiveDate: '2025-04-01' }),
      // Recorded last, effective before the transfer: it takes its place in the history.
      on('2024-09-01', 'ManagerChanged', { employeeId: 'e-1', fromManagerId: 'm-2', toManagerId: 'm-3', effectiveDate: '2024-09-01' }),
    ]);

    expect(record?.assignments).toEqual([
      { from: '2024-01-01', orgId: 'org-a', managerId: 'm-1', level: 'L4', jobFamily: 'engineering' },
      { from: '2024-06-01', orgId: 'org-a', managerId: 'm-2', level: 'L4', jobFamily: 'engineering' },
      { from: '2024-09-01', orgId: 'org-a', managerId: 'm-3', level: 'L4', jobFamily: 'engineering' },
      { from: '2025-02-01', orgId: 'org-b', managerId: 'm-2', level: 'L4', jobFamily: 'engineering' },
      { from: '2025-04-01', orgId: 'org-b', managerId: 'm-2', level: 'L5', jobFamily: 'engineering' },
    ]);
    expect(record?.promotions).toEqual([{ promotionId: 'p-1', date: '2025-04-01', toLevel: 'L5' }]);
  });

  it('keeps final ratings by period end with the policy they were given under, a cycle delivered again replacing its earlier grade', () => {
    const record = recordOf([
      hire('e-1', '2023-01-01', 'org-a'),
      receiveRating('e-1', 'c-2024', 'HV2', '2024-12-31'),
      receiveRating('e-1', 'c-2023', 'HV1', '2023-12-31'),
      receiveRating('e-1', 'c-2024', 'LE', '2024-12-31', true),
    ]);

    expect(record?.ratings).toEqual([
      { cycleId: 'c-2023', grade: 'HV1', periodEnd: '2023-12-31', calibrated: false, policy: 'bytedance@1' },
      { cycleId: 'c-2024', grade: 'LE', periodEnd: '2024-12-31', calibrated: true, policy: 'bytedance@1' },
    ]);
  });

  it('follows Focus → escalation → Pivot → appeal lost to the separation, with coded reason', () => {
    const record = recordOf([
      hire('e-1', '2023-01-01', 'org-a'),
      enterFocus('e-1', '2025-02-01', '2025-04-01'),
      closeFocus('e-1', '2025-04-01', 'escalated'),
      placeInPivot('e-1', '2025-04-02'),
      choosePivotOption('e-1', '2025-04-03', 'appeal'),
      decideAppeal('e-1', '2025-05-02', 'upheld'),
      separate('e-1', '2025-05-02', { type: 'involuntary', regretted: false, reason: 'appeal_lost', lastGrade: 'LE' }),
    ]);

    expect(record?.focusCases).toEqual([{ startDate: '2025-02-01', dueDate: '2025-04-01', closedOn: '2025-04-01', outcome: 'escalated', ledToPivot: true }]);
    expect(record?.pivotCases).toEqual([{ startDate: '2025-04-02', option: 'appeal', outcome: 'appealLost', outcomeDate: '2025-05-02' }]);
    expect(record?.separation).toEqual({ date: '2025-05-02', type: 'involuntary', regretted: false, reasonCode: 'appeal_lost', lastGrade: 'LE' });
  });

  it('records buyouts, won appeals and improvement plans as Pivot outcomes', () => {
    const pivot = (id: string, ...steps: EventSpec[]) => recordOf([hire(id, '2023-01-01', 'org-a'), placeInPivot(id, '2025-03-02'), ...steps], id)?.pivotCases;

    expect(
      pivot('b', choosePivotOption('b', '2025-03-03', 'buyout'), on('2025-03-03', 'BuyoutAccepted', { employeeId: 'b', effectiveDate: '2025-03-03' })),
    ).toEqual([{ startDate: '2025-03-02', option: 'buyout', outcome: 'buyout', outcomeDate: '2025-03-03' }]);
    expect(pivot('w', choosePivotOption('w', '2025-03-03', 'appeal'), decideAppeal('w', '2025-04-01', 'overturned'))).toEqual([
      { startDate: '2025-03-02', option: 'appeal', outcome: 'appealWon', outcomeDate: '2025-04-01' },
    ]);
    expect(
      pivot(
        'p',
        choosePivotOption('p', '2025-03-03', 'improvement_plan'),
        on('2025-05-01', 'PivotClosed', { employeeId: 'p', outcome: 'passed', effectiveDate: '2025-05-01' }),
      ),
    ).toEqual([{ startDate: '2025-03-02', option: 'improvement_plan', outcome: 'passed', outcomeDate: '2025-05-01' }]);
  });

  it('does not link a Pivot to a Focus that succeeded', () => {
    const record = recordOf([
      hire('e-1', '2023-01-01', 'org-a'),
      enterFocus('e-1', '2025-02-01', '2025-04-01'),
      closeFocus('e-1', '2025-04-01', 'succeeded'),
      placeInPivot('e-1', '2025-06-01'),
    ]);
    expect(record?.focusCases[0].ledToPivot).toBe(false);
  });

  it('reads a sealed separation reason as `other`', () => {
    const record = recordOf([hire('e-1', '2023-01-01', 'org-a'), separate('e-1', '2025-06-01', { type: 'voluntary', regretted: true })]);
    expect(record?.separation).toEqual({ date: '2025-06-01', type: 'voluntary', regretted: true, reasonCode: 'other' });
  });

  it('keeps peer 360 feedback by business date and sentiment, without its text; anytime feedback no statistic uses', () => {
    const record = recordOf([
      hire('e-1', '2023-01-01', 'org-a'),
      feedback('e-1', '2025-03-10', 'positive', { cycleId: 'c-1' }),
      feedback('e-1', '2025-02-01', 'negative', { kind: 'anytime' }),
      feedback('e-1', '2025-01-20', 'neutral'),
    ]);

    expect(record?.peer360ByCycle).toEqual({ 'c-1': { positive: 1, neutral: 0, negative: 0 } });
    expect(record?.untaggedPeer360).toEqual([{ date: '2025-01-20', sentiment: 'neutral' }]);
    expect(JSON.stringify(record)).not.toContain('v1.iv.text');
  });

  it('marks erasure and keeps the attributes as ciphertext that can no longer be opened', () => {
    const record = recordOf([hire('e-1', '2023-01-01', 'org-a'), on('2025-01-01', 'PersonalDataErased', { employeeId: 'e-1', reason: 'art. 17 request' })]);
    expect(record?.erased).toBe(true);
    expect(record?.attributes).toEqual({ $pii: 'v1.iv.attributes.tag' });
  });

  it('ignores events of an employee it never saw hired', () => {
    expect(given([placeInPivot('ghost', '2025-01-01')]).size).toBe(0);
  });

  it('builds byte-identical documents whether rebuilt in memory or through the store', () => {
    const events = envelopes([
      hire('e-1', '2023-01-01', 'org-a'),
      enterFocus('e-1', '2025-02-01', '2025-04-01'),
      closeFocus('e-1', '2025-04-01', 'escalated'),
      placeInPivot('e-1', '2025-04-02'),
      choosePivotOption('e-1', '2025-04-03', 'appeal'),
      transfer('e-1', '2024-06-01', 'org-a', 'org-b'),
      decideAppeal('e-1', '2025-05-02', 'upheld'),
      separate('e-1', '2025-05-02', { type: 'involuntary', regretted: false, reason: 'appeal_lost' }),
    ]);

    expect(JSON.stringify([...projectThroughStore(events)])).toBe(JSON.stringify([...recordsIn(project(workforce, events))]));
  });
});
