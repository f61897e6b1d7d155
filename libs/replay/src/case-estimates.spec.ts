import { caseRates } from './case-estimates';

describe('caseRates', () => {
  it('learns each rate from the recorded cases', () => {
    const rates = caseRates({ eligibleRatings: 8, eligibleWithFocus: 6, closedFocus: 5, escalatedToPivot: 2, decidedPivots: 4, pivotExits: 3 });

    expect(rates).toMatchObject({ focusPerEligible: 0.75, pivotPerFocus: 0.4, exitPerPivot: 0.75 });
    expect(rates.assumptions[0]).toContain('probability 0.75: the recorded share of ratings allowing Focus that a Focus followed (6 of 8)');
  });

  it('falls back on the reported figures when nothing was recorded', () => {
    const rates = caseRates({ eligibleRatings: 0, eligibleWithFocus: 0, closedFocus: 0, escalatedToPivot: 0, decidedPivots: 0, pivotExits: 0 });

    // Every newly eligible rating leads to Focus (1). Pivot options equally likely: a buyout exits,
    // an appeal exits unless won (90%), a plan exits unless passed (70%): (1 + 0.9 + 0.7) / 3 = 0.8667.
    // A third of Focus cases end in an exit: P(Pivot) = (1/3) / 0.8667 = 0.3846.
    expect(rates.focusPerEligible).toBe(1);
    expect(rates.exitPerPivot).toBeCloseTo(0.8667, 4);
    expect(rates.pivotPerFocus).toBeCloseTo(0.3846, 4);
    expect(rates.pivotPerFocus * rates.exitPerPivot).toBeCloseTo(1 / 3, 10);
    expect(rates.assumptions).toEqual([
      expect.stringContaining('assumed to lead to one'),
      expect.stringContaining('probability 0.3846, so that a third of Focus cases end in an exit'),
      expect.stringContaining('probability 0.8667: the reported defaults'),
      expect.stringContaining('org and year of the rating'),
    ]);
  });
});
