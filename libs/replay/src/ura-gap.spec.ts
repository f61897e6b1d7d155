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

    // Unregretted 1 (r-04) over 1,588 employee-days: 365 / 1,588 = 0.2298, the same on both sides.
    // Gap 0.2298 - 0.06 = 0.1698 → 0.2298 - 0.1 = 0.1298. Per year: 2024 has 4 × 366 = 1,464 days
    // and no exit (rate 0, gap -0.06 → -0.1); 2025 has 4 × 31 = 124 days and the exit
    // (365 / 124 = 2.9435, gap 2.8835 → 2.8435). Each row's gap moves by -0.04.
    expect(result.baseline).toMatchObject({ unregrettedRate: 0.2298, uraTarget: 0.06, uraGap: 0.1698 });
    expect(result.counterfactual).toMatchObject({ unregrettedRate: 0.2298, uraTarget: 0.1, uraGap: 0.1298 });
    expect(result.diff).toEqual({
      overall: { uraTarget: 0.04, uraGap: -0.04 },
      byOrg: [{ org: 'org-a', uraGap: -0.04 }],
      byPeriod: [
        { period: '2024', uraGap: -0.04 },
        { period: '2025', uraGap: -0.04 },
      ],
    });
    expect(result.changedOutcomes).toEqual([]);
  });
});
