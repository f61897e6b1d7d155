import { gradeRank, type Policy } from '@pm/domain';
import { normalCdf } from './seeded-random';

/** The share of each grade (best first): the curve's targets, the rest split evenly among unconstrained grades. */
export function gradeShares(policy: Policy): number[] {
  const targets = policy.curve.targets;
  const grades = policy.scale.grades;
  const constrained = grades.filter((g) => Object.hasOwn(targets, g.code));
  const left = Math.max(0, 1 - constrained.reduce((sum, g) => sum + targets[g.code], 0));
  const free = grades.length - constrained.length;
  return grades.map((g) => (Object.hasOwn(targets, g.code) ? targets[g.code] : free > 0 ? left / free : 0));
}

/**
 * A manager's grade for what they perceived (a standard-normal score): the grade whose slice of
 * the curve holds that score's percentile.
 */
export function proposeGrade(policy: Policy, shares: readonly number[], perceived: number): string {
  const fromTop = 1 - normalCdf(perceived);
  let cumulative = 0;
  for (let i = 0; i < shares.length; i++) {
    cumulative += shares[i];
    if (fromTop < cumulative) return policy.scale.grades[i].code;
  }
  return policy.scale.grades[shares.length - 1].code;
}

export interface Calibratee {
  employeeId: string;
  proposed: string;
  /** The group's view of the half-year, higher is better. */
  score: number;
}

export interface CalibrationMove {
  employeeId: string;
  from: string;
  to: string;
  /** Stack rank in the group, 1 = best. */
  rank: number;
}

/**
 * The group stack-ranks its people and applies the curve: the best get the constrained top grades
 * (e.g. TT) in exactly their target share, the worst the constrained bottom grades (e.g. LE); everyone
 * else keeps the proposal, moved into the unconstrained middle if it was a constrained grade.
 * Groups under the curve's minimum size are left as proposed (the curve is not enforced there).
 * Targets on a grade with unconstrained grades on both sides are not enforced (no shipped policy has one).
 */
export function calibrateToCurve(policy: Policy, people: readonly Calibratee[]): CalibrationMove[] {
  const n = people.length;
  if (n === 0 || n < (policy.curve.minGroupSize ?? 0)) return [];
  const ranked = [...people].sort((a, b) => b.score - a.score || (a.employeeId < b.employeeId ? -1 : 1));
  const codes = policy.scale.grades.map((g) => g.code);
  const constrained = (i: number) => Object.hasOwn(policy.curve.targets, codes[i]);
  let top = 0;
  while (top < codes.length && constrained(top)) top++;
  let bottom = codes.length;
  while (bottom > top && constrained(bottom - 1)) bottom--;

  const final: string[] = new Array(n);
  let best = 0;
  for (let g = 0; g < top; g++) for (let q = Math.round(policy.curve.targets[codes[g]] * n); q > 0 && best < n; q--) final[best++] = codes[g];
  let worst = n;
  for (let g = codes.length - 1; g >= bottom; g--)
    for (let q = Math.round(policy.curve.targets[codes[g]] * n); q > 0 && worst > best; q--) final[--worst] = codes[g];
  for (let i = best; i < worst; i++) {
    const rank = gradeRank(policy, ranked[i].proposed);
    final[i] = top < bottom ? codes[Math.min(Math.max(rank, top), bottom - 1)] : ranked[i].proposed;
  }
  return ranked.flatMap((person, i) =>
    final[i] === person.proposed ? [] : [{ employeeId: person.employeeId, from: person.proposed, to: final[i], rank: i + 1 }],
  );
}
