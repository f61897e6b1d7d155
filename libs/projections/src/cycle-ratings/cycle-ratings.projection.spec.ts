import { PERSONAL_FIELDS } from '@pm/domain';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { project } from '../document-batch';
import { cycleKey, cycleRatingKey, cycleRatings, employeeAssignmentKey, type CycleRatingsDoc } from './cycle-ratings.projection';

const CYCLE = '2025-H2';
const sealed = { $pii: 'v1.x' };
const calibrator = { id: 'cal-lead', role: 'hr' };

const hired = (employeeId: string, orgId = 'eng', managerId: string | null = 'm1'): EventSpec => ({
  type: 'EmployeeHired',
  data: {
    employeeId,
    name: sealed,
    email: sealed,
    level: 'L5',
    jobFamily: 'SWE',
    orgId,
    managerId: managerId ?? undefined,
    hireDate: '2025-01-06',
    location: sealed,
    attributes: sealed,
  },
});
const opened: EventSpec = {
  type: 'ReviewCycleOpened',
  data: { cycleId: CYCLE, name: 'H2', periodStart: '2025-07-01', periodEnd: '2025-12-31', policy: 'default@1' },
};
const proposed = (employeeId: string, rating: string, managerId = 'm1'): EventSpec => ({
  type: 'RatingProposed',
  data: { cycleId: CYCLE, employeeId, managerId, rating, narrative: sealed },
});
const calibrated = (employeeId: string, fromRating: string, rating: string, rank?: number, groupId?: string): EventSpec => ({
  type: 'RatingCalibrated',
  data: { cycleId: CYCLE, employeeId, fromRating, rating, rank, groupId, rationale: sealed },
  actor: calibrator,
});
const finalized = (ratings: Array<[string, string, boolean, number?, string?]>): EventSpec[] => [
  { type: 'ReviewCycleFinalized', data: { cycleId: CYCLE, ratedEmployees: ratings.length }, recordedAt: '2026-02-01T10:00:00.000Z' },
  ...ratings.map(([employeeId, rating, wasCalibrated, rank, groupId]) => ({
    type: 'RatingFinalized',
    data: { cycleId: CYCLE, employeeId, rating, calibrated: wasCalibrated, rank, groupId, periodEnd: '2025-12-31', policy: 'default@1' },
    recordedAt: '2026-02-01T10:00:00.000Z',
  })),
];

const given = (specs: EventSpec[]) => project(cycleRatings, envelopes(specs));

describe('cycle ratings: the cycle header', () => {
  it('records the policy and period the cycle was opened with', () => {
    expect(given([opened]).get(cycleKey(CYCLE))).toEqual({
      cycleId: CYCLE,
      title: 'H2',
      policy: 'default@1',
      periodStart: '2025-07-01',
      periodEnd: '2025-12-31',
      finalized: false,
    });
  });

  it('marks the cycle finalized when it was recorded', () => {
    const documents = given([opened, hired('e1'), proposed('e1', 'HV2'), ...finalized([['e1', 'HV2', false]])]);

    expect(documents.get(cycleKey(CYCLE))).toMatchObject({ finalized: true, finalizedAt: '2026-02-01T10:00:00.000Z' });
  });
});

describe('cycle ratings: the employee directory', () => {
  it('follows hires, transfers, manager changes and promotions', () => {
    const documents = given([
      hired('e1'),
      hired('e2', 'ops', null),
      {
        type: 'EmployeeTransferred',
        data: { employeeId: 'e1', fromOrgId: 'eng', toOrgId: 'ops', fromManagerId: 'm1', effectiveDate: '2026-01-01', duringFocus: false },
      },
      { type: 'ManagerChanged', data: { employeeId: 'e2', toManagerId: 'm4', effectiveDate: '2026-01-01' } },
      {
        type: 'EmployeeTransferred',
        data: { employeeId: 'e2', fromOrgId: 'ops', toOrgId: 'eng', toManagerId: 'm5', effectiveDate: '2026-02-01', duringFocus: false },
      },
      { type: 'Promoted', data: { employeeId: 'e2', promotionId: 'p1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2026-03-01' } },
    ]);

    expect(documents.get(employeeAssignmentKey('e1'))).toEqual({ orgId: 'ops', managerId: 'm1', level: 'L5', jobFamily: 'SWE' });
    expect(documents.get(employeeAssignmentKey('e2'))).toEqual({ orgId: 'eng', managerId: 'm5', level: 'L6', jobFamily: 'SWE' });
  });

  it('records a hire without a manager as null', () => {
    expect(given([hired('e1', 'eng', null)]).get(employeeAssignmentKey('e1'))).toEqual({ orgId: 'eng', managerId: null, level: 'L5', jobFamily: 'SWE' });
  });
});

describe('cycle ratings: one employee rating', () => {
  it('snapshots where the employee sat when the rating was proposed', () => {
    const documents = given([
      hired('e1'),
      opened,
      proposed('e1', 'HV2', 'm1'),
      { type: 'EmployeeTransferred', data: { employeeId: 'e1', fromOrgId: 'eng', toOrgId: 'ops', effectiveDate: '2026-01-01', duringFocus: false } },
    ]);

    expect(documents.get(cycleRatingKey(CYCLE, 'e1'))).toEqual({
      employeeId: 'e1',
      managerId: 'm1',
      orgId: 'eng',
      level: 'L5',
      jobFamily: 'SWE',
      proposed: 'HV2',
      moves: [],
    });
  });

  it('keeps org, level and job family null for an employee it never saw hired', () => {
    expect(given([opened, proposed('x1', 'HV1')]).get(cycleRatingKey(CYCLE, 'x1'))).toMatchObject({
      orgId: null,
      level: null,
      jobFamily: null,
      proposed: 'HV1',
    });
  });

  it('records every calibration as a move: who, from what to what, when, with rank and group', () => {
    const documents = given([hired('e1'), opened, proposed('e1', 'HV2'), calibrated('e1', 'HV2', 'HV3', 5, 'g1'), calibrated('e1', 'HV3', 'LE', 7, 'g2')]);

    expect(documents.get(cycleRatingKey(CYCLE, 'e1'))).toEqual({
      employeeId: 'e1',
      managerId: 'm1',
      orgId: 'eng',
      level: 'L5',
      jobFamily: 'SWE',
      proposed: 'HV2',
      calibrated: 'LE',
      rank: 7,
      groupId: 'g2',
      moves: [
        { from: 'HV2', to: 'HV3', by: 'cal-lead', at: '2026-01-04T00:00:00.000Z', position: 4, rank: 5, groupId: 'g1' },
        { from: 'HV3', to: 'LE', by: 'cal-lead', at: '2026-01-05T00:00:00.000Z', position: 5, rank: 7, groupId: 'g2' },
      ],
    });
  });

  it('keeps the calibrations when the manager revises the proposal afterwards', () => {
    const documents = given([hired('e1'), opened, proposed('e1', 'HV2'), calibrated('e1', 'HV2', 'LE', 3), proposed('e1', 'HV3', 'm2')]);

    expect(documents.get(cycleRatingKey(CYCLE, 'e1'))).toMatchObject({
      managerId: 'm2',
      proposed: 'HV3',
      calibrated: 'LE',
      rank: 3,
      moves: [{ from: 'HV2', to: 'LE', by: 'cal-lead', at: '2026-01-04T00:00:00.000Z', position: 4, rank: 3 }],
    });
  });

  it('records the final grade with its rank and group', () => {
    const documents = given([
      hired('e1'),
      hired('e2'),
      opened,
      proposed('e1', 'HV2'),
      proposed('e2', 'TT'),
      calibrated('e1', 'HV2', 'LE', 7, 'g1'),
      ...finalized([
        ['e1', 'LE', true, 7, 'g1'],
        ['e2', 'TT', false],
      ]),
    ]);

    expect(documents.get(cycleRatingKey(CYCLE, 'e1'))).toMatchObject({ calibrated: 'LE', final: 'LE', rank: 7, groupId: 'g1' });
    expect(documents.get(cycleRatingKey(CYCLE, 'e2'))).toEqual({
      employeeId: 'e2',
      managerId: 'm1',
      orgId: 'eng',
      level: 'L5',
      jobFamily: 'SWE',
      proposed: 'TT',
      final: 'TT',
      moves: [],
    });
  });

  it('ignores a calibration or finalization of a rating it never saw proposed', () => {
    const documents = given([opened, calibrated('e1', 'HV2', 'LE'), ...finalized([['e1', 'LE', true]])]);

    expect(documents.has(cycleRatingKey(CYCLE, 'e1'))).toBe(false);
  });
});

describe('cycle ratings: stored documents', () => {
  const history = (): EventSpec[] => [
    hired('e1'),
    hired('e2', 'ops'),
    opened,
    proposed('e1', 'HV2'),
    proposed('e2', 'TT', 'm2'),
    calibrated('e1', 'HV2', 'LE', 2, 'g1'),
    proposed('e1', 'HV3'),
    { type: 'Promoted', data: { employeeId: 'e2', promotionId: 'p1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2026-03-01' } },
    ...finalized([
      ['e1', 'LE', true, 2, 'g1'],
      ['e2', 'TT', false],
    ]),
  ];

  it('hold nothing personal when the events carry sealed personal fields', () => {
    const documents = given(history());
    const personal = new Set(Object.values(PERSONAL_FIELDS).flatMap((paths) => paths.map((path) => path.split('[]')[0])));
    const fieldsOf = (value: unknown): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => [key, ...fieldsOf(inner)]) : [];

    expect(JSON.stringify([...documents])).not.toContain('$pii');
    for (const doc of documents.values()) expect(fieldsOf(doc).filter((field) => personal.has(field))).toEqual([]);
  });

  it('rebuild to the same bytes, with a fixed key order', () => {
    const bytes = (documents: Map<string, CycleRatingsDoc>) => JSON.stringify([...documents].sort(([a], [b]) => (a < b ? -1 : 1)));

    expect(bytes(given(history()))).toBe(bytes(given(history())));
    expect(Object.keys(given(history()).get(cycleRatingKey(CYCLE, 'e1')) ?? {})).toEqual([
      'employeeId',
      'managerId',
      'orgId',
      'level',
      'jobFamily',
      'proposed',
      'calibrated',
      'final',
      'rank',
      'groupId',
      'moves',
    ]);
  });

  it('declare every document they read (project throws on an undeclared read)', () => {
    expect(() => given(history())).not.toThrow();
    const [, , , proposal] = envelopes(history());
    expect(cycleRatings.keysOf(proposal)).toEqual([employeeAssignmentKey('e1'), cycleRatingKey(CYCLE, 'e1')]);
  });
});
