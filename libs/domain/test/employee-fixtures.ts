import { BYTEDANCE_POLICY, CLASSIC_POLICY, DEFAULT_POLICY, policyRef, type EmployeeCommand, type EmployeeEvent, type Goal, type Policy } from '@pm/domain';

/** The shipped drafts, published as version 1. */
export const DEFAULT: Policy = { ...DEFAULT_POLICY, version: 1 };
export const CLASSIC: Policy = { ...CLASSIC_POLICY, version: 1 };
export const BYTEDANCE: Policy = { ...BYTEDANCE_POLICY, version: 1 };

export const EMPLOYEE = 'e-100';
export const MANAGER = 'm-1';
export const ORG = 'org-search';
export const HIRE_DATE = '2022-03-01';

type CommandOf<T extends EmployeeCommand['type']> = Extract<EmployeeCommand, { type: T }>;
type EventOf<T extends EmployeeEvent['type']> = Extract<EmployeeEvent, { type: T }>;

export function command<T extends EmployeeCommand['type']>(type: T, data: CommandOf<T>['data'], policy: Policy = DEFAULT): CommandOf<T> {
  // An appeal's panel members are unknown here unless a spec gives their standing.
  return { type, data, policy, ...(type === 'DecideAppeal' ? { panelStanding: {} } : {}) } as CommandOf<T>;
}

export function event<T extends EmployeeEvent['type']>(type: T, data: EventOf<T>['data']): EventOf<T> {
  return { type, data } as EventOf<T>;
}

export const goals: Goal[] = [
  { goalId: 'g1', description: 'Ship the ranking fix', measure: 'merged and deployed' },
  { goalId: 'g2', description: 'Lead the on-call review', measure: 'review held with notes' },
];

export const hired = (overrides: Partial<EventOf<'EmployeeHired'>['data']> = {}) =>
  event('EmployeeHired', {
    employeeId: EMPLOYEE,
    name: 'Ada Example',
    email: 'ada@example.com',
    level: 'L5',
    jobFamily: 'SDE',
    orgId: ORG,
    managerId: MANAGER,
    hireDate: HIRE_DATE,
    ...overrides,
  });

export const ratingReceived = (cycleId: string, rating: string, policy: Policy = DEFAULT, calibrated = false) =>
  event('RatingReceived', { employeeId: EMPLOYEE, cycleId, rating, calibrated, periodEnd: `${cycleId.slice(0, 4)}-12-31`, policy: policyRef(policy) });

/** Monday 2024-02-05 to Friday 2024-04-05: 60 days. */
export const focusEntered = (triggeredBy: string[] = ['2023'], startDate = '2024-02-05') =>
  event('FocusEntered', { employeeId: EMPLOYEE, startDate, dueDate: '2024-04-05', reason: 'LE in 2023', goals, triggeredBy });

export const focusClosed = (outcome: 'succeeded' | 'escalated', effectiveDate = '2024-04-05') =>
  event('FocusClosed', { employeeId: EMPLOYEE, outcome, effectiveDate });

/** Friday 2024-05-03; three business days later is Wednesday 2024-05-08. */
export const PIVOT_START = '2024-05-03';
export const CHOICE_DEADLINE = '2024-05-08';
export const pivotPlaced = () =>
  event('PivotPlaced', { employeeId: EMPLOYEE, startDate: PIVOT_START, reason: 'Focus escalated', choiceDeadline: CHOICE_DEADLINE });

export const optionChosen = (option: 'buyout' | 'appeal' | 'improvement_plan', effectiveDate = '2024-05-06') =>
  event('PivotOptionChosen', {
    employeeId: EMPLOYEE,
    option,
    effectiveDate,
    ...(option === 'improvement_plan' ? { planDueDate: '2024-06-20', goals } : {}),
  });

// Histories, each one step further down the Focus/Pivot path.
export const active = (): EmployeeEvent[] => [hired()];
export const ratedLE = (): EmployeeEvent[] => [hired(), ratingReceived('2023', 'LE')];
export const inFocus = (): EmployeeEvent[] => [...ratedLE(), focusEntered()];
export const escalated = (): EmployeeEvent[] => [...inFocus(), focusClosed('escalated')];
export const inPivot = (): EmployeeEvent[] => [...escalated(), pivotPlaced()];
export const appealing = (): EmployeeEvent[] => [...inPivot(), optionChosen('appeal')];
export const onPlan = (): EmployeeEvent[] => [...inPivot(), optionChosen('improvement_plan')];
export const separated = (): EmployeeEvent[] => [
  ...active(),
  event('EmployeeSeparated', {
    employeeId: EMPLOYEE,
    type: 'voluntary',
    reason: 'resigned',
    regretted: true,
    regrettedSource: 'policy',
    effectiveDate: '2024-01-31',
  }),
];

/** One plausible command of every type, for the rules that refuse all of them alike. */
export const oneOfEach = (): EmployeeCommand[] => [
  command('HireEmployee', hired().data),
  command('ChangeManager', { managerId: 'm-2', effectiveDate: '2024-06-01' }),
  command('TransferEmployee', { toOrgId: 'org-ads', effectiveDate: '2024-06-01' }),
  command('SeparateEmployee', { type: 'voluntary', reason: 'resigned', effectiveDate: '2024-06-01' }),
  command('RecordFeedback', { fromEmployeeId: 'e-200', kind: 'anytime', sentiment: 'positive', text: 'Great design review' }),
  command('ReceiveRating', { cycleId: '2024', rating: 'HV2', calibrated: false, periodEnd: '2024-12-31', policy: policyRef(DEFAULT) }),
  command('EnterFocus', { startDate: '2024-06-03', dueDate: '2024-08-02', reason: 'LE', goals }),
  command('UpdateFocusGoal', { goalId: 'g1', status: 'met' }),
  command('CloseFocus', { outcome: 'succeeded', effectiveDate: '2024-06-01' }),
  command('PlaceInPivot', { startDate: '2024-06-03', reason: 'escalated' }),
  command('ChoosePivotOption', { option: 'appeal', effectiveDate: '2024-06-03' }),
  command('DecideAppeal', { outcome: 'upheld', panel: ['p-1'], decidedAt: '2024-06-10T10:00:00Z' }),
  command('ClosePivot', { outcome: 'passed', effectiveDate: '2024-06-01' }),
  command('NominateForPromotion', { promotionId: 'promo-1', toLevel: 'L6', nominatedBy: MANAGER, nominatedOn: '2024-06-01' }),
  command('DecidePromotion', { promotionId: 'promo-1', approved: true, panel: ['p-1'], effectiveDate: '2024-06-01' }),
];
