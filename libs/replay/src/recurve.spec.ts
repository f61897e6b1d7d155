import { CLASSIC_POLICY } from '@pm/domain';
import { historyOf, policyOf, proposal, RECORDED } from '../test/replay-events';
import { TWO_GROUPS, WINDOW } from '../test/two-groups';
import { replay } from './replay';
import { refused } from '../../domain/test/decider-specification';

describe('replay: final grades under another curve, from recorded ranks', () => {
  it('raising the LE share from 6% to 20% gives LE to exactly the two worst of each group of 10, and estimates the Focus cases that follow', () => {
    const history = historyOf(TWO_GROUPS);
    const result = replay(history, { policyOf, counterfactual: proposal({ curve: { targets: { TT: 0.2, LE: 0.2 }, minGroupSize: 10 } }), ...WINDOW });

    // LE quota: round(10 × 0.2) = 2 → ranks 9 and 10. Rank 10 was forced LE already and keeps it;
    // rank 9 is newly forced: a-09 and b-09 go from HV3 to LE. TT stays (quota 2 under both).
    // Focus (one LE) is now allowed after 4 ratings instead of 2 (a-10, b-10).
    // Estimates from the recorded history: of the 2 ratings that allowed Focus, 1 (a-10) led to
    // one → 0.5 per newly eligible rating; 1 of 1 closed Focus led to a Pivot → 1; 1 of 1 decided
    // Pivot ended in an exit → 1. So a-09 and b-09 each add 0.5 Focus, 0.5 Pivot, 0.5 exit.
    //
    // Headcount 2024-01-01..2025-12-31 (731 days): 19 × 731 + a-10 until 2025-05-19 (366 + 139)
    // = 13,889 + 505 = 14,394 employee-days.
    // Baseline unregretted 1 (a-10): 365 / 14,394 = 0.02536 → 0.0254; gap 0.0254 - 0.06 = -0.0346.
    // Counterfactual 1 + 2 × 0.5 = 2 (expected exits do not shorten headcount): 730 / 14,394
    // = 0.05072 → 0.0507; gap -0.0093. Deltas 0.0253.
    expect(result.baseline).toEqual({
      ratedEmployees: 20,
      gradeDistribution: { TT: 4, HV1: 3, HV2: 6, HV3: 5, LE: 2 },
      curveTargets: { TT: 0.2, LE: 0.06 },
      focusEligible: 2,
      focusEntries: 1,
      pivots: 1,
      involuntaryExits: 1,
      separations: 1,
      regretted: 0,
      unregretted: 1,
      unregrettedRate: 0.0254,
      uraTarget: 0.06,
      uraGap: -0.0346,
      promotionNominations: 0,
      promotionEligible: 0,
      // No pay recorded: nothing to re-judge.
      pay: { atRisk: 0, expectedRegrettedExits: 0, refresherCost: { amount: 0, currency: 'USD' }, payCost: { amount: 0, currency: 'USD' } },
    });
    expect(result.diff.overall).toEqual({
      focusEligible: 2,
      focusEntries: 1,
      pivots: 1,
      involuntaryExits: 1,
      separations: 1,
      unregretted: 1,
      unregrettedRate: 0.0253,
      uraGap: 0.0253,
      gradeDistribution: { HV3: -2, LE: 2 },
      curveTargets: { LE: 0.14 },
    });
    // org-a: 9 × 731 + 505 = 7,084 days; 365 / 7,084 = 0.0515 → 547.5 / 7,084 = 0.0773 (+0.0258).
    // org-b: 7,310 days; 0 → 182.5 / 7,310 = 0.025 (+0.025).
    // 2024 (the ratings' period, where the estimates count): 20 × 366 = 7,320 days; 0 → 365 / 7,320 = 0.0499.
    const perRow = {
      focusEligible: 1,
      focusEntries: 0.5,
      pivots: 0.5,
      involuntaryExits: 0.5,
      separations: 0.5,
      unregretted: 0.5,
      gradeDistribution: { HV3: -1, LE: 1 },
    };
    expect(result.diff.byOrg).toEqual([
      { org: 'org-a', ...perRow, unregrettedRate: 0.0258, uraGap: 0.0258 },
      { org: 'org-b', ...perRow, unregrettedRate: 0.025, uraGap: 0.025 },
    ]);
    expect(result.diff.byPeriod).toEqual([
      {
        period: '2024',
        focusEligible: 2,
        focusEntries: 1,
        pivots: 1,
        involuntaryExits: 1,
        separations: 1,
        unregretted: 1,
        unregrettedRate: 0.0499,
        uraGap: 0.0499,
        gradeDistribution: { HV3: -2, LE: 2 },
      },
    ]);
    expect(result.changedOutcomes).toEqual([
      { employee: 'a-09', cycleId: 'c-2024', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE' },
      { employee: 'a-09', cycleId: 'c-2024', outcome: 'focusEligible', baseline: false, counterfactual: true },
      { employee: 'a-09', cycleId: 'c-2024', outcome: 'focus', baseline: false, counterfactual: 0.5 },
      { employee: 'b-09', cycleId: 'c-2024', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE' },
      { employee: 'b-09', cycleId: 'c-2024', outcome: 'focusEligible', baseline: false, counterfactual: true },
      { employee: 'b-09', cycleId: 'c-2024', outcome: 'focus', baseline: false, counterfactual: 0.5 },
    ]);
    expect(result.assumptions).toEqual([
      expect.stringContaining('rank'),
      expect.stringContaining('probability 0.5: the recorded share of ratings allowing Focus that a Focus followed (1 of 2)'),
      expect.stringContaining('probability 1: the recorded share of closed Focus cases that led to a Pivot (1 of 1)'),
      expect.stringContaining('probability 1: the recorded share of Pivot outcomes that were a buyout, a lost appeal or a failed plan (1 of 1)'),
      expect.stringContaining('org and year of the rating'),
    ]);
    expect(result.policy).toEqual({ baseline: ['default@1'], counterfactual: 'default@2' });
    expect(result.position).toBe(history.position);
  });

  it('moves the grades a group no longer has to give (smaller than the proposed minimum) to the nearest free grade', () => {
    // Same history, the proposed curve enforced from groups of 11: nothing is forced any more.
    // TT and LE are still targeted grades, so the people the recorded curve forced there move to
    // the nearest grade the curve leaves free on their side: a-01, a-02, b-01, b-02 to HV1 (top),
    // a-10 and b-10 to HV3 (bottom).
    const result = replay(historyOf(TWO_GROUPS), {
      policyOf,
      counterfactual: proposal({ curve: { targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 11 } }),
      ...WINDOW,
    });

    expect(result.diff.overall.gradeDistribution).toEqual({ TT: -4, HV1: 4, HV3: 2, LE: -2 });
  });

  it('reads a renamed grade through the proposed scale aliases, changing nothing', () => {
    const renamed = proposal({
      scale: { grades: RECORDED.scale.grades.map((g) => (g.code === 'LE' ? { ...g, code: 'NI' } : g)), aliases: { LE: 'NI' } },
      curve: { targets: { TT: 0.2, NI: 0.06 }, minGroupSize: 10 },
      focus: { ...RECORDED.focus, triggers: [{ grades: ['NI'], consecutive: 1 }] },
    });

    const result = replay(historyOf(TWO_GROUPS), { policyOf, counterfactual: renamed, ...WINDOW });

    expect(result.baseline.gradeDistribution).toEqual({ TT: 4, HV1: 3, HV2: 6, HV3: 5, NI: 2 });
    expect(result.diff).toEqual({ overall: {}, byOrg: [], byPeriod: [], pay: {} });
    expect(result.changedOutcomes).toEqual([]);
  });

  it('refuses a proposed scale that cannot express a recorded grade, naming it', () => {
    const classic = { ...CLASSIC_POLICY, version: 1 };

    const error = refused(() => replay(historyOf(TWO_GROUPS), { policyOf, counterfactual: classic })).thenThrows('replay-scale-mismatch', 'invalid');
    expect(error.message).toContain('cannot express the recorded grade TT');
    expect(error.details).toMatchObject({ field: 'policy.scale', grade: 'TT' });
  });
});

describe('replay: the window', () => {
  it('refuses a history with no dated fact when no window is given', () => {
    refused(() => replay(historyOf([]), { policyOf, counterfactual: proposal({}) })).thenThrows('nothing-to-replay', 'invalid');
  });
});
