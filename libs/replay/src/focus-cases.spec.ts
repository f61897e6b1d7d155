import { closeFocus, cycle, enterFocus, group, historyOf, policyOf, proposal, RECORDED, team } from '../test/replay-events';
import { TWO_GROUPS, WINDOW } from '../test/two-groups';
import { replay } from './replay';

describe('replay: Focus eligibility and the cases that follow from it', () => {
  it('lowering the LE share to 0 removes the Focus that happened, its Pivot and its exit', () => {
    const result = replay(historyOf(TWO_GROUPS), {
      policyOf,
      counterfactual: proposal({ curve: { targets: { TT: 0.2, LE: 0 }, minGroupSize: 10 } }),
      ...WINDOW,
    });

    // LE quota round(10 × 0) = 0: rank 10 is no longer forced, and LE is still a targeted grade,
    // so a-10 and b-10 move to HV3, the nearest free grade at the bottom. Nobody is LE: no rating
    // allows Focus (2 → 0). a-10's Focus (2025-01-20) goes, with its Pivot (2025-03-21) and the
    // failed plan's exit (2025-05-20). Nothing new is estimated.
    // Headcount: baseline 14,394 employee-days (see two-groups), unregretted 1 → 0.0254;
    // counterfactual a-10 stays to the end: 20 × 731 = 14,620, unregretted 0 → 0. Delta -0.0254.
    expect(result.diff.overall).toEqual({
      focusEligible: -2,
      focusEntries: -1,
      pivots: -1,
      involuntaryExits: -1,
      separations: -1,
      unregretted: -1,
      unregrettedRate: -0.0254,
      uraGap: -0.0254,
      gradeDistribution: { HV3: 2, LE: -2 },
      curveTargets: { LE: -0.06 },
    });
    expect(result.counterfactual).toMatchObject({ focusEntries: 0, pivots: 0, separations: 0, unregretted: 0, unregrettedRate: 0 });
    expect(result.changedOutcomes).toEqual([
      { employee: 'a-10', cycleId: 'c-2024', outcome: 'grade', baseline: 'LE', counterfactual: 'HV3' },
      { employee: 'a-10', cycleId: 'c-2024', outcome: 'focusEligible', baseline: true, counterfactual: false },
      { employee: 'a-10', cycleId: 'c-2024', outcome: 'focus', baseline: true, counterfactual: false },
      { employee: 'a-10', outcome: 'separation', baseline: 'pivot_failed', counterfactual: null },
      { employee: 'b-10', cycleId: 'c-2024', outcome: 'grade', baseline: 'LE', counterfactual: 'HV3' },
      { employee: 'b-10', cycleId: 'c-2024', outcome: 'focusEligible', baseline: true, counterfactual: false },
    ]);
    expect(result.assumptions).toEqual([
      expect.stringContaining('rank'),
      'People whose exit no longer happens count as employed until the end of the window, with no further rating or case.',
    ]);
  });

  it('a trigger of two consecutive LE removes the Focus cases a single LE started, and keeps the one two LE started', () => {
    // Three people in org-a, rated in c-2023 and c-2024 (groups of 3: no curve):
    // - x-01: LE, HV2. Focus after c-2023 (2024-01-20, succeeded 2024-03-20).
    // - x-02: LE, LE. Focus after c-2023 (2024-01-20, succeeded) and after c-2024 (2025-01-20, succeeded).
    // - x-03: HV2, HV2.
    const history = historyOf([
      ...team('x', 3, '2022-01-01', 'org-a'),
      ...cycle('c-2023', '2023-12-31', group('x', ['LE', 'LE', 'HV2'], { ranked: false })),
      enterFocus('x-01', '2024-01-20', '2024-03-20', ['c-2023']),
      closeFocus('x-01', '2024-03-20', 'succeeded'),
      enterFocus('x-02', '2024-01-20', '2024-03-20', ['c-2023']),
      closeFocus('x-02', '2024-03-20', 'succeeded'),
      ...cycle('c-2024', '2024-12-31', group('x', ['HV2', 'LE', 'HV2'], { ranked: false })),
      enterFocus('x-02', '2025-01-20', '2025-03-20', ['c-2024']),
      closeFocus('x-02', '2025-03-20', 'succeeded'),
    ]);
    const twoInARow = proposal({ focus: { ...RECORDED.focus, triggers: [{ grades: ['LE'], consecutive: 2 }] } });

    const result = replay(history, { policyOf, counterfactual: twoInARow, from: '2023-01-01', to: '2025-12-31' });

    // Allowed as recorded: x-01 after c-2023, x-02 after c-2023 and c-2024 (3). With two in a row:
    // x-02 after c-2024 only (1). The Focus cases started by c-2023 go (2 of 3); x-02's second stays.
    expect(result.diff.overall).toEqual({ focusEligible: -2, focusEntries: -2 });
    expect(result.diff.byPeriod).toEqual([
      { period: '2023', focusEligible: -2 },
      { period: '2024', focusEntries: -2 },
    ]);
    expect(result.changedOutcomes).toEqual([
      { employee: 'x-01', cycleId: 'c-2023', outcome: 'focusEligible', baseline: true, counterfactual: false },
      { employee: 'x-01', cycleId: 'c-2023', outcome: 'focus', baseline: true, counterfactual: false },
      { employee: 'x-02', cycleId: 'c-2023', outcome: 'focusEligible', baseline: true, counterfactual: false },
      { employee: 'x-02', cycleId: 'c-2023', outcome: 'focus', baseline: true, counterfactual: false },
    ]);
  });
});
