import { canonicalGrade, type Policy } from '@pm/domain';

/** A rank position the curve fills: with which grade, and from which end of the ranking. */
export interface Forced {
  grade: string;
  side: 'top' | 'bottom';
}

/**
 * Which rank positions (0 = best) of a group of `size` the policy's curve forces into a targeted
 * grade: targeted grades above the first untargeted grade fill from the top in scale order, those
 * below the last untargeted grade from the bottom; each takes round(size × target) positions (half
 * up). Nothing is forced in a group smaller than `curve.minGroupSize`, nor by a targeted grade
 * between two untargeted ones.
 */
export function forcedGrades(policy: Policy, size: number): (Forced | undefined)[] {
  const forced: (Forced | undefined)[] = new Array<Forced | undefined>(size).fill(undefined);
  if (size < (policy.curve.minGroupSize ?? 0)) return forced;
  const targets = curveTargets(policy);
  const codes = policy.scale.grades.map((g) => g.code);
  const firstFree = codes.findIndex((code) => !targets.has(code));
  const lastFree = codes.findLastIndex((code) => !targets.has(code));
  const topGrades = firstFree < 0 ? codes : codes.slice(0, firstFree);
  const bottomGrades = firstFree < 0 ? [] : codes.slice(lastFree + 1).reverse();

  let top = 0;
  for (const grade of topGrades) {
    const end = Math.min(size, top + Math.round(size * targets.get(grade)!));
    for (; top < end; top++) forced[top] = { grade, side: 'top' };
  }
  let bottom = size;
  for (const grade of bottomGrades) {
    const end = Math.max(top, bottom - Math.round(size * targets.get(grade)!));
    while (bottom > end) forced[--bottom] = { grade, side: 'bottom' };
  }
  return forced;
}

/** The curve's target share per grade, by current grade code. */
export const curveTargets = (policy: Policy): Map<string, number> =>
  new Map(Object.entries(policy.curve.targets).map(([code, share]) => [canonicalGrade(policy, code), share]));

/** The grade the curve leaves free nearest to one end of the scale: where someone no longer forced there goes. */
export function nearestFreeGrade(policy: Policy, side: Forced['side']): string | undefined {
  const targets = curveTargets(policy);
  const free = policy.scale.grades.map((g) => g.code).filter((code) => !targets.has(code));
  return side === 'top' ? free[0] : free.at(-1);
}
