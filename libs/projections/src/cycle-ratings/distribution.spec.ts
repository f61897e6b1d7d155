import { CLASSIC_POLICY, DEFAULT_POLICY, type Policy } from '@pm/domain';
import { envelopes, type EventSpec } from '../../test/envelopes';
import { project } from '../document-batch';
import { cycleKey, cycleRatings, cycleRatingsPrefix, type CycleHeaderDoc, type CycleRatingDoc, type CycleRatingsDoc } from './cycle-ratings.projection';
import { analystDistribution, ratingDistribution, UNGROUPED, type DistributionGroupBy } from './distribution';

const CYCLE = '2025-H2';
const POLICY: Policy = { ...DEFAULT_POLICY, version: 1, curve: { targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 5 } };

const hired = (employeeId: string, orgId: string, managerId: string, level: string): EventSpec => ({
  type: 'EmployeeHired',
  data: { employeeId, name: { $pii: 'v1.x' }, email: { $pii: 'v1.x' }, level, jobFamily: 'SWE', orgId, managerId, hireDate: '2025-01-06' },
});
const opened: EventSpec = {
  type: 'ReviewCycleOpened',
  data: { cycleId: CYCLE, name: 'H2', periodStart: '2025-07-01', periodEnd: '2025-12-31', policy: 'default@1' },
};
const proposed = (employeeId: string, managerId: string, rating: string): EventSpec => ({
  type: 'RatingProposed',
  data: { cycleId: CYCLE, employeeId, managerId, rating },
});
const calibrated = (employeeId: string, fromRating: string, rating: string, rank: number, groupId: string): EventSpec => ({
  type: 'RatingCalibrated',
  data: { cycleId: CYCLE, employeeId, fromRating, rating, rank, groupId, rationale: { $pii: 'v1.x' } },
  actor: { id: 'cal-lead', role: 'hr' },
});

// eng: e1-e6 under m1, ops: e7-e10 under m2; e1-e5 are L5, e6-e10 L6.
const PROPOSALS: Array<[string, string, string, string]> = [
  ['e1', 'eng', 'm1', 'TT'],
  ['e2', 'eng', 'm1', 'TT'],
  ['e3', 'eng', 'm1', 'HV1'],
  ['e4', 'eng', 'm1', 'HV2'],
  ['e5', 'eng', 'm1', 'HV2'],
  ['e6', 'eng', 'm1', 'HV3'],
  ['e7', 'ops', 'm2', 'TT'],
  ['e8', 'ops', 'm2', 'HV1'],
  ['e9', 'ops', 'm2', 'HV2'],
  ['e10', 'ops', 'm2', 'HV3'],
];

/** Positions 1-10 hires, 11 opened, 12-21 proposals, 22-23 calibrations (recorded 2026-01-22 and -23), then finalization. */
const calibrating = (): EventSpec[] => [
  ...PROPOSALS.map(([employeeId, orgId, managerId], i) => hired(employeeId, orgId, managerId, i < 5 ? 'L5' : 'L6')),
  opened,
  ...PROPOSALS.map(([employeeId, , managerId, rating]) => proposed(employeeId, managerId, rating)),
  calibrated('e2', 'TT', 'HV1', 2, 'g1'),
  calibrated('e10', 'HV3', 'LE', 4, 'g2'),
];

const CALIBRATED: Record<string, { rating: string; rank: number; groupId: string }> = {
  e2: { rating: 'HV1', rank: 2, groupId: 'g1' },
  e10: { rating: 'LE', rank: 4, groupId: 'g2' },
};

const finalized = (): EventSpec[] => [
  ...calibrating(),
  { type: 'ReviewCycleFinalized', data: { cycleId: CYCLE, ratedEmployees: 10 } },
  ...PROPOSALS.map(([employeeId, , , proposal]) => {
    const calibration = CALIBRATED[employeeId] as (typeof CALIBRATED)[string] | undefined;
    return {
      type: 'RatingFinalized',
      data: {
        cycleId: CYCLE,
        employeeId,
        rating: calibration?.rating ?? proposal,
        calibrated: calibration !== undefined,
        rank: calibration?.rank,
        groupId: calibration?.groupId,
        periodEnd: '2025-12-31',
        policy: 'default@1',
      },
    };
  }),
];

/** What the API does: the header, then a prefix scan of the cycle's ratings in key order. */
function cycleOf(specs: EventSpec[]): { header: CycleHeaderDoc; ratings: CycleRatingDoc[] } {
  const documents = project<CycleRatingsDoc>(cycleRatings, envelopes(specs));
  const ratings = [...documents.entries()]
    .filter(([key]) => key.startsWith(cycleRatingsPrefix(CYCLE)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, doc]) => doc as CycleRatingDoc);
  return { header: documents.get(cycleKey(CYCLE)) as CycleHeaderDoc, ratings };
}

function distributionOf(specs: EventSpec[], groupBy: DistributionGroupBy, policy: Policy = POLICY) {
  const { header, ratings } = cycleOf(specs);
  return ratingDistribution(header, ratings, policy, groupBy);
}

/** An analyst's cut, with pseudonyms that are easy to read back in a test. */
function analystsSee(specs: EventSpec[], groupBy: DistributionGroupBy, minGroupSize: number) {
  const { header, ratings } = cycleOf(specs);
  return analystDistribution(ratingDistribution(header, ratings, POLICY, groupBy), ratings, { minGroupSize, pseudonym: (id) => `p(${id})` });
}

const grades = (TT: number, HV1: number, HV2: number, HV3: number, LE: number) => ({ TT, HV1, HV2, HV3, LE });

describe('rating distribution', () => {
  it('counts final grades per org against the curve, with the proposals and every move', () => {
    expect(distributionOf(finalized(), 'org')).toEqual({
      cycleId: CYCLE,
      policy: 'default@1',
      stage: 'final',
      groupBy: 'org',
      grades: ['TT', 'HV1', 'HV2', 'HV3', 'LE'],
      groups: [
        {
          group: 'eng',
          size: 6,
          counts: grades(1, 2, 2, 1, 0),
          shares: grades(0.1667, 0.3333, 0.3333, 0.1667, 0),
          targets: { TT: 0.2, LE: 0.06 },
          deviations: { TT: -0.0333, LE: -0.06 },
          curveEnforced: true,
          proposedCounts: grades(2, 1, 2, 1, 0),
        },
        {
          group: 'ops',
          size: 4,
          counts: grades(1, 1, 1, 0, 1),
          shares: grades(0.25, 0.25, 0.25, 0, 0.25),
          targets: { TT: 0.2, LE: 0.06 },
          deviations: { TT: 0.05, LE: 0.19 },
          curveEnforced: false,
          proposedCounts: grades(1, 1, 1, 1, 0),
        },
      ],
      moves: [
        { employeeId: 'e2', from: 'TT', to: 'HV1', by: 'cal-lead', at: '2026-01-22T00:00:00.000Z', rank: 2, groupId: 'g1' },
        { employeeId: 'e10', from: 'HV3', to: 'LE', by: 'cal-lead', at: '2026-01-23T00:00:00.000Z', rank: 4, groupId: 'g2' },
      ],
      totals: {
        group: 'all',
        size: 10,
        counts: grades(2, 3, 3, 1, 1),
        shares: grades(0.2, 0.3, 0.3, 0.1, 0.1),
        targets: { TT: 0.2, LE: 0.06 },
        deviations: { TT: 0, LE: 0.04 },
        curveEnforced: true,
        proposedCounts: grades(3, 2, 3, 2, 0),
      },
    });
  });

  it('counts calibrated grades, over proposals, while the cycle is calibrating', () => {
    const distribution = distributionOf(calibrating(), 'all');

    expect(distribution.stage).toBe('calibrating');
    expect(distribution.groups.map((g) => [g.group, g.counts, g.proposedCounts])).toEqual([['all', grades(2, 3, 3, 1, 1), grades(3, 2, 3, 2, 0)]]);
    expect(distribution.moves.map((m) => m.employeeId)).toEqual(['e2', 'e10']);
  });

  it.each<[DistributionGroupBy, Array<[string, number]>]>([
    [
      'manager',
      [
        ['m1', 6],
        ['m2', 4],
      ],
    ],
    [
      'level',
      [
        ['L5', 5],
        ['L6', 5],
      ],
    ],
    ['jobFamily', [['SWE', 10]]],
    [
      'calibrationGroup',
      [
        [UNGROUPED, 8],
        ['g1', 1],
        ['g2', 1],
      ],
    ],
  ])('groups by %s, sorted by group', (groupBy, sizes) => {
    expect(distributionOf(finalized(), groupBy).groups.map((g) => [g.group, g.size])).toEqual(sizes);
  });

  it('reads renamed grades through the policy aliases, and keeps grades off the scale visible', () => {
    const classic: Policy = { ...CLASSIC_POLICY, version: 1 };
    const specs = [opened, proposed('a', 'm1', 'MET'), proposed('b', 'm1', 'ME'), proposed('c', 'm1', 'XX'), calibrated('a', 'MET', 'EE', 1, 'g1')];
    const { grades: codes, totals, moves } = distributionOf(specs, 'org', classic);

    expect(codes).toEqual(['EE', 'ME', 'NI', 'XX']);
    expect(totals.counts).toEqual({ EE: 1, ME: 1, NI: 0, XX: 1 });
    expect(totals.proposedCounts).toEqual({ EE: 0, ME: 2, NI: 0, XX: 1 });
    expect(moves[0]).toMatchObject({ from: 'ME', to: 'EE' });
  });

  it('puts employees with no known org in one group', () => {
    expect(distributionOf([opened, proposed('x1', 'm1', 'HV1')], 'org').groups.map((g) => [g.group, g.size])).toEqual([[UNGROUPED, 1]]);
  });

  it('answers an empty cycle with zero counts and shares', () => {
    const { groups, totals } = distributionOf([opened], 'org');

    expect(groups).toEqual([]);
    expect(totals).toMatchObject({
      size: 0,
      counts: grades(0, 0, 0, 0, 0),
      shares: grades(0, 0, 0, 0, 0),
      deviations: { TT: -0.2, LE: -0.06 },
      curveEnforced: false,
    });
  });

  describe('as analysts see it', () => {
    it('suppresses a small group and, complementarily, the smallest other, keeping totals and no move of theirs', () => {
      // ops (4) is under 5; totals (10) minus eng would be ops, so eng (6) is suppressed too.
      const byOrg = analystsSee(finalized(), 'org', 5);
      expect(byOrg.groups).toEqual([]);
      expect(byOrg.suppressed).toEqual(['eng', 'ops']);
      expect(byOrg.totals).toMatchObject({ size: 10, counts: grades(2, 3, 3, 1, 1) });
      expect(byOrg.moves).toEqual([]);

      // With a minimum of 4 both orgs are shown, with their moves.
      const shown = analystsSee(finalized(), 'org', 4);
      expect(shown.groups.map((g) => g.group)).toEqual(['eng', 'ops']);
      expect(shown.moves.map((m) => m.employeeId)).toEqual(['p(e2)', 'p(e10)']);
    });

    it('names people, managers and calibrating actors by pseudonym, drops the rank, and names only large calibration groups', () => {
      const all = analystsSee(finalized(), 'all', 5);
      // g1 and g2 hold one person each (under 5): their names would point at that person.
      expect(all.moves).toEqual([
        { employeeId: 'p(e2)', from: 'TT', to: 'HV1', by: 'p(cal-lead)', at: '2026-01-22T00:00:00.000Z' },
        { employeeId: 'p(e10)', from: 'HV3', to: 'LE', by: 'p(cal-lead)', at: '2026-01-23T00:00:00.000Z' },
      ]);
      expect(analystsSee(finalized(), 'all', 1).moves.map((m) => m.groupId)).toEqual(['g1', 'g2']);

      const byManager = analystsSee(finalized(), 'manager', 4);
      expect(byManager.groups.map((g) => g.group)).toEqual(['p(m1)', 'p(m2)']);
      expect(JSON.stringify(byManager)).not.toMatch(/"m[12]"|"cal-lead"|"e\d+"/);
    });

    it('withholds the totals when the whole cycle is under the minimum', () => {
      const tiny = analystsSee(finalized(), 'all', 11);
      expect(tiny).toMatchObject({ groups: [], suppressed: ['all'], totals: null, moves: [] });
    });
  });
});
