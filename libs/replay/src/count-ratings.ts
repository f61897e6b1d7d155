import { within } from '@pm/projections/analytics/period';
import type { CompactHistory, CycleHistory } from './compact-history';
import type { ReplayContext } from './replay-context';
import { yearOf } from './summary-book';

/**
 * Grades of the ratings whose period ended in the window, in the org each was rated in: the
 * recorded counts on both sides, then each regraded rating moved on the counterfactual side.
 */
export function countRatings(compact: CompactHistory, cycles: readonly CycleHistory[], ctx: ReplayContext): void {
  const { baseline, counterfactual, regrades, scale } = ctx;
  for (const cycle of cycles) {
    if (!within(cycle.periodEnd, ctx.window)) continue;
    const year = yearOf(cycle.periodEnd);
    for (const { orgId, grade, count } of cycle.gradeCounts) {
      baseline.rate(year, orgId, scale.code(grade), count);
      counterfactual.rate(year, orgId, scale.code(grade), count);
    }
    for (const rating of cycle.ratings) {
      const [before, after] = [regrades.recorded[rating.index]!, regrades.counterfactual[rating.index]!];
      if (before === after) continue;
      counterfactual.rate(year, rating.orgId, before, -1);
      counterfactual.rate(year, rating.orgId, after, 1);
      ctx.changes.add(rating.employeeId, 'grade', before, after, rating.cycleId, rating.orgId);
    }
  }
  const rated = compact.people.filter((p) => p.ratedOn.some((date) => within(date, ctx.window))).length;
  baseline.ratedEmployees = rated;
  counterfactual.ratedEmployees = rated;
}
