import { canonicalGrade, type Policy } from '@pm/domain';
import type { CycleHistory, RecordedRating } from './compact-history';
import { curveTargets, forcedGrades, nearestFreeGrade, type Forced } from './forced-grades';
import type { ProposedScale } from './proposed-scale';

/**
 * Final grades as recorded and as the proposed policy would have made them, both as codes of the
 * proposed scale, by rating index; absent for ratings after the replay's end.
 */
export interface Regrades {
  recorded: (string | undefined)[];
  counterfactual: (string | undefined)[];
}

/**
 * Final grades under the proposed curve, from the recorded calibration ranks (the delta method:
 * with the recorded policy every grade stays as recorded). Per cycle and calibration group, people
 * are ordered by rank (1 = best), the unranked after the ranked by recorded grade best first, then
 * by id. A position the recorded and the proposed curves force alike keeps its recorded grade; one
 * the proposed curve forces otherwise takes the forced grade; one no longer forced keeps its grade
 * if the proposed curve leaves it free, else moves to the nearest free grade on its side.
 */
export function recurve(cycles: readonly CycleHistory[], ratingCount: number, recordedPolicy: (ref: string) => Policy, scale: ProposedScale): Regrades {
  const proposed = scale.policy;
  const regrades: Regrades = { recorded: new Array<string | undefined>(ratingCount), counterfactual: new Array<string | undefined>(ratingCount) };
  const targeted = curveTargets(proposed);
  const forcedBy = memoForced(proposed);
  const freeAt = { top: nearestFreeGrade(proposed, 'top'), bottom: nearestFreeGrade(proposed, 'bottom') };
  const regrade = (recorded: string, before: Forced | undefined, after: Forced | undefined): string => {
    if (before?.grade === after?.grade) return recorded;
    if (after) return after.grade;
    if (!targeted.has(recorded)) return recorded;
    return freeAt[before!.side] ?? recorded;
  };
  for (const cycle of cycles) {
    const recordedCurve = recordedPolicy(cycle.policy);
    for (const members of cycle.groups) {
      const before = forcedBy(recordedCurve, members.length);
      const after = forcedBy(proposed, members.length);
      inRecordedOrder(members, scale).forEach((rating, i) => {
        const recorded = scale.code(rating.grade);
        regrades.recorded[rating.index] = recorded;
        regrades.counterfactual[rating.index] = regrade(recorded, before[i], after[i]);
      });
    }
  }
  return regrades;
}

/**
 * A group (kept ordered by rank, the unranked last, then by id) in the order the curve reads it:
 * people ranked alike are told apart by grade, and the unranked are taken grade by grade.
 */
function inRecordedOrder(members: readonly RecordedRating[], scale: ProposedScale): RecordedRating[] {
  const unranked = members.findIndex((r) => r.rank === undefined);
  const ranked = members.slice(0, unranked < 0 ? members.length : unranked);
  for (let i = 1; i < ranked.length; i++) {
    if (ranked[i].rank === ranked[i - 1].rank) {
      ranked.sort((a, b) => a.rank! - b.rank! || scale.rank(a.grade) - scale.rank(b.grade) || (a.employeeId < b.employeeId ? -1 : 1));
      break;
    }
  }
  if (unranked < 0) return ranked;
  const byGrade: RecordedRating[][] = [];
  for (let i = unranked; i < members.length; i++) (byGrade[scale.rank(members[i].grade)] ??= []).push(members[i]);
  return ranked.concat(...byGrade.filter(Boolean));
}

/**
 * Groups of one size share their forced positions: computed once per policy document and size,
 * with grades named as the proposed scale names them. By document, not by ref: a proposed policy
 * is usually a fetched one edited, still carrying its version.
 */
function memoForced(proposed: Policy): (policy: Policy, size: number) => (Forced | undefined)[] {
  const cache = new Map<Policy, Map<number, (Forced | undefined)[]>>();
  return (policy, size) => {
    let bySize = cache.get(policy);
    if (bySize === undefined) cache.set(policy, (bySize = new Map()));
    let forced = bySize.get(size);
    if (forced === undefined) bySize.set(size, (forced = forcedGrades(policy, size).map((f) => f && { ...f, grade: canonicalGrade(proposed, f.grade) })));
    return forced;
  };
}
