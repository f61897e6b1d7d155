import { cycle, group, historyOf, leave, policyOf, proposal, RECORDED, team } from '../test/replay-events';
import { FOUR_LEAVERS } from '../test/four-leavers';
import { replay } from './replay';

describe('replay: regretted classification', () => {
  it('moving the regretted line from HV3 to HV1 flips the policy-decided HV2 leaver only', () => {
    const result = replay(historyOf(FOUR_LEAVERS), {
      policyOf,
      counterfactual: proposal({ attrition: { ...RECORDED.attrition, regrettedIfLastGradeAtLeast: 'HV1' } }),
      from: '2024-01-01',
      to: '2025-12-31',
    });

    // r-01: HV2 is below HV1 → unregretted. r-02: the caller's word stays. r-03: TT is above HV1.
    // r-04: involuntary, unregretted either way.
    // Headcount: each employed 2024-01-01..2025-02-01 (the last day) = 366 + 32 = 398 days → 1,592.
    // Unregretted 1 (r-04) → 2: 365 / 1,592 = 0.2293 → 730 / 1,592 = 0.4585 (+0.2292).
    expect(result.baseline).toMatchObject({ separations: 4, regretted: 3, unregretted: 1, unregrettedRate: 0.2293, uraGap: 0.1693 });
    expect(result.counterfactual).toMatchObject({ separations: 4, regretted: 2, unregretted: 2, unregrettedRate: 0.4585, uraGap: 0.3985 });
    expect(result.diff.overall).toEqual({ regretted: -1, unregretted: 1, unregrettedRate: 0.2292, uraGap: 0.2292 });
    expect(result.changedOutcomes).toEqual([{ employee: 'r-01', outcome: 'regretted', baseline: true, counterfactual: false }]);
  });

  it('reads the last grade as the counterfactual made it', () => {
    // A calibrated group of 10 in org-a: TT TT HV1 HV1 HV1 HV2 HV2 HV2 HV2 LE. r-09 (HV2, ranked
    // 9th) leaves on 2025-02-01, regretted by the rule (HV2 is at or above HV3). Raising the LE
    // share to 20% makes r-09 LE: below the unchanged line, so unregretted.
    const history = historyOf([
      ...team('r', 10, '2023-01-01', 'org-a'),
      ...cycle('c-2024', '2024-12-31', group('r', ['TT', 'TT', 'HV1', 'HV1', 'HV1', 'HV2', 'HV2', 'HV2', 'HV2', 'LE'])),
      leave('r-09', '2025-02-01', { type: 'voluntary', regretted: true, source: 'policy', lastGrade: 'HV2' }),
    ]);

    const result = replay(history, {
      policyOf,
      counterfactual: proposal({ curve: { targets: { TT: 0.2, LE: 0.2 }, minGroupSize: 10 } }),
      from: '2024-01-01',
      to: '2025-12-31',
    });

    // r-09 is also newly allowed Focus; the one rating that allowed Focus as recorded (r-10) led
    // to none, so the estimate is 0 Focus entries and nothing more.
    expect(result.changedOutcomes).toEqual([
      { employee: 'r-09', cycleId: 'c-2024', outcome: 'grade', baseline: 'HV2', counterfactual: 'LE' },
      { employee: 'r-09', cycleId: 'c-2024', outcome: 'focusEligible', baseline: false, counterfactual: true },
      { employee: 'r-09', outcome: 'regretted', baseline: true, counterfactual: false },
    ]);
    expect(result.diff.overall).toMatchObject({ regretted: -1, unregretted: 1 });
    expect(result.diff.overall).not.toHaveProperty('focusEntries');
  });
});
