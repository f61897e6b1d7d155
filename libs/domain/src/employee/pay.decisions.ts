import { alreadyExists, DomainError, ruleViolation } from '../core/domain-error';
import type { Compensation, Money, PayBand, Policy } from '../policy/policy';
import { vestingProblem } from '../policy/policy-validation';
import type { ChangePay, GrantEquity, GrantSignOn } from './employee.commands';
import type { EmployeeEvent, SignOnClawbackOwed } from './employee.events';
import type { Current } from './employee.guards';
import { requireNotBeforeHire } from './employee.guards';
import type { Employment } from './employee.state';

/** The policy's compensation section, or a refusal: policies published before pay was recorded have none. */
function compensationOf(policy: Policy): Compensation {
  if (!policy.compensation) {
    throw ruleViolation(
      'compensation-not-configured',
      `Policy ${policy.policyId}@${policy.version} has no compensation section; publish a version with compensation.bands first`,
    );
  }
  return policy.compensation;
}

function bandOf(policy: Policy, jobFamily: string, level: string): PayBand {
  const band = compensationOf(policy).bands[jobFamily]?.[level];
  if (!band) {
    throw ruleViolation('compensation-not-configured', `Policy ${policy.policyId}@${policy.version} has no pay band for ${jobFamily} ${level}`);
  }
  return band;
}

/** The latest `count` final ratings, in period order, all at the scale's best grade (old codes read as their current grade). */
function topGradesInARow(policy: Policy, employee: Employment, count: number): boolean {
  const best = policy.scale.grades[0]?.code;
  const latest = employee.ratings.slice(-count).map((r) => policy.scale.aliases?.[r.rating] ?? r.rating);
  return latest.length === count && latest.every((grade) => grade === best);
}

/** `a` × `b` / `c`, rounded half up to a whole number, in exact integer arithmetic (`a`, `b`, `c` whole, `c` > 0). */
function mulDivRounded(a: number, b: number, c: number): number {
  return Number((2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c)));
}

/** Whole calendar months from `from` to `to` (dates `YYYY-MM-DD`): 2024-01-15 to 2024-03-14 is 1, to 2024-03-15 is 2. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** A new annual base from a date, inside the band of the employee's job family and level that day. */
export function changePay(command: ChangePay, employee: Current): EmployeeEvent[] {
  const { policy } = command;
  const { effectiveDate, baseSalary, reason } = command.data;
  requireNotBeforeHire(employee, effectiveDate, 'effectiveDate');
  const { level, jobFamily } = employee;
  const band = bandOf(policy, jobFamily, level);
  if (baseSalary.currency !== band.currency) {
    throw ruleViolation('currency-not-of-band', `The ${jobFamily} ${level} band is in ${band.currency}, not ${baseSalary.currency}`, {
      field: 'baseSalary.currency',
    });
  }
  const cap = compensationOf(policy).topGradeCap;
  const capped = topGradesInARow(policy, employee, cap.consecutive);
  const max = capped ? Math.round(cap.share * band.max) : band.max;
  if (baseSalary.amount < band.min || baseSalary.amount > max) {
    const above = baseSalary.amount > band.max && !capped ? `; up to ${Math.round(cap.share * band.max)} after ${cap.consecutive} top grades in a row` : '';
    throw ruleViolation(
      'salary-outside-band',
      `A ${jobFamily} ${level} base is ${band.min} to ${max} ${band.currency} (minor units) under ${policy.policyId}@${policy.version}${above}`,
      { field: 'baseSalary.amount' },
    );
  }
  return [{ type: 'BaseSalaryChanged', data: { employeeId: employee.employeeId, effectiveDate, baseSalary, reason, level, jobFamily } }];
}

/** A sign-on bonus in instalments, each paid on or after the grant. */
export function grantSignOn(command: GrantSignOn, employee: Current): EmployeeEvent[] {
  const { grantDate, currency, instalments, clawback } = command.data;
  requireNotBeforeHire(employee, grantDate, 'grantDate');
  const early = instalments.findIndex((i) => i.payDate < grantDate);
  if (early >= 0) {
    throw new DomainError('instalment-before-grant', `An instalment is paid on or after the grant date ${grantDate}`, 'invalid', {
      field: `instalments[${early}].payDate`,
    });
  }
  return [
    {
      type: 'SignOnBonusGranted',
      data: { employeeId: employee.employeeId, grantDate, currency, instalments, ...(clawback ? { clawback } : {}) },
    },
  ];
}

/** Stock units at a unit value; the vesting schedule is the one given, else the policy's default, and is recorded either way. */
export function grantEquity(command: GrantEquity, employee: Current): EmployeeEvent[] {
  const { grantId, kind, grantDate, units, unitValue, vesting } = command.data;
  requireNotBeforeHire(employee, grantDate, 'grantDate');
  if (employee.equityGrants?.includes(grantId)) throw alreadyExists('equity-grant-exists', `Equity grant ${grantId} was already recorded for the employee`);
  const schedule = vesting ?? compensationOf(command.policy).vesting;
  const problem = vestingProblem(schedule);
  if (problem) throw new DomainError('vesting-invalid', `vesting ${problem}`, 'invalid', { field: 'vesting' });
  return [{ type: 'EquityGranted', data: { employeeId: employee.employeeId, grantId, kind, grantDate, units, unitValue, vesting: schedule } }];
}

/**
 * What a voluntary exit on `separationDate` (the last day) owes back of each sign-on with a
 * clawback: for every instalment paid by then, amount × (months − whole months since it was paid)
 * / months, never below 0; the sum per sign-on rounded half up to the minor unit. Nothing owed, no event.
 */
export function clawbacksOn(employee: Employment, separationDate: string): SignOnClawbackOwed[] {
  return (employee.signOns ?? []).flatMap((signOn): SignOnClawbackOwed[] => {
    const months = signOn.clawback?.months;
    if (!months) return [];
    const weighted = signOn.instalments
      .filter((i) => i.payDate <= separationDate)
      .reduce((sum, i) => sum + BigInt(i.amount) * BigInt(Math.max(0, months - wholeMonthsBetween(i.payDate, separationDate))), 0n);
    const owed = Number((2n * weighted + BigInt(months)) / (2n * BigInt(months)));
    if (owed === 0) return [];
    return [
      {
        type: 'SignOnClawbackOwed',
        data: { employeeId: employee.employeeId, grantDate: signOn.grantDate, separationDate, owed: { amount: owed, currency: signOn.currency } },
      },
    ];
  });
}

/** The annual base in force on `date`: the latest one effective by then. */
export function baseOn(employee: Employment, date: string): Money | undefined {
  return (employee.pay ?? []).filter((p) => p.effectiveDate <= date).at(-1)?.baseSalary;
}

/**
 * Severance of a Pivot exit on `date`: weekly base (annual / 52, rounded half up to the minor unit)
 * × (baseWeeks + weeksPerYearOfTenure × whole years since the hire) × `share`, rounded half up.
 * No compensation section or no base known: none.
 */
export function severanceOn(policy: Policy, employee: Employment, date: string, share: (s: Compensation['severance']) => number): Money | undefined {
  const base = baseOn(employee, date);
  const formula = policy.compensation?.severance;
  if (!base || !formula) return undefined;
  const weekly = mulDivRounded(base.amount, 1, 52);
  const years = Math.max(0, Math.floor(wholeMonthsBetween(employee.hireDate, date) / 12));
  const weeks = formula.baseWeeks + formula.weeksPerYearOfTenure * years;
  return { amount: Math.round(weekly * weeks * share(formula)), currency: base.currency };
}
