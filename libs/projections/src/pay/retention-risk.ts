import type { Money, Policy } from '@pm/domain';
import { addDays, addMonths } from './pay-dates';
import type { GradeFact, PayFacts } from './pay-facts';
import { paidSpan, payBetween, payCurrency } from './pay-trajectory';

export type RetentionReasonKind = 'grant-ends' | 'grant-tapers' | 'sign-on-ended' | 'sign-on-tapers' | 'base-fell';

/** One reason the next twelve months pay less: how much less this part pays (cents, > 0). */
export interface RetentionReason {
  kind: RetentionReasonKind;
  grantId?: string;
  /** A grant's last vest date; a sign-on's last pay date. */
  lastVest?: string;
  /** A sign-on's grant date. */
  grantDate?: string;
  amount: number;
}

export interface RetentionRisk {
  currency: string;
  /** Total pay (at grant value) over the twelve months through `asOf`, cents. */
  lastTwelveMonths: number;
  /** Total pay (at grant value) over the twelve months after `asOf`, as granted by `asOf`, cents. */
  nextTwelveMonths: number;
  /** lastTwelveMonths − nextTwelveMonths, cents. */
  drop: number;
  /** drop / lastTwelveMonths, 4 decimals. */
  dropShare: number;
  /** Largest first. */
  why: RetentionReason[];
  closesGap: {
    /** The refresher whose first twelve months of vesting would restore the last twelve months' total. */
    refresher: Money;
    /** The next level of the employee's ladder and its band, when the policy has both. */
    promotion?: { level: string; bandMin: Money; bandMax: Money };
  };
}

/** The policy's retention-risk rule, read defensively: policies stored before pay have none. */
function ruleOf(policy: Policy): { minGrade: string; latest: number; drop: number } | undefined {
  const rule = policy.compensation?.retentionRisk;
  if (!rule || typeof rule.minGrade !== 'string' || !Number.isInteger(rule.latest) || rule.latest < 1 || typeof rule.drop !== 'number') return undefined;
  return rule;
}

/** A grade's place on the scale (0 is best); aliases read as their current grade; unknown: undefined. */
function rankOf(policy: Policy, grade: string): number | undefined {
  const code = policy.scale.aliases?.[grade] ?? grade;
  const at = policy.scale.grades.findIndex((g) => g.code === code);
  return at < 0 ? undefined : at;
}

/** The latest `count` final grades with a period ended on or before `asOf`, oldest first. */
export function latestGrades(ratings: readonly GradeFact[], asOf: string, count: number): GradeFact[] {
  return [...ratings]
    .filter((r) => r.periodEnd <= asOf)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0))
    .slice(-count);
}

/**
 * An employee at risk of leaving for pay on `asOf` (employed that day): their latest
 * `retentionRisk.latest` final grades are all at or above `retentionRisk.minGrade`, and what they
 * are due over the next twelve months (asOf+1 .. asOf + 12 calendar months, as granted by asOf)
 * is more than `retentionRisk.drop` of what they were paid over the last twelve (asOf − 12 months
 * + 1 day .. asOf) below it. Totals at grant value. Undefined when not at risk, or when the policy
 * has no compensation section.
 */
export function retentionRisk(facts: PayFacts, ratings: readonly GradeFact[], policy: Policy, asOf: string): RetentionRisk | undefined {
  const rule = ruleOf(policy);
  const bar = rule && rankOf(policy, rule.minGrade);
  if (!rule || bar === undefined) return undefined;
  const span = paidSpan(facts);
  if (!span || span.from > asOf || span.to < asOf) return undefined;
  const grades = latestGrades(ratings, asOf, rule.latest);
  if (grades.length < rule.latest || !grades.every((g) => (rankOf(policy, g.grade) ?? Infinity) <= bar)) return undefined;

  const options = { asOf };
  const last = payBetween(facts, addDays(addMonths(asOf, -12), 1), asOf, options);
  const nextEnd = addMonths(asOf, 12);
  const next = payBetween(facts, addDays(asOf, 1), nextEnd, options);
  const drop = last.total - next.total;
  if (last.total <= 0 || drop <= 0 || drop / last.total <= rule.drop) return undefined;

  const currency = payCurrency(facts, asOf);
  return {
    currency,
    lastTwelveMonths: last.total,
    nextTwelveMonths: next.total,
    drop,
    dropShare: Math.round((drop / last.total) * 10_000) / 10_000,
    why: reasons(facts, last, next, nextEnd, asOf),
    closesGap: { refresher: { amount: drop, currency }, ...promotionOf(facts, policy, asOf, currency) },
  };
}

function reasons(facts: PayFacts, last: ReturnType<typeof payBetween>, next: ReturnType<typeof payBetween>, nextEnd: string, asOf: string): RetentionReason[] {
  const why: RetentionReason[] = [];
  const separation = facts.separation?.date;
  for (const grant of facts.grants.filter((g) => g.grantDate <= asOf)) {
    const amount = (last.byGrant.get(grant.grantId) ?? 0) - (next.byGrant.get(grant.grantId) ?? 0);
    if (amount <= 0) continue;
    const vests = grant.vesting.map((step) => addMonths(grant.grantDate, step.monthsAfterGrant)).filter((d) => separation === undefined || d <= separation);
    const lastVest = vests.reduce((a, b) => (a > b ? a : b), grant.grantDate);
    why.push({ kind: lastVest <= nextEnd && !next.byGrant.has(grant.grantId) ? 'grant-ends' : 'grant-tapers', grantId: grant.grantId, lastVest, amount });
  }
  for (const signOn of facts.signOns.filter((s) => s.grantDate <= asOf)) {
    const amount = (last.bySignOn.get(signOn.grantDate) ?? 0) - (next.bySignOn.get(signOn.grantDate) ?? 0);
    if (amount <= 0) continue;
    const lastVest = signOn.instalments.map((i) => i.payDate).reduce((a, b) => (a > b ? a : b), signOn.grantDate);
    why.push({ kind: next.bySignOn.has(signOn.grantDate) ? 'sign-on-tapers' : 'sign-on-ended', grantDate: signOn.grantDate, lastVest, amount });
  }
  if (last.base > next.base) why.push({ kind: 'base-fell', amount: last.base - next.base });
  return why.sort((a, b) => b.amount - a.amount || (a.grantId ?? a.kind).localeCompare(b.grantId ?? b.kind));
}

function promotionOf(facts: PayFacts, policy: Policy, asOf: string, currency: string): { promotion?: RetentionRisk['closesGap']['promotion'] } {
  const salary = facts.salaries.filter((s) => s.effectiveDate <= asOf).at(-1);
  if (!salary) return {};
  const ladder = policy.levels?.[salary.jobFamily] ?? policy.levels?.['*'];
  const at = ladder?.indexOf(salary.level) ?? -1;
  const level = at >= 0 ? ladder?.[at + 1] : undefined;
  const band = level === undefined ? undefined : policy.compensation?.bands?.[salary.jobFamily]?.[level];
  if (!level || !band || band.currency !== currency) return {};
  return { promotion: { level, bandMin: { amount: band.min, currency }, bandMax: { amount: band.max, currency } } };
}
