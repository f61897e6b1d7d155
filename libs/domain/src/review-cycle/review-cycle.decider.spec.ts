import { reviewCycleDecider, type Policy, type ReviewCycleCommand, type ReviewCycleEvent } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { BYTEDANCE, DEFAULT } from '../../test/employee-fixtures';

const cycle = spec(reviewCycleDecider);

type CommandOf<T extends ReviewCycleCommand['type']> = Extract<ReviewCycleCommand, { type: T }>;
const command = <T extends ReviewCycleCommand['type']>(type: T, data: CommandOf<T>['data'], policy: Policy = DEFAULT) =>
  ({ type, data, policy }) as CommandOf<T>;

const CYCLE = '2024-H1';
const opened = (policy: Policy = DEFAULT): ReviewCycleEvent => ({
  type: 'ReviewCycleOpened',
  data: { cycleId: CYCLE, name: 'First half 2024', periodStart: '2024-01-01', periodEnd: '2024-06-30', policy: `${policy.policyId}@${policy.version}` },
});
const proposed = (employeeId: string, rating: string, managerId = 'm-1'): ReviewCycleEvent => ({
  type: 'RatingProposed',
  data: { cycleId: CYCLE, employeeId, managerId, rating },
});
const calibrated = (employeeId: string, fromRating: string, rating: string, rank?: number, groupId?: string): ReviewCycleEvent => ({
  type: 'RatingCalibrated',
  data: { cycleId: CYCLE, employeeId, fromRating, rating, rank, groupId, rationale: 'compared across the group' },
});
const finalized = (ratedEmployees: number): ReviewCycleEvent => ({ type: 'ReviewCycleFinalized', data: { cycleId: CYCLE, ratedEmployees } });

const open = (policy: Policy = DEFAULT) =>
  command('OpenReviewCycle', { cycleId: CYCLE, name: 'First half 2024', periodStart: '2024-01-01', periodEnd: '2024-06-30' }, policy);
const propose = (employeeId: string, rating: string, policy: Policy = DEFAULT, managerId = 'm-1') =>
  command('ProposeRating', { employeeId, managerId, rating }, policy);
const calibrate = (employeeId: string, rating: string, rank?: number, groupId?: string) =>
  command('CalibrateRating', { employeeId, rating, rank, groupId, rationale: 'compared across the group' });
const finalize = () => command('FinalizeReviewCycle', {});
const selfAssess = () => command('SubmitSelfAssessment', { employeeId: 'e-1', text: 'Shipped search v2' });

describe('opening a review cycle', () => {
  it('records the cycle with the policy version it runs under', () => {
    cycle.given([]).when(open()).then([opened()]);
    cycle
      .given([])
      .when(open({ ...BYTEDANCE, version: 4 }))
      .then([opened({ ...BYTEDANCE, version: 4 })]);
  });

  it('refuses a cycle id already used', () => {
    cycle.given([opened()]).when(open()).thenThrows('review-cycle-already-exists', 'already-exists');
  });

  it.each(['2024-01-01', '2023-12-31'])('refuses a period ending on %s, not after its start', (periodEnd) => {
    const error = cycle
      .given([])
      .when(command('OpenReviewCycle', { cycleId: CYCLE, name: 'First half 2024', periodStart: '2024-01-01', periodEnd }))
      .thenThrows('period-end-before-start', 'invalid');
    expect(error.details).toEqual({ field: 'periodEnd' });
  });
});

describe('a cycle that was never opened', () => {
  it.each([selfAssess(), propose('e-1', 'HV1'), calibrate('e-1', 'HV1'), finalize()].map((c) => [c.type, c] as const))('refuses %s', (_type, cmd) => {
    cycle.given([]).when(cmd).thenThrows('review-cycle-not-found', 'not-found');
  });
});

describe('a finalized cycle', () => {
  const closed = () => [opened(), proposed('e-1', 'HV2'), finalized(1)];

  it.each([selfAssess(), propose('e-1', 'HV1'), calibrate('e-1', 'HV1'), finalize()].map((c) => [c.type, c] as const))('refuses %s', (_type, cmd) => {
    cycle.given(closed()).when(cmd).thenThrows('review-cycle-finalized', 'rule');
  });
});

describe('self-assessment', () => {
  it('is recorded in the cycle', () => {
    cycle
      .given([opened()])
      .when(selfAssess())
      .then([{ type: 'SelfAssessmentSubmitted', data: { cycleId: CYCLE, employeeId: 'e-1', text: 'Shipped search v2' } }]);
  });
});

describe('proposing a rating', () => {
  it("records the manager's grade with principles and narrative", () => {
    const data = {
      employeeId: 'e-1',
      managerId: 'm-1',
      rating: 'HV2',
      principles: { met: ['Ownership'], missed: ['Dive Deep'] },
      narrative: 'Goals met; missed on depth',
    };
    cycle
      .given([opened()])
      .when(command('ProposeRating', data))
      .then([{ type: 'RatingProposed', data: { cycleId: CYCLE, ...data } }]);
  });

  it('records the current code as it is (ByteDance N, formerly F)', () => {
    cycle
      .given([opened(BYTEDANCE)])
      .when(propose('e-1', 'N', BYTEDANCE))
      .then([proposed('e-1', 'N')]);
  });

  it('records a grade given under its old code as the current code (ByteDance F is now N)', () => {
    cycle
      .given([opened(BYTEDANCE)])
      .when(propose('e-1', 'F', BYTEDANCE))
      .then([proposed('e-1', 'N')]);
  });

  it.each([
    ['a code of no scale', 'ZZ'],
    ['a grade of another policy', 'EE'],
    ['the right code in the wrong case', 'hv1'],
  ])('refuses %s, naming the rating field', (_name, rating) => {
    const error = cycle.given([opened()]).when(propose('e-1', rating)).thenThrows('rating-not-on-scale', 'invalid');
    expect(error.details).toEqual({ field: 'rating' });
  });

  it('refuses a manager rating themselves', () => {
    cycle
      .given([opened()])
      .when(propose('m-1', 'TT', DEFAULT, 'm-1'))
      .thenThrows('self-rating');
  });
});

describe('calibrating a rating', () => {
  it('records the move from the proposed grade, with rank and group', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1')])
      .when(calibrate('e-1', 'HV3', 41, 'org-search'))
      .then([calibrated('e-1', 'HV1', 'HV3', 41, 'org-search')]);
  });

  it('records a second calibration as a move from the first', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1'), calibrated('e-1', 'HV1', 'HV2')])
      .when(calibrate('e-1', 'LE'))
      .then([calibrated('e-1', 'HV2', 'LE')]);
  });

  it('refuses a grade not on the scale', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1')])
      .when(calibrate('e-1', 'M-'))
      .thenThrows('rating-not-on-scale', 'invalid');
  });

  it('refuses an employee with no proposed rating', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1')])
      .when(calibrate('e-2', 'HV2'))
      .thenThrows('calibration-without-proposal');
  });

  it.each(['constructor', 'toString'])('refuses %s, an employeeId that only an object prototype has, without a proposal', (employeeId) => {
    cycle
      .given([opened(), proposed('e-1', 'HV1')])
      .when(calibrate(employeeId, 'HV2'))
      .thenThrows('calibration-without-proposal');
  });
});

describe('finalizing', () => {
  it('emits the cycle finalized, then one final rating per rated employee: calibrated grade if any, else proposed', () => {
    cycle
      .given([
        opened(),
        proposed('e-2', 'HV1'),
        proposed('e-1', 'TT'),
        proposed('e-3', 'HV2'),
        calibrated('e-2', 'HV1', 'HV3', 7, 'org-search'),
        calibrated('e-2', 'HV3', 'LE', 9, 'org-search'),
      ])
      .when(finalize())
      .then([
        finalized(3),
        { type: 'RatingFinalized', data: { cycleId: CYCLE, employeeId: 'e-1', rating: 'TT', calibrated: false, periodEnd: '2024-06-30', policy: 'default@1' } },
        {
          type: 'RatingFinalized',
          data: {
            cycleId: CYCLE,
            employeeId: 'e-2',
            rating: 'LE',
            calibrated: true,
            rank: 9,
            groupId: 'org-search',
            periodEnd: '2024-06-30',
            policy: 'default@1',
          },
        },
        {
          type: 'RatingFinalized',
          data: { cycleId: CYCLE, employeeId: 'e-3', rating: 'HV2', calibrated: false, periodEnd: '2024-06-30', policy: 'default@1' },
        },
      ]);
  });

  it('uses the latest proposal when a manager revised it before calibration', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1'), proposed('e-1', 'HV2')])
      .when(finalize())
      .then([
        finalized(1),
        {
          type: 'RatingFinalized',
          data: { cycleId: CYCLE, employeeId: 'e-1', rating: 'HV2', calibrated: false, periodEnd: '2024-06-30', policy: 'default@1' },
        },
      ]);
  });

  it('finalizes an empty cycle with no ratings', () => {
    cycle
      .given([opened()])
      .when(finalize())
      .then([finalized(0)]);
  });

  it('leaves the cycle finalized', () => {
    cycle
      .given([opened(), proposed('e-1', 'HV1')])
      .when(finalize())
      .thenState((state) => expect(state.status).toBe('finalized'));
  });
});

describe('the employee a command is about', () => {
  const about = [selfAssess(), propose('e-1', 'HV1'), calibrate('e-1', 'HV1')];

  it.each(about.map((c) => [c.type, c] as const))('%s refuses a person never hired', (_type, cmd) => {
    cycle
      .given([opened(), proposed('e-1', 'HV2')])
      .when({ ...cmd, employee: { status: 'none' } })
      .thenThrows('employee-not-found', 'not-found');
  });

  it.each(about.map((c) => [c.type, c] as const))('%s refuses a separated person, naming the separation date', (_type, cmd) => {
    const error = cycle
      .given([opened(), proposed('e-1', 'HV2')])
      .when({ ...cmd, employee: { status: 'separated', separatedOn: '2024-03-31' } })
      .thenThrows('employee-separated', 'rule');
    expect(error.message).toContain('2024-03-31');
  });

  it('accepts a person in Focus or Pivot: they are still employed and rated', () => {
    cycle
      .given([opened()])
      .when({ ...propose('e-1', 'HV1'), employee: { status: 'focus' } })
      .then([{ type: 'RatingProposed', data: { cycleId: CYCLE, employeeId: 'e-1', managerId: 'm-1', rating: 'HV1' } }]);
  });
});
