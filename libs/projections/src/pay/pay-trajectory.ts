import { addDays, addMonths, daysInclusive, daysInYear, maxDate, minDate, roundCents, roundDiv, yearOf } from './pay-dates';
import type { PayFacts } from './pay-facts';

/**
 * Pay arithmetic over business dates, in integer cents (ADR 016). No I/O: the same facts always
 * give the same cents.
 *
 * - base: each day's annual base in force / the days of that day's calendar year, summed; the sum
 *   is rounded half up once per calendar year (per calendar-year segment of a longer period).
 * - signOn: the instalments whose pay date falls in the period, less any clawback owed on a
 *   separation dated in it.
 * - vestingAtGrant: for each vest date in the period (grant date + `monthsAfterGrant` calendar
 *   months), units × share × unit value at grant, rounded half up per vest;
 *   vestingAtGrowth: the same × (1 + g)^(monthsAfterGrant / 12), rounded half up per vest.
 * - As of `asOf`: only salaries effective, grants and sign-ons dated on or before `asOf` count,
 *   so days after it keep the base in force on `asOf`, and nothing granted later vests. Days and
 *   vests up to `asOf` are therefore as recorded.
 * - Stops at separation: the separation date is the last day employed (as attrition counts it);
 *   base is paid through it, and nothing is paid or vests after it.
 * - One currency: the base's (else the first grant's, else the first sign-on's); amounts recorded
 *   in another currency are left out (no exchange rates).
 */
export interface PayOptions {
  asOf: string;
  /** Per year, e.g. 0.05; 0 when absent. */
  assumedStockGrowth?: number;
}

export interface PayAmounts {
  base: number;
  signOn: number;
  vestingAtGrant: number;
  vestingAtGrowth: number;
  total: number;
  totalAtGrowth: number;
}

/** What each grant and sign-on contributed to a period, for explaining a change. */
export interface PayBreakdown extends PayAmounts {
  byGrant: Map<string, number>;
  /** By sign-on grant date. */
  bySignOn: Map<string, number>;
}

export interface PayYear extends PayAmounts {
  year: number;
  /** Some of the year lies after `asOf`: projected from what was granted by then. */
  projected: boolean;
}

export interface PayTrajectory {
  currency: string;
  asOf: string;
  years: PayYear[];
}

const FAR_FUTURE = '9999-12-31';

/** The currency the arithmetic counts in (see above); USD when nothing is recorded. */
export function payCurrency(facts: PayFacts, asOf: string): string {
  const salary = facts.salaries.filter((s) => s.effectiveDate <= asOf).at(-1) ?? facts.salaries[0];
  return salary?.baseSalary.currency ?? facts.grants[0]?.unitValue.currency ?? facts.signOns[0]?.currency ?? 'USD';
}

/** The first day paid and the last: hire (else the first base) through the separation date. */
export function paidSpan(facts: PayFacts): { from: string; to: string } | undefined {
  const from = facts.hireDate ?? facts.salaries[0]?.effectiveDate ?? facts.grants[0]?.grantDate ?? facts.signOns[0]?.grantDate;
  if (from === undefined) return undefined;
  return { from, to: facts.separation?.date ?? FAR_FUTURE };
}

/** Pay over [from, to], both business dates included, as known on `options.asOf`. */
export function payBetween(facts: PayFacts, from: string, to: string, options: PayOptions): PayBreakdown {
  const { asOf } = options;
  const growth = options.assumedStockGrowth ?? 0;
  const currency = payCurrency(facts, asOf);
  const span = paidSpan(facts);
  const byGrant = new Map<string, number>();
  const bySignOn = new Map<string, number>();
  const empty = { base: 0, signOn: 0, vestingAtGrant: 0, vestingAtGrowth: 0, total: 0, totalAtGrowth: 0, byGrant, bySignOn };
  if (!span) return empty;
  const first = maxDate(from, span.from);
  const last = minDate(to, span.to);
  const paid = (date: string): boolean => date >= first && date <= last;

  const salaries = facts.salaries.filter((s) => s.effectiveDate <= asOf && s.baseSalary.currency === currency);
  let base = 0;
  if (first <= last) {
    for (let year = yearOf(first); year <= yearOf(last); year++) {
      const segmentFrom = maxDate(first, `${year}-01-01`);
      const segmentTo = minDate(last, `${year}-12-31`);
      let numerator = 0;
      salaries.forEach((salary, i) => {
        const until = i + 1 < salaries.length ? addDays(salaries[i + 1].effectiveDate, -1) : FAR_FUTURE;
        const days = daysInclusive(maxDate(segmentFrom, salary.effectiveDate), minDate(segmentTo, until));
        numerator += salary.baseSalary.amount * days;
      });
      base += roundDiv(numerator, daysInYear(year));
    }
  }

  let signOn = 0;
  for (const grant of facts.signOns) {
    if (grant.grantDate > asOf || grant.currency !== currency) continue;
    const amount = grant.instalments.filter((i) => paid(i.payDate)).reduce((sum, i) => sum + i.amount, 0);
    if (amount !== 0) bySignOn.set(grant.grantDate, (bySignOn.get(grant.grantDate) ?? 0) + amount);
    signOn += amount;
  }
  for (const clawback of facts.clawbacks) {
    if (clawback.separationDate >= from && clawback.separationDate <= to && clawback.owed.currency === currency) signOn -= clawback.owed.amount;
  }

  let vestingAtGrant = 0;
  let vestingAtGrowth = 0;
  for (const grant of facts.grants) {
    if (grant.grantDate > asOf || grant.unitValue.currency !== currency) continue;
    for (const step of grant.vesting) {
      if (!paid(addMonths(grant.grantDate, step.monthsAfterGrant))) continue;
      const atGrant = grant.units * step.share * grant.unitValue.amount;
      const cents = roundCents(atGrant);
      vestingAtGrant += cents;
      vestingAtGrowth += roundCents(atGrant * (1 + growth) ** (step.monthsAfterGrant / 12));
      byGrant.set(grant.grantId, (byGrant.get(grant.grantId) ?? 0) + cents);
    }
  }
  return {
    base,
    signOn,
    vestingAtGrant,
    vestingAtGrowth,
    total: base + signOn + vestingAtGrant,
    totalAtGrowth: base + signOn + vestingAtGrowth,
    byGrant,
    bySignOn,
  };
}

/** The last date anything known on `asOf` is paid or vests, or `asOf` when that is later. */
export function lastScheduledDate(facts: PayFacts, asOf: string): string {
  const dates = [
    asOf,
    ...facts.signOns.filter((s) => s.grantDate <= asOf).flatMap((s) => s.instalments.map((i) => i.payDate)),
    ...facts.grants.filter((g) => g.grantDate <= asOf).flatMap((g) => g.vesting.map((step) => addMonths(g.grantDate, step.monthsAfterGrant))),
  ];
  const latest = dates.reduce(maxDate);
  return facts.separation ? minDate(latest, facts.separation.date) : latest;
}

/**
 * Pay per calendar year from `from` to `to` (years), within employment: no year before the first
 * day paid, none after the separation. Years wholly on or before `asOf` are as recorded; the
 * others are projected from what was granted by `asOf` (see `payBetween`).
 */
export function payTrajectory(facts: PayFacts, query: { from: number; to: number } & PayOptions): PayTrajectory {
  const span = paidSpan(facts);
  const years: PayYear[] = [];
  if (span) {
    const firstYear = Math.max(query.from, yearOf(span.from));
    const lastYear = Math.min(query.to, yearOf(span.to));
    for (let year = firstYear; year <= lastYear; year++) {
      const { byGrant: _g, bySignOn: _s, ...amounts } = payBetween(facts, `${year}-01-01`, `${year}-12-31`, query);
      years.push({ year, ...amounts, projected: `${year}-12-31` > query.asOf });
    }
  }
  return { currency: payCurrency(facts, query.asOf), asOf: query.asOf, years };
}

/** The years a trajectory shows when the caller names none: from the first day paid through the last payment known on `asOf`. */
export function defaultTrajectoryYears(facts: PayFacts, asOf: string): { from: number; to: number } {
  const span = paidSpan(facts);
  const from = span ? yearOf(span.from) : yearOf(asOf);
  return { from, to: Math.max(from, yearOf(lastScheduledDate(facts, asOf))) };
}
