import { meetsPromotionBar } from '@pm/domain';
import { within } from '@pm/projections/analytics/period';
import { round } from '@pm/projections/analytics/rounding';
import type { PersonHistory } from './compact-history';
import { employedDays } from './employed-days';
import type { FocusReplay } from './focus-cases';
import type { Eligibility } from './focus-eligibility';
import { reclassifyRegretted } from './reclassify-regretted';
import type { ReplayContext } from './replay-context';
import type { ChangedOutcome, ReplayOutcome } from './replay-result';
import { yearOf, type Tally } from './summary-book';

/** One person's replay, with what every counting step needs about them. */
class PersonOutcomes {
  constructor(
    readonly person: PersonHistory,
    readonly ctx: ReplayContext,
  ) {}

  inWindow(date: string): boolean {
    return within(date, this.ctx.window);
  }

  orgOn(date: string): string {
    const { orgs } = this.person;
    return (orgs.findLast((o) => o.from <= date) ?? orgs[0]).orgId;
  }

  /** Counts on one side, in the org the person was in on `date` unless given. */
  count(side: 'baseline' | 'counterfactual', date: string, change: (tally: Tally) => void, orgId = this.orgOn(date)): void {
    this.ctx[side].count(yearOf(date), orgId, change);
  }

  /** Notes a changed outcome, counted in `orgId` (the org its counts went to). */
  note(
    outcome: ReplayOutcome,
    baseline: ChangedOutcome['baseline'],
    counterfactual: ChangedOutcome['counterfactual'],
    cycleId: string | undefined,
    orgId: string,
  ): void {
    this.ctx.changes.add(this.person.employeeId, outcome, baseline, counterfactual, cycleId, orgId);
  }

  /** The counterfactual grade of the rating of `cycleId`, else the recorded grade on the proposed scale. */
  counterfactualGrade(cycleId: string | undefined, recorded: string | undefined): string | undefined {
    const rating = this.person.ratings.find((r) => r.cycleId === cycleId);
    const regraded = rating && this.ctx.regrades.counterfactual[rating.index];
    if (regraded !== undefined) return regraded;
    return recorded === undefined ? undefined : this.ctx.scale.code(recorded);
  }
}

/** Counts one person's outcomes in the window on both sides and notes each that changes. */
export function tallyPerson(person: PersonHistory, eligibility: Eligibility, focus: FocusReplay, ctx: ReplayContext): void {
  const outcomes = new PersonOutcomes(person, ctx);
  countEligibility(outcomes, eligibility);
  countFocusAndPivots(outcomes, focus);
  countSeparation(outcomes, focus);
  countNominations(outcomes);
}

function countEligibility(o: PersonOutcomes, eligibility: Eligibility): void {
  for (const rating of o.person.ratings) {
    if (!o.inWindow(rating.periodEnd)) continue;
    const baseline = eligibility.baseline[rating.index] === 1;
    const counterfactual = eligibility.counterfactual[rating.index] === 1;
    if (baseline) o.count('baseline', rating.periodEnd, (t) => t.focusEligible++, rating.orgId);
    if (counterfactual) o.count('counterfactual', rating.periodEnd, (t) => t.focusEligible++, rating.orgId);
    if (baseline !== counterfactual) o.note('focusEligible', baseline, counterfactual, rating.cycleId, rating.orgId);
  }
}

function countFocusAndPivots(o: PersonOutcomes, focus: FocusReplay): void {
  const removed = new Set(focus.removed);
  for (const focusCase of o.person.focusCases) {
    if (!o.inWindow(focusCase.startDate)) continue;
    o.count('baseline', focusCase.startDate, (t) => t.focusEntries++);
    if (removed.has(focusCase)) o.note('focus', true, false, focusCase.triggerCycleId, o.orgOn(focusCase.startDate));
    else o.count('counterfactual', focusCase.startDate, (t) => t.focusEntries++);
  }
  const { focusPerEligible, pivotPerFocus, exitPerPivot } = o.ctx.rates;
  for (const rating of focus.estimated) {
    if (!o.inWindow(rating.periodEnd)) continue;
    const pivots = focusPerEligible * pivotPerFocus;
    o.count(
      'counterfactual',
      rating.periodEnd,
      (t) => {
        t.focusEntries += focusPerEligible;
        t.pivots += pivots;
        t.separations += pivots * exitPerPivot;
        t.involuntaryExits += pivots * exitPerPivot;
        t.unregretted += pivots * exitPerPivot;
      },
      rating.orgId,
    );
    if (focusPerEligible > 0) o.note('focus', false, round(focusPerEligible, 2), rating.cycleId, rating.orgId);
  }
  o.person.pivotCases.forEach((pivot, i) => {
    if (!o.inWindow(pivot.startDate)) return;
    o.count('baseline', pivot.startDate, (t) => t.pivots++);
    if (!focus.removedPivots.has(i)) o.count('counterfactual', pivot.startDate, (t) => t.pivots++);
  });
}

function countSeparation(o: PersonOutcomes, focus: FocusReplay): void {
  const { person, ctx } = o;
  const separation = person.separation;
  if (separation && o.inWindow(separation.date)) {
    const separated = (regretted: boolean) => (t: Tally) => {
      t.separations++;
      if (separation.type === 'involuntary') t.involuntaryExits++;
      if (regretted) t.regretted++;
      else t.unregretted++;
    };
    o.count('baseline', separation.date, separated(separation.regretted));
    if (focus.exitRemoved) o.note('separation', separation.reasonCode, null, undefined, o.orgOn(separation.date));
    else {
      const lastGrade = o.counterfactualGrade(separation.lastCycleId, separation.lastGrade);
      const regretted = reclassifyRegretted(separation, lastGrade, separation.policy === undefined ? undefined : ctx.recorded(separation.policy), ctx.proposed);
      o.count('counterfactual', separation.date, separated(regretted));
      if (regretted !== separation.regretted) o.note('regretted', separation.regretted, regretted, undefined, o.orgOn(separation.date));
    }
  }
  employedDays(person, separation?.day, ctx.days, (orgId, year, days) => ctx.baseline.count(year, orgId, (t) => (t.employeeDays += days)));
  employedDays(person, focus.exitRemoved ? undefined : separation?.day, ctx.days, (orgId, year, days) =>
    ctx.counterfactual.count(year, orgId, (t) => (t.employeeDays += days)),
  );
}

function countNominations(o: PersonOutcomes): void {
  for (const { policy, recentRatings, monthsInLevel, date } of o.person.nominations) {
    if (!o.inWindow(date)) continue;
    const recorded = recentRatings.map((r) => r.grade);
    const counterfactual = recentRatings.map((r) => o.counterfactualGrade(r.cycleId, r.grade)).filter((grade): grade is string => grade !== undefined);
    const before = policy !== undefined && meetsPromotionBar(o.ctx.recorded(policy), recorded, monthsInLevel);
    const after = meetsPromotionBar(o.ctx.proposed, counterfactual, monthsInLevel);
    o.count('baseline', date, (t) => {
      t.promotionNominations++;
      if (before) t.promotionEligible++;
    });
    o.count('counterfactual', date, (t) => {
      t.promotionNominations++;
      if (after) t.promotionEligible++;
    });
    if (before !== after) o.note('promotionEligible', before, after, undefined, o.orgOn(date));
  }
}
