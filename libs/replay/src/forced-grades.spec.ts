import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import { forcedGrades, nearestFreeGrade } from './forced-grades';

const withCurve = (curve: Policy['curve']): Policy => ({ ...DEFAULT_POLICY, version: 1, curve });
const grades = (policy: Policy, size: number): (string | undefined)[] => forcedGrades(policy, size).map((f) => f?.grade);

describe('forcedGrades', () => {
  it('fills targeted grades above the free ones from the top and those below from the bottom', () => {
    // 20 × 0.2 = 4 TT from the top; 20 × 0.06 = 1.2 → 1 LE from the bottom.
    expect(grades(withCurve({ targets: { TT: 0.2, LE: 0.06 } }), 20)).toEqual(['TT', 'TT', 'TT', 'TT', ...Array(15).fill(undefined), 'LE']);
  });

  it('rounds half up, in scale order at each end', () => {
    // 10 × 0.05 = 0.5 → 1 TT, then 10 × 0.15 = 1.5 → 2 HV1; from the bottom 10 × 0.25 = 2.5 → 3 LE, then 10 × 0.1 = 1 HV3.
    expect(grades(withCurve({ targets: { TT: 0.05, HV1: 0.15, HV3: 0.1, LE: 0.25 } }), 10)).toEqual([
      'TT',
      'HV1',
      'HV1',
      undefined,
      undefined,
      undefined,
      'HV3',
      'LE',
      'LE',
      'LE',
    ]);
  });

  it('forces nothing in a group under the minimum size, nor for a share that rounds to 0', () => {
    expect(grades(withCurve({ targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 50 }), 49)).toEqual(Array(49).fill(undefined));
    expect(grades(withCurve({ targets: { TT: 0.2, LE: 0.06 } }), 5)).toEqual(['TT', undefined, undefined, undefined, undefined]);
  });

  it('never lets the two ends overlap', () => {
    expect(grades(withCurve({ targets: { TT: 0.6, LE: 0.6 } }), 5)).toEqual(['TT', 'TT', 'TT', 'LE', 'LE']);
  });

  it('names the free grade nearest to each end', () => {
    const policy = withCurve({ targets: { TT: 0.2, HV3: 0.1, LE: 0.06 } });
    expect(nearestFreeGrade(policy, 'top')).toBe('HV1');
    expect(nearestFreeGrade(policy, 'bottom')).toBe('HV2');
  });
});
