import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY, type EmployeeEvent, type PolicyEvent, type ReviewCycleEvent } from '@pm/domain';
import { genericSummary, summarize, type KnownEventType } from './summary';

type DataOf<T extends KnownEventType> = Extract<EmployeeEvent | ReviewCycleEvent | PolicyEvent, { type: T }>['data'];

const actor = { id: 'calibrator-1', role: 'hr' };
const event = (type: string, data: unknown) => ({ type, data, metadata: { actor } });

/** Every `DomainEvent<'Type', …>` the domain declares, read from its source so that a new type is seen without anyone listing it. */
function domainEventTypes(): string[] {
  const root = join(__dirname, '../../../domain/src');
  const sources = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  return sources.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/DomainEvent<\s*'(\w+)'/g)].map((match) => match[1])).sort();
}

const goal = { goalId: 'g1', description: 'Ship the importer', measure: 'merged' };

// Typed over the domain's unions: a new event type without an example here fails compilation.
const EXAMPLES: { [T in KnownEventType]: { data: DataOf<T>; summary: string } } = {
  EmployeeHired: {
    data: {
      employeeId: 'e1',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      level: 'L5',
      jobFamily: 'SWE',
      orgId: 'eng',
      managerId: 'm1',
      hireDate: '2025-01-06',
    },
    summary: 'Hired Ada Lovelace as L5 in org eng (job family SWE), manager m1',
  },
  ManagerChanged: {
    data: { employeeId: 'e1', fromManagerId: 'm1', toManagerId: 'm2', effectiveDate: '2026-02-01' },
    summary: 'Manager changed from m1 to m2, effective 2026-02-01',
  },
  EmployeeTransferred: {
    data: { employeeId: 'e1', fromOrgId: 'eng', toOrgId: 'ops', toManagerId: 'm3', effectiveDate: '2026-02-01', duringFocus: true },
    summary: 'Transferred from org eng to org ops, manager m3, effective 2026-02-01 (during Focus)',
  },
  EmployeeSeparated: {
    data: {
      employeeId: 'e1',
      type: 'involuntary',
      reason: 'appeal_lost',
      regretted: false,
      regrettedSource: 'policy',
      severanceWeeks: 10 / 6,
      effectiveDate: '2026-04-01',
    },
    summary: 'Separated (involuntary, unregretted): appeal_lost; severance 1.7 weeks',
  },
  FeedbackRecorded: {
    data: {
      employeeId: 'e1',
      fromEmployeeId: 'e7',
      kind: 'peer360',
      sentiment: 'positive',
      principles: ['Ownership', 'Dive Deep'],
      text: 'Great partner',
      cycleId: '2025-H2',
    },
    summary: 'Positive 360 feedback from e7 in cycle 2025-H2 on Ownership, Dive Deep',
  },
  RatingReceived: {
    data: { employeeId: 'e1', cycleId: '2025-H2', rating: 'LE', calibrated: true, periodEnd: '2025-12-31', policy: 'default@1' },
    summary: 'Received final rating LE for cycle 2025-H2 (calibrated) under policy default@1',
  },
  FocusEntered: {
    data: { employeeId: 'e1', startDate: '2026-01-10', dueDate: '2026-03-10', reason: 'LE in 2025-H2', goals: [goal, goal, goal], triggeredBy: ['2025-H2'] },
    summary: 'Entered Focus from 2026-01-10 to 2026-03-10 with 3 goals',
  },
  FocusGoalUpdated: { data: { employeeId: 'e1', goalId: 'g1', status: 'in_progress', note: 'halfway' }, summary: 'Focus goal g1 marked in progress' },
  FocusClosed: { data: { employeeId: 'e1', outcome: 'escalated', effectiveDate: '2026-03-10' }, summary: 'Focus closed (escalated), effective 2026-03-10' },
  PivotPlaced: {
    data: { employeeId: 'e1', startDate: '2026-03-12', reason: 'escalated Focus', choiceDeadline: '2026-03-17' },
    summary: 'Placed in Pivot from 2026-03-12; option to be chosen by 2026-03-17',
  },
  PivotOptionChosen: {
    data: { employeeId: 'e1', option: 'improvement_plan', effectiveDate: '2026-03-16', planDueDate: '2026-05-01', goals: [goal] },
    summary: 'Pivot option chosen: improvement plan due 2026-05-01',
  },
  BuyoutAccepted: {
    data: { employeeId: 'e1', effectiveDate: '2026-03-16', severanceWeeks: 12 },
    summary: 'Buyout accepted, effective 2026-03-16; severance 12 weeks',
  },
  AppealDecided: {
    data: { employeeId: 'e1', outcome: 'upheld', panel: ['p1', 'p2', 'p3'], decidedAt: '2026-04-01' },
    summary: 'Appeal lost: decision upheld by panel p1, p2, p3 on 2026-04-01',
  },
  PivotClosed: {
    data: { employeeId: 'e1', outcome: 'failed', effectiveDate: '2026-05-01' },
    summary: 'Pivot closed: improvement plan failed, effective 2026-05-01',
  },
  PivotChoiceWindowLapsed: {
    data: { employeeId: 'e1', choiceDeadline: '2026-03-06', lapsedOn: '2026-03-09', onLapse: 'record' },
    summary: 'Pivot choice window lapsed on 2026-03-09: no option chosen by 2026-03-06 (on lapse: record)',
  },
  PromotionNominated: {
    data: { employeeId: 'e1', promotionId: 'pr1', fromLevel: 'L5', toLevel: 'L6', nominatedBy: 'm1', document: 'why' },
    summary: 'Nominated by m1 for promotion from L5 to L6 (promotion pr1)',
  },
  PromotionDecided: {
    data: { employeeId: 'e1', promotionId: 'pr1', approved: false, panel: ['p1', 'p2'], effectiveDate: '2026-06-01' },
    summary: 'Promotion pr1 rejected by panel p1, p2, effective 2026-06-01',
  },
  Promoted: {
    data: { employeeId: 'e1', promotionId: 'pr1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2026-06-01' },
    summary: 'Promoted from L5 to L6, effective 2026-06-01',
  },
  PersonalDataErased: { data: { employeeId: 'e1', reason: 'GDPR request 42' }, summary: 'Personal data erased: GDPR request 42' },
  EventCorrected: {
    data: {
      employeeId: 'e1',
      eventId: 'ev-7',
      revision: 3,
      eventType: 'RatingReceived',
      reason: 'keyed for the wrong person',
      correctedData: { rating: 'SE' },
      decidedBy: 'hr-1',
    },
    summary: 'Correction of RatingReceived ev-7: rating SE, approved by hr-1',
  },
  EventRetracted: {
    data: { employeeId: 'e1', eventId: 'ev-9', revision: 5, eventType: 'EmployeeSeparated', reason: 'recorded in error' },
    summary: 'Retraction of EmployeeSeparated ev-9',
  },
  EmployeeRehired: {
    data: { employeeId: 'e1', hireDate: '2027-02-01', level: 'L5', jobFamily: 'SWE', orgId: 'eng' },
    summary: 'Rehired as L5 in org eng (job family SWE) from 2027-02-01',
  },
  LeaveStarted: { data: { employeeId: 'e1', startDate: '2026-03-02', kind: 'parental' }, summary: 'On parental leave from 2026-03-02' },
  LeaveEnded: {
    data: { employeeId: 'e1', startDate: '2026-03-02', endDate: '2026-03-31', pausedDays: 30 },
    summary: 'Leave ended on 2026-03-31; due dates moved by 30 days',
  },
  JobChanged: {
    data: {
      employeeId: 'e1',
      fromLevel: 'L6',
      toLevel: 'L5',
      fromJobFamily: 'SWE',
      toJobFamily: 'PM',
      effectiveDate: '2026-07-01',
      reason: 'moved to product',
    },
    summary: 'Job changed from SWE L6 to PM L5, effective 2026-07-01',
  },
  BaseSalaryChanged: {
    data: {
      employeeId: 'e1',
      effectiveDate: '2026-04-01',
      baseSalary: { amount: 15_000_000, currency: 'USD' },
      reason: 'job-change',
      level: 'L6',
      jobFamily: 'SDE',
    },
    summary: 'Base salary USD 150000.00 a year from 2026-04-01 (job-change; SDE L6)',
  },
  SignOnBonusGranted: {
    data: { employeeId: 'e1', grantDate: '2026-01-05', currency: 'USD', instalments: [{ payDate: '2026-01-31', amount: 2_000_000 }], clawback: { months: 12 } },
    summary: 'Sign-on bonus in USD granted on 2026-01-05: 1 instalment, clawback 12 months',
  },
  EquityGranted: {
    data: {
      employeeId: 'e1',
      grantId: 'g-1',
      kind: 'initial',
      grantDate: '2026-01-05',
      units: 400,
      unitValue: { amount: 15_000, currency: 'USD' },
      vesting: [{ monthsAfterGrant: 12, share: 1 }],
    },
    summary: 'Equity grant g-1 (initial) of 400 units at USD 150.00 on 2026-01-05',
  },
  SignOnClawbackOwed: {
    data: { employeeId: 'e1', grantDate: '2026-01-05', separationDate: '2026-06-30', owed: { amount: 1_000_000, currency: 'USD' } },
    summary: 'Sign-on of 2026-01-05: USD 10000.00 owed back after leaving on 2026-06-30',
  },
  FinalRatingCorrected: {
    data: { cycleId: 'c1', employeeId: 'e1', fromRating: 'LE', toRating: 'SE', correctionEventId: 'ev-12' },
    summary: 'Final rating LE in cycle c1 corrected to SE',
  },
  ReviewCycleOpened: {
    data: { cycleId: '2025-H2', name: 'Second half 2025', periodStart: '2025-07-01', periodEnd: '2025-12-31', policy: 'default@1' },
    summary: 'Review cycle 2025-H2 (Second half 2025) opened for 2025-07-01 to 2025-12-31 under policy default@1',
  },
  SelfAssessmentSubmitted: { data: { cycleId: '2025-H2', employeeId: 'e1', text: 'Shipped search' }, summary: 'Self-assessment submitted in cycle 2025-H2' },
  RatingProposed: {
    data: {
      cycleId: '2025-H2',
      employeeId: 'e1',
      managerId: 'm1',
      rating: 'HV2',
      principles: { met: ['Ownership'], missed: ['Dive Deep', 'Earn Trust'] },
      narrative: 'Solid',
    },
    summary: 'Rating HV2 proposed by manager m1 in cycle 2025-H2; missed principles: Dive Deep, Earn Trust',
  },
  RatingCalibrated: {
    data: { cycleId: '2025-H2', employeeId: 'e1', fromRating: 'HV2', rating: 'LE', rank: 7, groupId: 'g1', rationale: 'compared across the group' },
    summary: 'Calibrated from HV2 to LE by calibrator-1, rank 7 in group g1',
  },
  ReviewCycleFinalized: { data: { cycleId: '2025-H2', ratedEmployees: 12 }, summary: 'Review cycle 2025-H2 finalized with 12 rated employees' },
  RatingFinalized: {
    data: { cycleId: '2025-H2', employeeId: 'e1', rating: 'LE', calibrated: true, rank: 7, groupId: 'g1', periodEnd: '2025-12-31', policy: 'default@1' },
    summary: 'Rating LE finalized in cycle 2025-H2 (calibrated)',
  },
  PolicyPublished: { data: { policy: { ...DEFAULT_POLICY, version: 3 } }, summary: 'Policy default version 3 published (Amazon-style)' },
};

describe('event summaries', () => {
  it('has a summary of its own for every event type the domain declares', () => {
    const types = domainEventTypes();

    expect(types).toEqual(Object.keys(EXAMPLES).sort());
    for (const type of types) expect([type, summarize(event(type, {}))]).not.toEqual([type, genericSummary(type)]);
  });

  it.each(Object.entries(EXAMPLES))('summarizes %s in one line', (type, { data, summary }) => {
    expect(summarize(event(type, data))).toBe(summary);
  });

  it.each([
    ['EmployeeSeparated', { type: 'voluntary', regretted: true, reason: 'moved abroad' }, 'Separated (voluntary, regretted): moved abroad'],
    ['PivotOptionChosen', { option: 'buyout' }, 'Pivot option chosen: buyout'],
    ['AppealDecided', { outcome: 'overturned', panel: ['p1'], decidedAt: '2026-04-01' }, 'Appeal won: decision overturned by panel p1 on 2026-04-01'],
    ['RatingCalibrated', { fromRating: 'HV1', rating: 'HV2' }, 'Calibrated from HV1 to HV2 by calibrator-1'],
    ['RatingFinalized', { cycleId: 'c1', rating: 'HV3', calibrated: false }, 'Rating HV3 finalized in cycle c1 (as proposed)'],
    ['FocusEntered', { startDate: '2026-01-10', dueDate: '2026-03-10', goals: [goal] }, 'Entered Focus from 2026-01-10 to 2026-03-10 with 1 goal'],
    ['EmployeeHired', { name: 'Bo', level: 'L4', orgId: 'eng', jobFamily: 'SWE' }, 'Hired Bo as L4 in org eng (job family SWE)'],
  ])('summarizes the other shapes of %s', (type, data, summary) => {
    expect(summarize(event(type, data))).toBe(summary);
  });

  it('renders sealed personal fields as [sealed] and erased ones as they read', () => {
    const sealed = { $pii: 'v1.x' };

    expect(summarize(event('EmployeeHired', { ...EXAMPLES.EmployeeHired.data, name: sealed, email: sealed }))).toBe(
      'Hired [sealed] as L5 in org eng (job family SWE), manager m1',
    );
    expect(summarize(event('EmployeeSeparated', { ...EXAMPLES.EmployeeSeparated.data, reason: sealed }))).toBe(
      'Separated (involuntary, unregretted): [sealed]; severance 1.7 weeks',
    );
    expect(summarize(event('EmployeeHired', { ...EXAMPLES.EmployeeHired.data, name: '[erased]' }))).toContain('Hired [erased] as L5');
  });

  it('never renders [object Object], undefined or throws, even for data missing every field', () => {
    for (const type of domainEventTypes()) {
      for (const data of [{}, null, 'not an object']) {
        const summary = summarize(event(type, data));
        expect(summary).not.toMatch(/\[object Object\]|undefined/);
      }
    }
  });

  it('gives unknown event types a generic summary', () => {
    expect(summarize(event('SomethingNew', { employeeId: 'e1' }))).toBe(genericSummary('SomethingNew'));
    expect(genericSummary('SomethingNew')).toBe('SomethingNew recorded');
  });
});
