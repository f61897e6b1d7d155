import { historyOf } from '../test/replay-events';
import { payPolicyOf, PAY_RECORDED, seedPayHistory, SHIPPED_REFRESHERS, withRefreshers } from '../test/seed-pay';
import { replay } from './replay';

/*
 * The seed's year-5 cliff replayed (figures of the seed by hand in
 * libs/projections/src/pay/pay-trajectory.spec.ts; cents). Window: the hire 2020-03-01 through the
 * last period end 2024-12-31; judged on 2024-12-31. SDE L5 band max 17,000,000. Vesting 5/15/40/40
 * at 12/24/36/48 months. Regretted line HV3; leave likelihood 0.35 (the default: the recorded
 * policy was stored before it).
 *
 * Baseline (the recorded policy grants no refresher): last twelve months (2024) 24,918,033, next
 * (2025) 17,000,000, drop 7,918,033 = 31.78% > 10% → 1 at risk; last grade TT ≥ HV3 → expected
 * regretted exits 1 × 0.35 = 0.35; refresherCost 0; payCost = 2020..2024 totals 17,040,984 +
 * 19,919,178 + 18,919,178 + 24,419,178 + 24,918,033 = 105,216,551.
 *
 * Counterfactual granting TT 2.5 × the band max: X = 2.5 × 17,000,000 = 42,500,000 per TT rating,
 * granted 2023-12-31 (R1) and 2024-12-31 (R2).
 *   2024: 24,918,033 + R1's 5% on 2024-12-31 (2,125,000) = 27,043,033.
 *   2025: 17,000,000 + R1's 15% on 2025-12-31 (6,375,000) + R2's 5% on 2025-12-31 (2,125,000) = 25,500,000.
 *   drop 1,543,033 = 5.71% ≤ 10% → 0 at risk, 0 expected regretted exits.
 *   refresherCost = 2 × 42,500,000 = 85,000,000; payCost = 105,216,551 + 2,125,000 = 107,341,551.
 */
const BASELINE = {
  atRisk: 1,
  expectedRegrettedExits: 0.35,
  refresherCost: { amount: 0, currency: 'USD' },
  payCost: { amount: 105_216_551, currency: 'USD' },
};

describe('replay: pay under another refresher rule', () => {
  it('given the seed cliff, when TT refreshers worth 2.5 × the band max are granted, then nobody is at risk, at the hand-computed cost', () => {
    const result = replay(historyOf(seedPayHistory()), { policyOf: payPolicyOf, counterfactual: withRefreshers({ TT: 2.5 }) });

    expect(result).toMatchObject({ from: '2020-03-01', to: '2024-12-31' });
    expect(result.baseline.pay).toEqual(BASELINE);
    expect(result.counterfactual.pay).toEqual({
      atRisk: 0,
      expectedRegrettedExits: 0,
      refresherCost: { amount: 85_000_000, currency: 'USD' },
      payCost: { amount: 107_341_551, currency: 'USD' },
    });
    expect(result.diff.pay).toEqual({
      atRisk: -1,
      expectedRegrettedExits: -0.35,
      refresherCost: { amount: 85_000_000, currency: 'USD' },
      payCost: { amount: 2_125_000, currency: 'USD' },
    });
    expect(result.assumptions.some((a) => a.startsWith('Pay is judged on the recorded pay history'))).toBe(true);
  });

  it('given the shipped shares (TT 0.5, HV1 0.25), then the back-loaded vesting leaves the cliff: still at risk', () => {
    // W (HV1 2022-12-31) = 0.25 × 17,000,000 = 4,250,000; V (TT 2023, 2024) = 8,500,000 each.
    // 2024: 24,918,033 + W 15% 637,500 + V1 5% 425,000 = 25,980,533.
    // 2025: 17,000,000 + W 40% 1,700,000 + V1 15% 1,275,000 + V2 5% 425,000 = 20,400,000.
    // drop 5,580,533 = 21.48% > 10%. refresherCost 4,250,000 + 2 × 8,500,000 = 21,250,000.
    // payCost 105,216,551 + W 5% on 2023-12-31 212,500 + 637,500 + 425,000 = 106,491,551.
    const result = replay(historyOf(seedPayHistory()), { policyOf: payPolicyOf, counterfactual: withRefreshers(SHIPPED_REFRESHERS) });

    expect(result.counterfactual.pay).toEqual({
      atRisk: 1,
      expectedRegrettedExits: 0.35,
      refresherCost: { amount: 21_250_000, currency: 'USD' },
      payCost: { amount: 106_491_551, currency: 'USD' },
    });
    expect(result.diff.pay).toEqual({ refresherCost: { amount: 21_250_000, currency: 'USD' }, payCost: { amount: 1_275_000, currency: 'USD' } });
  });

  it('replaces a recorded refresher by what the rules grant: the recorded policy grants none, so the one that closed the gap is gone', () => {
    // Recorded, a refresher vesting 7,918,033 in 2025 closes the gap (pay-trajectory.spec.ts); the rules grant none.
    const result = replay(historyOf(seedPayHistory('s-01', 7_918_033)), { policyOf: payPolicyOf, counterfactual: { ...PAY_RECORDED, version: 2 } });

    expect(result.baseline.pay).toEqual(BASELINE);
    expect(result.counterfactual.pay).toEqual(BASELINE);
    expect(result.diff.pay).toEqual({});
  });

  it('caps a base above the proposed band max, and reads a leave likelihood the policy sets', () => {
    // L5 max 165,000 (cap 1.1 × after two TT in a row: the 2024-03-01 raise saw TT 2023 only, so 165,000):
    // 2024 base = 60 days at 165,000 + 306 at 165,000 = 16,500,000 (not 16,918,033): 418,033 less.
    // 2024 total 24,500,000; 2025 16,500,000; drop 8,000,000 = 32.65% → still at risk; × 0.5 = 0.5.
    const proposed = withRefreshers({});
    const compensation = proposed.compensation!;
    proposed.compensation = {
      ...compensation,
      bands: { SDE: { ...compensation.bands.SDE, L5: { ...compensation.bands.SDE.L5, max: 165_000_00 } } },
      retentionRisk: { ...compensation.retentionRisk, leaveLikelihood: 0.5 },
    };
    const result = replay(historyOf(seedPayHistory()), { policyOf: payPolicyOf, counterfactual: proposed });

    expect(result.counterfactual.pay).toEqual({ ...BASELINE, expectedRegrettedExits: 0.5, payCost: { amount: 105_216_551 - 418_033, currency: 'USD' } });
  });
});
