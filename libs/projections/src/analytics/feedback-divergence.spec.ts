import { BYTEDANCE_POLICY, CLASSIC_POLICY, DEFAULT_POLICY, policyRef, type Policy } from '@pm/domain';
import { feedbackRatingDivergence, type DivergenceQuery } from './feedback-divergence';
import { feedback, hire, recordsOf, receiveRating } from '../../test/workforce-events';

const BYTEDANCE: Policy = { ...BYTEDANCE_POLICY, version: 1 };
const DEFAULT: Policy = { ...DEFAULT_POLICY, version: 1 };
const H1 = { cycleId: 'h1-2025', periodEnd: '2025-06-30' };
const H2 = { cycleId: 'h2-2025', periodEnd: '2025-12-31' };

/** Every rating judged under `policy`. */
const allUnder = (policy: Policy, options: Partial<DivergenceQuery> = {}): DivergenceQuery => ({
  policyByRef: () => policy,
  fallbackPolicy: DEFAULT,
  ...options,
});

describe('feedbackRatingDivergence', () => {
  it('surfaces the fourth seed: 9 of 10 peer 360s positive, rated M- twice', () => {
    const records = recordsOf([
      hire('seed', '2023-01-01', 'org-a', { managerId: 'm-1' }),
      // H1: 5 peer 360s, all positive.
      ...['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'].map((date) => feedback('seed', date, 'positive', { cycleId: H1.cycleId })),
      // H2: 4 positive, 1 negative (9 of 10 over the year).
      ...['2025-11-01', '2025-11-02', '2025-11-03', '2025-11-04'].map((date) => feedback('seed', date, 'positive', { cycleId: H2.cycleId })),
      feedback('seed', '2025-11-05', 'negative', { cycleId: H2.cycleId }),
      // Anytime praise is not a 360: not counted.
      feedback('seed', '2025-10-01', 'positive', { kind: 'anytime' }),
      receiveRating('seed', H1.cycleId, 'M-', H1.periodEnd),
      receiveRating('seed', H2.cycleId, 'M-', H2.periodEnd),
    ]);

    // H1: 5 / 5 = 1.0 ≥ 0.7 with 5 ≥ 3 items. H2: 4 / 5 = 0.8 ≥ 0.7 with 5 items. M- is below the bar.
    expect(feedbackRatingDivergence(records, allUnder(BYTEDANCE))).toEqual([
      { employeeId: 'seed', ...H1, grade: 'M-', peer360: { positive: 5, neutral: 0, negative: 0 }, positiveShare: 1, orgId: 'org-a', managerId: 'm-1' },
      { employeeId: 'seed', ...H2, grade: 'M-', peer360: { positive: 4, neutral: 0, negative: 1 }, positiveShare: 0.8, orgId: 'org-a', managerId: 'm-1' },
    ]);
  });

  it('counts 360s without a cycle from the 12 months up to the period end', () => {
    const records = recordsOf([
      hire('e-1', '2023-01-01', 'org-a'),
      // 2024-12-31 is 12 months before 2025-12-31: out. The next three are in; 2026-01-02 is after the period.
      feedback('e-1', '2024-12-31', 'negative'),
      feedback('e-1', '2025-01-01', 'positive'),
      feedback('e-1', '2025-07-01', 'positive'),
      feedback('e-1', '2025-12-31', 'neutral'),
      feedback('e-1', '2026-01-02', 'negative'),
      // Another cycle's 360 does not count for H2.
      feedback('e-1', '2025-06-01', 'negative', { cycleId: H1.cycleId }),
      receiveRating('e-1', H2.cycleId, 'I', H2.periodEnd),
    ]);

    // 2 positive, 1 neutral → 3 items, share 2 / 3 = 0.6667 < 0.7: not divergent by default,
    // divergent with minPositiveShare 0.6.
    expect(feedbackRatingDivergence(records, allUnder(BYTEDANCE))).toEqual([]);
    expect(feedbackRatingDivergence(records, allUnder(BYTEDANCE, { minPositiveShare: 0.6 }))).toEqual([
      { employeeId: 'e-1', ...H2, grade: 'I', peer360: { positive: 2, neutral: 1, negative: 0 }, positiveShare: 0.6667, orgId: 'org-a', managerId: null },
    ]);
  });

  it('needs enough 360s and a low rating', () => {
    const records = recordsOf([
      // 2 positive 360s < minPeer360 3.
      hire('few', '2023-01-01', 'org-a'),
      feedback('few', '2025-05-01', 'positive', { cycleId: H1.cycleId }),
      feedback('few', '2025-05-02', 'positive', { cycleId: H1.cycleId }),
      receiveRating('few', H1.cycleId, 'M-', H1.periodEnd),
      // M is neither below the bar nor in the bottom two (I, N) of the ByteDance scale.
      hire('fine', '2023-01-01', 'org-a'),
      ...['2025-05-01', '2025-05-02', '2025-05-03'].map((date) => feedback('fine', date, 'positive', { cycleId: H1.cycleId })),
      receiveRating('fine', H1.cycleId, 'M', H1.periodEnd),
    ]);

    expect(feedbackRatingDivergence(records, allUnder(BYTEDANCE))).toEqual([]);
    expect(feedbackRatingDivergence(records, allUnder(BYTEDANCE, { minPeer360: 2 })).map((r) => r.employeeId)).toEqual(['few']);
  });

  it('counts the bottom two grades as low even when only one is below the bar', () => {
    const records = recordsOf([
      hire('e-1', '2023-01-01', 'org-a'),
      ...['2025-05-01', '2025-05-02', '2025-05-03'].map((date) => feedback('e-1', date, 'positive', { cycleId: H1.cycleId })),
      receiveRating('e-1', H1.cycleId, 'HV3', H1.periodEnd),
    ]);

    // Amazon-style scale TT, HV1, HV2, HV3, LE: HV3 is not below the bar but is second to last.
    expect(feedbackRatingDivergence(records, allUnder(DEFAULT)).map((r) => r.grade)).toEqual(['HV3']);
  });

  it('judges each rating under the policy its cycle was given under', () => {
    // classic@1: EE, ME, NI, so ME is second to last (low). classic@2 adds a fourth grade below NI: ME is no longer low.
    const classic1: Policy = { ...CLASSIC_POLICY, version: 1 };
    const classic2: Policy = {
      ...CLASSIC_POLICY,
      version: 2,
      scale: { ...CLASSIC_POLICY.scale, grades: [...CLASSIC_POLICY.scale.grades, { code: 'U', label: 'Unsatisfactory', belowBar: true }] },
    };
    const byRef = new Map([classic1, classic2].map((p) => [policyRef(p), p]));
    const records = recordsOf([
      hire('e-1', '2023-01-01', 'org-a'),
      ...['2025-05-01', '2025-05-02', '2025-05-03'].map((date) => feedback('e-1', date, 'positive', { cycleId: H1.cycleId })),
      ...['2025-11-01', '2025-11-02', '2025-11-03'].map((date) => feedback('e-1', date, 'positive', { cycleId: H2.cycleId })),
      receiveRating('e-1', H1.cycleId, 'ME', H1.periodEnd, false, 'classic@1'),
      receiveRating('e-1', H2.cycleId, 'ME', H2.periodEnd, false, 'classic@2'),
    ]);

    const rows = feedbackRatingDivergence(records, { policyByRef: (ref) => byRef.get(ref), fallbackPolicy: DEFAULT });
    expect(rows.map((r) => [r.cycleId, r.grade])).toEqual([[H1.cycleId, 'ME']]);
  });

  it('judges a rating whose policy version is unknown under the fallback policy', () => {
    const records = recordsOf([
      hire('e-1', '2023-01-01', 'org-a'),
      ...['2025-05-01', '2025-05-02', '2025-05-03'].map((date) => feedback('e-1', date, 'positive', { cycleId: H1.cycleId })),
      receiveRating('e-1', H1.cycleId, 'LE', H1.periodEnd),
    ]);

    const query = { policyByRef: () => undefined };
    expect(feedbackRatingDivergence(records, { ...query, fallbackPolicy: DEFAULT }).map((r) => r.grade)).toEqual(['LE']);
    expect(feedbackRatingDivergence(records, { ...query, fallbackPolicy: BYTEDANCE })).toEqual([]);
  });
});
