import type { BaseSalaryChanged, EquityGranted, Money, SignOnBonusGranted, SignOnClawbackOwed } from '@pm/domain';

export type { Money } from '@pm/domain';

/** A base salary in force from `effectiveDate` until the next one (annual, integer cents). */
export type SalaryFact = Omit<BaseSalaryChanged['data'], 'employeeId'>;
export type SignOnFact = Omit<SignOnBonusGranted['data'], 'employeeId'>;
export type GrantFact = Omit<EquityGranted['data'], 'employeeId'>;
export type ClawbackFact = Omit<SignOnClawbackOwed['data'], 'employeeId'>;

export interface PaySeparationFact {
  /** The last day employed (as the workforce statistics count it): nothing is paid or vests after it. */
  date: string;
  regretted: boolean;
  severance?: Money;
}

/** What the pay arithmetic reads: one employee's pay history, business-dated, each list in date order. */
export interface PayFacts {
  hireDate?: string;
  salaries: SalaryFact[];
  signOns: SignOnFact[];
  grants: GrantFact[];
  clawbacks: ClawbackFact[];
  separation?: PaySeparationFact;
}

/** A final grade, by the end of the period it rates. */
export interface GradeFact {
  grade: string;
  periodEnd: string;
}
