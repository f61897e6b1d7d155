import { cycle, group, hire, historyOf, nominate, policyOf, proposal, RECORDED } from '../test/replay-events';
import { replay } from './replay';

describe('replay: promotion eligibility', () => {
  it('raising the promotion bar from HV1 to TT makes an HV1 nomination ineligible', () => {
    // All in org-a, rated in c-2023 (a group of 3: no curve), nominated on 2024-03-01:
    // - p-01 HV1, hired 2022-01-01: 26 months in level → eligible as recorded, not at TT.
    // - p-02 TT, hired 2022-01-01 → eligible under both.
    // - p-03 HV1, hired 2023-06-01: 9 months in level (< 12) → ineligible under both.
    const history = historyOf([
      hire('p-01', '2022-01-01', 'org-a'),
      hire('p-02', '2022-01-01', 'org-a'),
      hire('p-03', '2023-06-01', 'org-a'),
      ...cycle('c-2023', '2023-12-31', group('p', ['HV1', 'TT', 'HV1'], { ranked: false })),
      nominate('p-01', 'promo-1', '2024-03-01'),
      nominate('p-02', 'promo-2', '2024-03-01'),
      nominate('p-03', 'promo-3', '2024-03-01'),
    ]);

    const result = replay(history, {
      policyOf,
      counterfactual: proposal({ promotion: { ...RECORDED.promotion, minGrade: 'TT' } }),
      from: '2024-01-01',
      to: '2024-12-31',
    });

    expect(result.baseline).toMatchObject({ promotionNominations: 3, promotionEligible: 2 });
    expect(result.counterfactual).toMatchObject({ promotionNominations: 3, promotionEligible: 1 });
    expect(result.diff.overall).toEqual({ promotionEligible: -1 });
    expect(result.changedOutcomes).toEqual([{ employee: 'p-01', outcome: 'promotionEligible', baseline: true, counterfactual: false }]);
  });

  it('a look-back of two ratings makes eligible only those at the bar in both of their latest cycles', () => {
    // Rated in c-2022 and c-2023 (groups of 3: no curve), nominated on 2024-03-01, 26 months in level:
    // - p-01 HV1 then HV1 → eligible either way.
    // - p-02 HV3 then TT → eligible on its latest rating only, not with a look-back of two.
    // - p-03 TT in c-2023 only → one rating: short of a look-back of two.
    const history = historyOf([
      hire('p-01', '2022-01-01', 'org-a'),
      hire('p-02', '2022-01-01', 'org-a'),
      ...cycle('c-2022', '2022-12-31', group('p', ['HV1', 'HV3'], { ranked: false })),
      hire('p-03', '2022-01-01', 'org-a'),
      ...cycle('c-2023', '2023-12-31', group('p', ['HV1', 'TT', 'TT'], { ranked: false })),
      nominate('p-01', 'promo-1', '2024-03-01'),
      nominate('p-02', 'promo-2', '2024-03-01'),
      nominate('p-03', 'promo-3', '2024-03-01'),
    ]);

    const result = replay(history, {
      policyOf,
      counterfactual: proposal({ promotion: { ...RECORDED.promotion, lookBack: 2 } }),
      from: '2024-01-01',
      to: '2024-12-31',
    });

    expect(result.baseline).toMatchObject({ promotionNominations: 3, promotionEligible: 3 });
    expect(result.counterfactual).toMatchObject({ promotionNominations: 3, promotionEligible: 1 });
    expect(result.changedOutcomes).toEqual([
      { employee: 'p-02', outcome: 'promotionEligible', baseline: true, counterfactual: false },
      { employee: 'p-03', outcome: 'promotionEligible', baseline: true, counterfactual: false },
    ]);
  });
});
