import { canonicalGrade, focusTrigger, gradeRank, isAtLeast, isBelowBar, isGrade, regrettedByPolicy } from '@pm/domain';
import { BYTEDANCE, CLASSIC, DEFAULT } from '../../test/employee-fixtures';

describe('grades of a scale', () => {
  it('maps a renamed grade (old code) to its current code and leaves other codes alone', () => {
    expect(canonicalGrade(BYTEDANCE, 'F')).toBe('N');
    expect(canonicalGrade(BYTEDANCE, 'N')).toBe('N');
    expect(canonicalGrade(BYTEDANCE, 'M-')).toBe('M-');
    expect(canonicalGrade(CLASSIC, 'MET')).toBe('ME');
    expect(canonicalGrade(DEFAULT, 'LE')).toBe('LE');
  });

  it.each(['toString', 'constructor', '__proto__'])("leaves %s alone: only the policy's own aliases rename", (code) => {
    expect(canonicalGrade(BYTEDANCE, code)).toBe(code);
    expect(isGrade(BYTEDANCE, code)).toBe(false);
  });

  it('ranks grades best first, an alias at its target, unknown codes at -1', () => {
    expect(['TT', 'HV1', 'HV2', 'HV3', 'LE'].map((g) => gradeRank(DEFAULT, g))).toEqual([0, 1, 2, 3, 4]);
    expect(gradeRank(BYTEDANCE, 'F')).toBe(gradeRank(BYTEDANCE, 'N'));
    expect(gradeRank(DEFAULT, 'EE')).toBe(-1);
  });

  it('knows which codes are grades, aliases included', () => {
    expect(isGrade(CLASSIC, 'MET')).toBe(true);
    expect(isGrade(CLASSIC, 'HV1')).toBe(false);
  });

  it('marks below-bar grades, through aliases, and never unknown codes', () => {
    expect(isBelowBar(DEFAULT, 'LE')).toBe(true);
    expect(isBelowBar(DEFAULT, 'HV3')).toBe(false);
    expect(['M', 'M-', 'I', 'F', 'N'].map((g) => isBelowBar(BYTEDANCE, g))).toEqual([false, true, true, true, true]);
    expect(isBelowBar(DEFAULT, 'ZZ')).toBe(false);
  });

  it('compares a grade with a bar: at or above is at least, unknown never is', () => {
    expect(isAtLeast(DEFAULT, 'HV1', 'HV1')).toBe(true);
    expect(isAtLeast(DEFAULT, 'TT', 'HV1')).toBe(true);
    expect(isAtLeast(DEFAULT, 'HV2', 'HV1')).toBe(false);
    expect(isAtLeast(DEFAULT, 'ZZ', 'LE')).toBe(false);
    expect(isAtLeast(CLASSIC, 'MET', 'ME')).toBe(true);
  });
});

describe('the Focus trigger', () => {
  it('default: one final LE', () => {
    expect(focusTrigger(DEFAULT, ['LE'])).toEqual({ grades: ['LE'], consecutive: 1 });
    expect(focusTrigger(DEFAULT, ['LE', 'HV3'])).toBeUndefined();
    expect(focusTrigger(DEFAULT, [])).toBeUndefined();
  });

  it('ByteDance: two consecutive M-, or one I or N (formerly F)', () => {
    const pair = { grades: ['M-'], consecutive: 2 };
    const single = { grades: ['I', 'N'], consecutive: 1 };
    expect(focusTrigger(BYTEDANCE, ['M-'])).toBeUndefined();
    expect(focusTrigger(BYTEDANCE, ['M-', 'M-'])).toEqual(pair);
    expect(focusTrigger(BYTEDANCE, ['M-', 'M', 'M-'])).toBeUndefined();
    expect(focusTrigger(BYTEDANCE, ['M-', 'I'])).toEqual(single);
    expect(focusTrigger(BYTEDANCE, ['N'])).toEqual(single);
    expect(focusTrigger(BYTEDANCE, ['F'])).toEqual(single);
  });

  it('matches a trigger written with an old code against ratings recorded under the new one', () => {
    const policy = { ...BYTEDANCE, focus: { ...BYTEDANCE.focus, triggers: [{ grades: ['F'], consecutive: 1 }] } };
    expect(focusTrigger(policy, ['N'])).toEqual({ grades: ['F'], consecutive: 1 });
  });
});

describe('regretted by policy', () => {
  it('regrets a leaver at or above the line, not below it', () => {
    expect(regrettedByPolicy(DEFAULT, 'HV3')).toBe(true);
    expect(regrettedByPolicy(DEFAULT, 'TT')).toBe(true);
    expect(regrettedByPolicy(DEFAULT, 'LE')).toBe(false);
    expect(regrettedByPolicy(BYTEDANCE, 'M')).toBe(true);
    expect(regrettedByPolicy(BYTEDANCE, 'M-')).toBe(false);
  });

  it('regrets a leaver with no rating yet, and not one with a grade off the scale', () => {
    expect(regrettedByPolicy(DEFAULT, undefined)).toBe(true);
    expect(regrettedByPolicy(DEFAULT, 'ZZ')).toBe(false);
  });
});
