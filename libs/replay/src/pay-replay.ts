import { canonicalGrade, isAtLeast, leaveLikelihoodOf, refresherSharesOf, type Money, type Policy } from '@pm/domain';
import { round } from '@pm/projections/analytics/rounding';
import { roundCents } from '@pm/projections/pay/pay-dates';
import type { GradeFact, GrantFact, PayFacts, SalaryFact } from '@pm/projections/pay/pay-facts';
import { payBetween, payCurrency } from '@pm/projections/pay/pay-trajectory';
import type { PayRecord } from '@pm/projections/pay/pay.projection';
import { retentionRisk } from '@pm/projections/pay/retention-risk';
import { assignmentOn } from '@pm/projections/workforce/assignment-on';
import type { PersonHistory, RecordedRating } from './compact-history';

/** One side's pay figures over the window, judged at its end: counts and sums only, never a person's pay. */
export interface PaySummary {
  /** People at retention risk (ADR 016) on the window's last day. */
  atRisk: number;
  /** At-risk people whose last grade is at or above the regretted line, × the policy's leave likelihood; 2 decimals. */
  expectedRegrettedExits: number;
  /** Refresher grants the side's rules grant at final ratings whose period ended in the window, at grant value. */
  refresherCost: Money;
  /** Everyone's total pay (base, sign-on, vesting at grant value) over the window. */
  payCost: Money;
}

/** counterfactual − baseline, listing only what differs; a cost in two currencies reads `null`. */
export type PayDelta = { atRisk?: number; expectedRegrettedExits?: number; refresherCost?: Money | null; payCost?: Money | null };

/** How one side decides pay: the policy judging the window's end, the policy of each rating, and each rating's grade. */
export interface PaySide {
  /** Vesting of kept grants, base caps, the retention-risk rule, the regretted line, the leave likelihood, the currency. */
  judge: Policy;
  /** The policy whose refresher rule applies at a rating (the recorded one per cycle for the baseline). */
  policyAt(rating: RecordedRating): Policy;
  /** The side's final grade of a rating, a code of `policyAt(rating)`'s scale; undefined: not decided (after the window). */
  gradeOf(rating: RecordedRating): string | undefined;
  /** Whether the person's recorded exit no longer happens on this side. */
  exitRemoved(person: PersonHistory, index: number): boolean;
}

/** The currency a policy's bands are in (the first band's); USD when it has none. */
export function policyCurrency(policy: Policy): string {
  for (const levels of Object.values(policy.compensation?.bands ?? {})) for (const band of Object.values(levels)) return band.currency;
  return 'USD';
}

interface PersonPay {
  facts: PayFacts;
  ratings: GradeFact[];
  refreshers: GrantFact[];
}

/**
 * A person's recorded pay history as a side's rules would have made it: recorded `refresher`
 * grants replaced by the refreshers its rules grant at each final rating (on the period end, worth
 * the grade's share × the max of the band of the person's job family and level that day, vesting on
 * that policy's schedule); initial and promotion grants kept, vesting on the judging policy's
 * schedule; a base above the judging policy's band max (or its top-grade cap after enough best
 * grades in a row) capped to it. Everything else as recorded.
 */
export function payUnderRules(person: PersonHistory, pay: PayRecord, side: PaySide, to: string, exitRemoved: boolean): PersonPay {
  const judge = side.judge;
  const ratings: GradeFact[] = [];
  const refreshers: GrantFact[] = [];
  for (const rating of person.ratings) {
    if (rating.periodEnd > to) continue;
    const grade = side.gradeOf(rating);
    if (grade === undefined) continue;
    ratings.push({ grade, periodEnd: rating.periodEnd });
    const refresher = refresherAt(pay, rating, grade, side.policyAt(rating));
    if (refresher) refreshers.push(refresher);
  }
  const vesting = judge.compensation?.vesting;
  const kept = pay.grants.filter((g) => g.kind !== 'refresher').map((g) => (vesting ? { ...g, vesting } : g));
  const grants = [...kept, ...refreshers].sort((a, b) => (a.grantDate < b.grantDate ? -1 : a.grantDate > b.grantDate ? 1 : 0));
  const salaries = pay.salaries.map((s) => capped(s, ratings, judge));
  const { separation, ...rest } = pay;
  const facts: PayFacts = { ...rest, salaries, grants, ...(separation && !exitRemoved ? { separation } : {}) };
  return { facts, ratings, refreshers };
}

function refresherAt(pay: PayRecord, rating: RecordedRating, grade: string, policy: Policy): GrantFact | undefined {
  const share = refresherSharesOf(policy)[canonicalGrade(policy, grade)] ?? 0;
  const compensation = policy.compensation;
  const employed = pay.hireDate <= rating.periodEnd && (pay.separation === undefined || pay.separation.date >= rating.periodEnd);
  if (!(share > 0) || !compensation || !employed) return undefined;
  const assignment = assignmentOn(pay.assignments, rating.periodEnd) ?? pay.assignments[0];
  const band = assignment && compensation.bands[assignment.jobFamily]?.[assignment.level];
  if (!band) return undefined;
  const amount = roundCents(share * band.max);
  if (amount <= 0) return undefined;
  return {
    grantId: `replayed-refresher:${rating.cycleId}`,
    kind: 'refresher',
    grantDate: rating.periodEnd,
    units: 1,
    unitValue: { amount, currency: band.currency },
    vesting: compensation.vesting,
  };
}

/** The base capped at the band's max, or at the top-grade cap after `consecutive` best grades in a row by its effective date. */
function capped(salary: SalaryFact, ratings: readonly GradeFact[], policy: Policy): SalaryFact {
  const compensation = policy.compensation;
  const band = compensation?.bands[salary.jobFamily]?.[salary.level];
  if (!compensation || !band || band.currency !== salary.baseSalary.currency) return salary;
  const { share, consecutive } = compensation.topGradeCap;
  const best = policy.scale.grades[0]?.code;
  const latest = ratings.filter((r) => r.periodEnd <= salary.effectiveDate).slice(-consecutive);
  const topInARow = latest.length === consecutive && latest.every((r) => canonicalGrade(policy, r.grade) === best);
  const max = topInARow ? Math.round(share * band.max) : band.max;
  return salary.baseSalary.amount > max ? { ...salary, baseSalary: { amount: max, currency: salary.baseSalary.currency } } : salary;
}

/** One side's pay figures over [from, to] (ADR 016 arithmetic, ADR 011 for how pay is replayed). */
export function paySummary(people: readonly PersonHistory[], side: PaySide, window: { from: string; to: string }): PaySummary {
  const { judge } = side;
  const currency = policyCurrency(judge);
  let atRisk = 0;
  let regrettedAtRisk = 0;
  let refresherCost = 0;
  let payCost = 0;
  people.forEach((person, i) => {
    // Only people with a recorded base have a pay history to re-judge.
    if (!person.pay || person.pay.salaries.length === 0) return;
    const { facts, ratings, refreshers } = payUnderRules(person, person.pay, side, window.to, side.exitRemoved(person, i));
    for (const grant of refreshers)
      if (grant.grantDate >= window.from && grant.unitValue.currency === currency) refresherCost += grant.units * grant.unitValue.amount;
    if (payCurrency(facts, window.to) === currency) payCost += payBetween(facts, window.from, window.to, { asOf: window.to }).total;
    if (retentionRisk(facts, ratings, judge, window.to) === undefined) return;
    atRisk++;
    const last = ratings.at(-1)?.grade;
    if (last !== undefined && isAtLeast(judge, last, judge.attrition.regrettedIfLastGradeAtLeast)) regrettedAtRisk++;
  });
  return {
    atRisk,
    expectedRegrettedExits: round(regrettedAtRisk * leaveLikelihoodOf(judge), 2) + 0,
    refresherCost: { amount: refresherCost, currency },
    payCost: { amount: payCost, currency },
  };
}

export function payDelta(baseline: PaySummary, counterfactual: PaySummary): PayDelta {
  const delta: PayDelta = {};
  if (counterfactual.atRisk !== baseline.atRisk) delta.atRisk = counterfactual.atRisk - baseline.atRisk;
  const exits = round(counterfactual.expectedRegrettedExits - baseline.expectedRegrettedExits, 2) + 0;
  if (exits !== 0) delta.expectedRegrettedExits = exits;
  for (const field of ['refresherCost', 'payCost'] as const) {
    const [before, after] = [baseline[field], counterfactual[field]];
    if (before.currency !== after.currency) delta[field] = null;
    else if (after.amount !== before.amount) delta[field] = { amount: after.amount - before.amount, currency: after.currency };
  }
  return delta;
}
