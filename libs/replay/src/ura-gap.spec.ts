import { FOUR_LEAVERS } from '../test/four-leavers';
import { historyOf, policyOf, proposal, RECORDED } from '../test/replay-events';
import { replay } from './replay';

describe('replay: URA gap', () => {
  it('a higher URA target changes the target and the gap, and no outcome', () => {
    const result = replay(historyOf(FOUR_LEAVERS), {
      policyOf,
      counterfactual: proposal({ attrition: { ...RECORDED.attrition, uraTarget: 0.1 } }),
      from: '2024-01-01',
      to: '2025-12-31',
    });

    // Unregretted 1 (r-04) over 1,592 employee-days (each through the last day, 2025-02-01):
    // 365 / 1,592 = 0.2293, the same on both sides. Gap 0.2293 - 0.06 = 0.1693 → 0.2293 - 0.1 = 0.1293.
    // Per year: 2024 has 4 × 366 = 1,464 days and no exit (rate 0, gap -0.06 → -0.1); 2025 has
    // 4 × 32 = 128 days and the exit (365 / 128 = 2.8516, gap 2.7916 → 2.7516). Each row's gap moves by -0.04.
    expect(result.baseline).toMatchObject({ unregrettedRate: 0.2293, uraTarget: 0.06, uraGap: 0.1693 });
    expect(result.counterfactual).toMatchObject({ unregrettedRate: 0.2293, uraTarget: 0.1, uraGap: 0.1293 });
    expect(result.diff).toEqual({
      overall: { uraTarget: 0.04, uraGap: -0.04 },
      byOrg: [{ org: 'org-a', uraGap: -0.04 }],
      byPeriod: [
        { period: '2024', uraGap: -0.04 },
        { period: '2025', uraGap: -0.04 },
      ],
      pay: {},
    });
    expect(result.changedOutcomes).toEqual([]);
  });
});
