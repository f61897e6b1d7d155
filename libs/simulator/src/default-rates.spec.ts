import { DEFAULT_POLICY, toDayNumber } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import { simulateHistory } from './simulate-org';
import { DEFAULT_SIMULATION_PARAMETERS as DEFAULTS } from './simulation-parameters';

type Data = Record<string, any>;

/** Events dated at a hire, years before the history for the initial staff. */
const HIRE_TIME = new Set(['EmployeeHired', 'BaseSalaryChanged', 'SignOnBonusGranted', 'EquityGranted']);

/** The figures the reported defaults speak of, measured on the events alone. */
function measure(events: readonly NewEvent[]) {
  const grades = new Map<string, number>();
  let appeals = 0,
    appealsWon = 0,
    plans = 0,
    plansPassed = 0,
    focusCases = 0,
    focusExits = 0,
    voluntary = 0;
  /** People whose latest Focus case is still open: not yet back in good standing, not yet gone. */
  const inCase = new Set<string>();
  const hired = new Map<string, number>();
  const left = new Map<string, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const { type, data, metadata } of events) {
    const d = data as Data;
    const day = toDayNumber(metadata.occurredAt);
    // The history starts with its first event after the initial staff's hires (their hire pay is dated with them).
    if (!HIRE_TIME.has(type)) first = Math.min(first, day);
    last = Math.max(last, day);
    if (type === 'RatingFinalized') grades.set(d.rating, (grades.get(d.rating) ?? 0) + 1);
    if (type === 'AppealDecided') {
      appeals++;
      if (d.outcome === 'overturned') appealsWon++;
    }
    if (type === 'PivotClosed') {
      plans++;
      if (d.outcome === 'passed') plansPassed++;
    }
    if (type === 'FocusEntered') {
      focusCases++;
      inCase.add(d.employeeId);
    }
    const backInGoodStanding =
      (type === 'FocusClosed' && d.outcome === 'succeeded') ||
      (type === 'AppealDecided' && d.outcome === 'overturned') ||
      (type === 'PivotClosed' && d.outcome === 'passed');
    if (backInGoodStanding) inCase.delete(d.employeeId);
    if (type === 'EmployeeHired') hired.set(d.employeeId, toDayNumber(d.hireDate));
    if (type === 'EmployeeSeparated') {
      left.set(d.employeeId, toDayNumber(d.effectiveDate));
      if (d.type === 'voluntary') voluntary++;
      if (inCase.delete(d.employeeId)) focusExits++;
    }
  }
  const rated = [...grades.values()].reduce((a, b) => a + b, 0);
  // Person-years employed within the simulated span: the denominator of an annual rate.
  let personYears = 0;
  for (const [id, hireDay] of hired) personYears += Math.max(0, Math.min(left.get(id) ?? last, last) - Math.max(hireDay, first)) / 365.25;
  return {
    share: (grade: string) => (grades.get(grade) ?? 0) / rated,
    appeals,
    appealWinRate: appealsWon / appeals,
    plans,
    planPassRate: plansPassed / plans,
    focusCases,
    focusExitRate: focusExits / focusCases,
    voluntaryRate: voluntary / personYears,
  };
}

/** Three binomial standard errors around p for n trials: how far a fair draw strays 99.7% of the time. */
const threeSigma = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n);

describe('a default run (2,000 employees, 4 years, policy default) reproduces the default rates', () => {
  const policy = { ...DEFAULT_POLICY, version: 1 };
  let figures: ReturnType<typeof measure>;
  beforeAll(() => {
    figures = measure([...simulateHistory({ employees: 2000, years: 4, policy, seed: 2021 })].flatMap((b) => b.events));
  });

  it('final grades follow the curve: TT 20% within 1 point, LE 6% within 0.6 points', () => {
    expect(Math.abs(figures.share('TT') - policy.curve.targets.TT)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(figures.share('LE') - policy.curve.targets.LE)).toBeLessThanOrEqual(0.006);
  });

  it('appeals are won at the appeal win rate (10%) within three standard errors', () => {
    expect(figures.appeals).toBeGreaterThanOrEqual(40);
    expect(Math.abs(figures.appealWinRate - DEFAULTS.appealWinRate)).toBeLessThanOrEqual(threeSigma(DEFAULTS.appealWinRate, figures.appeals));
  });

  it('improvement plans pass at the plan pass rate (30%) within three standard errors', () => {
    expect(figures.plans).toBeGreaterThanOrEqual(60);
    expect(Math.abs(figures.planPassRate - DEFAULTS.planPassRate)).toBeLessThanOrEqual(threeSigma(DEFAULTS.planPassRate, figures.plans));
  });

  it('more than a third of Focus cases end in an exit', () => {
    expect(figures.focusCases).toBeGreaterThanOrEqual(400);
    expect(figures.focusExitRate).toBeGreaterThan(1 / 3);
  });

  it('voluntary attrition per person-year is the parameter (10%) within 15% of it', () => {
    expect(Math.abs(figures.voluntaryRate - DEFAULTS.voluntaryAttrition)).toBeLessThanOrEqual(0.15 * DEFAULTS.voluntaryAttrition);
  });
});
