import { addBusinessDays, DEFAULT_POLICY, toDayNumber } from '@pm/domain';
import { step, type CareerStep } from './career-step';
import type { Company, Person } from './company';
import { dateOf, instantOf, type DomainFact } from './recorded-events';
import type { SeededRandom } from './seeded-random';

/** Default policy rates: more than a third of Focus cases end in an exit. */
const FOCUS_SUCCEEDS = 0.58;
const PIVOT_OPTIONS: [option: 'buyout' | 'appeal' | 'improvement_plan', cumulative: number][] = [
  ['buyout', 0.4],
  ['appeal', 0.65],
  ['improvement_plan', 1],
];
const APPEAL_WON = 0.15;
const PLAN_PASSED = 0.3;
const SEVERANCE = DEFAULT_POLICY.severance!;
const PIVOT_CHOICE_WINDOW_BUSINESS_DAYS = DEFAULT_POLICY.pivot.choiceWindowBusinessDays;
const GOAL_MEASURES = [
  'Two design documents approved by the team without rework',
  'On-call tickets closed within the service level for six weeks',
  'Weekly status notes sent to stakeholders on time',
  'Three code reviews a week with actionable comments',
  'Quarterly plan milestones delivered on the agreed dates',
];

function severanceWeeks(person: Person, day: number, share: number): number {
  const tenureYears = Math.max(0, (day - person.hireDay) / 365.25);
  return Math.round((SEVERANCE.baseWeeks + SEVERANCE.weeksPerYearOfTenure * tenureYears) * share * 10) / 10;
}

function separated(person: Person, reason: 'pivot_buyout' | 'appeal_lost' | 'pivot_failed', day: number, share: number): DomainFact {
  return {
    type: 'EmployeeSeparated',
    data: {
      employeeId: person.id,
      type: 'involuntary',
      reason,
      regretted: false,
      regrettedSource: 'policy',
      lastGrade: person.lastGrade,
      severanceWeeks: severanceWeeks(person, day, share),
      effectiveDate: dateOf(day),
    },
  };
}

function goals(random: SeededRandom): { goalId: string; description: { $pii: string }; measure: string }[] {
  return random.sample(GOAL_MEASURES, 3).map((measure, i) => ({ goalId: `goal-${i + 1}`, description: random.sealed(random.int(80, 160)), measure }));
}

/**
 * After a below-bar final rating: Focus with written goals, then either back to good standing or
 * escalation to Pivot, where the employee takes a buyout, appeals, or works an improvement plan.
 * Every step lands within the window before the next review cycle.
 */
export function focusAndPivot(person: Person, ratedCycleId: string, from: number, company: Company, random: SeededRandom): CareerStep[] {
  const employeeId = person.id;
  const start = from + random.int(7, 10);
  const due = start + random.int(45, 70);
  const focusGoals = goals(random);
  const succeeded = random.chance(FOCUS_SUCCEEDS);
  const steps: CareerStep[] = [
    step(start, () => [
      {
        type: 'FocusEntered',
        data: {
          employeeId,
          startDate: dateOf(start),
          dueDate: dateOf(due),
          reason: random.sealed(random.int(150, 400)),
          goals: focusGoals,
          triggeredBy: [ratedCycleId],
        },
      },
    ]),
  ];
  focusGoals.forEach(({ goalId }, i) => {
    if (random.chance(0.5)) {
      steps.push(
        step(start + random.int(10, 30), () => [
          { type: 'FocusGoalUpdated', data: { employeeId, goalId, status: 'in_progress', note: random.sealed(random.int(60, 200)) } },
        ]),
      );
    }
    const met = succeeded ? i < 2 || random.chance(0.7) : i === 0 && random.chance(0.5);
    steps.push(step(due - random.int(1, 5), () => [{ type: 'FocusGoalUpdated', data: { employeeId, goalId, status: met ? 'met' : 'missed' } }]));
  });
  steps.push(step(due, () => [{ type: 'FocusClosed', data: { employeeId, outcome: succeeded ? 'succeeded' : 'escalated', effectiveDate: dateOf(due) } }]));
  if (succeeded) return steps;

  const placed = due + random.int(1, 5);
  const choiceDeadline = addBusinessDays(dateOf(placed), PIVOT_CHOICE_WINDOW_BUSINESS_DAYS);
  steps.push(
    step(placed, () => [{ type: 'PivotPlaced', data: { employeeId, startDate: dateOf(placed), reason: random.sealed(random.int(150, 400)), choiceDeadline } }]),
  );
  const chosen = toDayNumber(addBusinessDays(dateOf(placed), random.int(1, PIVOT_CHOICE_WINDOW_BUSINESS_DAYS)));
  const roll = random.next();
  const option = PIVOT_OPTIONS.find(([, cumulative]) => roll < cumulative)![0];
  const choice = { employeeId, option, effectiveDate: dateOf(chosen) };

  if (option === 'buyout') {
    const buyout = (): DomainFact[] => [
      { type: 'PivotOptionChosen', data: choice },
      { type: 'BuyoutAccepted', data: { employeeId, effectiveDate: dateOf(chosen), severanceWeeks: severanceWeeks(person, chosen, 1) } },
      separated(person, 'pivot_buyout', chosen, 1),
    ];
    return [...steps, step(chosen, buyout, { separates: true })];
  }

  if (option === 'appeal') {
    const decided = chosen + random.int(14, 30);
    const won = random.chance(APPEAL_WON);
    const decidedAt = instantOf(decided, '15:30:00.000');
    const decision = (): DomainFact[] => {
      const panel = Array.from({ length: random.int(1, 5) }, () => company.colleagueOf(person, [person.managerId]).id);
      const appeal = { type: 'AppealDecided', data: { employeeId, outcome: won ? 'overturned' : 'upheld', panel: [...new Set(panel)], decidedAt } };
      return won ? [appeal] : [appeal, separated(person, 'appeal_lost', decided, SEVERANCE.appealLostShare)];
    };
    return [...steps, step(chosen, () => [{ type: 'PivotOptionChosen', data: choice }]), step(decided, decision, { occurredAt: decidedAt, separates: !won })];
  }

  const planDue = chosen + random.int(30, 45);
  const passed = random.chance(PLAN_PASSED);
  const plan = { ...choice, planDueDate: dateOf(planDue), goals: goals(random) };
  const closed = (): DomainFact[] => {
    const close = { type: 'PivotClosed', data: { employeeId, outcome: passed ? 'passed' : 'failed', effectiveDate: dateOf(planDue) } };
    return passed ? [close] : [close, separated(person, 'pivot_failed', planDue, SEVERANCE.planFailedShare)];
  };
  return [...steps, step(chosen, () => [{ type: 'PivotOptionChosen', data: plan }]), step(planDue, closed, { separates: !passed })];
}
