import { employeeDecider, type Policy } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import {
  active,
  appealing,
  CHOICE_DEADLINE,
  command,
  DEFAULT,
  EMPLOYEE,
  escalated,
  event,
  focusClosed,
  focusEntered,
  goals,
  inFocus,
  inPivot,
  MANAGER,
  onPlan,
  PIVOT_START,
  ratedLE,
  ratingReceived,
} from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

const NO_ESCALATION_NEEDED: Policy = { ...DEFAULT, version: 2, pivot: { ...DEFAULT.pivot, requiresEscalatedFocus: false } };

const placeInPivot = (startDate = PIVOT_START, policy: Policy = DEFAULT) => command('PlaceInPivot', { startDate, reason: 'Focus escalated' }, policy);

const placed = (startDate: string, choiceDeadline: string) => ({
  type: 'PivotPlaced' as const,
  data: { employeeId: EMPLOYEE, startDate, reason: 'Focus escalated', choiceDeadline },
});

/** Severance is the policy's formula: 10 weeks + 2 per year of tenure, times the share for a lost appeal (1/6) or failed plan (1/3). */
const pivotSeparation = (reason: 'pivot_buyout' | 'appeal_lost' | 'pivot_failed', effectiveDate: string, severanceWeeks: number) =>
  event('EmployeeSeparated', {
    employeeId: EMPLOYEE,
    type: 'involuntary',
    reason,
    reasonCode: reason,
    regretted: false,
    regrettedSource: 'policy',
    lastGrade: 'LE',
    severanceWeeks,
    effectiveDate,
  });

describe('placing in Pivot', () => {
  it('is refused before the day the Focus closed as escalated', () => {
    employee.given(escalated()).when(placeInPivot('2024-04-04')).thenThrows('date-before-focus-closed');
  });

  it('may start on the day the Focus closed', () => {
    employee
      .given(escalated())
      .when(placeInPivot('2024-04-05'))
      .then([placed('2024-04-05', '2024-04-10')]);
  });

  it('is allowed after an escalated Focus, with a choice deadline three business days later over the weekend', () => {
    // Friday 2024-05-03 + 3 business days = Wednesday 2024-05-08.
    employee
      .given(escalated())
      .when(placeInPivot())
      .then([placed(PIVOT_START, CHOICE_DEADLINE)]);
  });

  it('counts three business days straight through a week without a weekend', () => {
    employee
      .given(escalated())
      .when(placeInPivot('2024-04-29'))
      .then([placed('2024-04-29', '2024-05-02')]);
  });

  it('takes the choice window from the policy', () => {
    const fiveDays = { ...DEFAULT, version: 2, pivot: { ...DEFAULT.pivot, choiceWindowBusinessDays: 5 } };
    employee
      .given(escalated())
      .when(placeInPivot(PIVOT_START, fiveDays))
      .then([placed(PIVOT_START, '2024-05-10')]);
  });

  it('puts the employee in Pivot and uses up the escalation', () => {
    employee
      .given(escalated())
      .when(placeInPivot())
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'pivot', escalatedFocusOn: undefined, pivot: { startDate: PIVOT_START, choiceDeadline: CHOICE_DEADLINE } }),
      );
  });

  it('is refused without any Focus', () => {
    employee.given(ratedLE()).when(placeInPivot()).thenThrows('pivot-requires-escalated-focus', 'rule');
  });

  it('is refused while the Focus is still open', () => {
    employee.given(inFocus()).when(placeInPivot()).thenThrows('pivot-requires-escalated-focus');
  });

  it('is refused after a Focus that succeeded', () => {
    employee
      .given([...inFocus(), focusClosed('succeeded')])
      .when(placeInPivot())
      .thenThrows('pivot-requires-escalated-focus');
  });

  it('is refused when the escalation was already used by a Pivot whose appeal was overturned', () => {
    const overturned = event('AppealDecided', { employeeId: EMPLOYEE, outcome: 'overturned', panel: ['p-1'], decidedAt: '2024-05-20T10:00:00Z' });
    employee
      .given([...appealing(), overturned])
      .when(placeInPivot('2024-06-03'))
      .thenThrows('pivot-requires-escalated-focus');
  });

  it('is refused during a later Focus that has not ended, even though an earlier Focus was escalated', () => {
    // The escalation belonged to the first Focus; the second one is the latest and has not ended in escalation.
    employee
      .given([...escalated(), ratingReceived('2024', 'LE'), focusEntered(['2024'], '2025-02-03')])
      .when(placeInPivot('2025-02-10'))
      .thenThrows('pivot-requires-escalated-focus');
  });

  it('is allowed straight from good standing when the policy does not require an escalated Focus', () => {
    employee
      .given(active())
      .when(placeInPivot(PIVOT_START, NO_ESCALATION_NEEDED))
      .then([placed(PIVOT_START, CHOICE_DEADLINE)]);
  });

  it('is refused when the employee is already in Pivot', () => {
    employee.given(inPivot()).when(placeInPivot('2024-05-10')).thenThrows('already-in-pivot');
  });

  it('cannot start before the hire date', () => {
    employee.given(escalated()).when(placeInPivot('2022-02-25')).thenThrows('date-before-hire');
  });
});

describe('choosing a Pivot option', () => {
  const choose = (
    option: 'buyout' | 'appeal' | 'improvement_plan',
    effectiveDate = '2024-05-06',
    extra: { planDueDate?: string; goals?: typeof goals } = {},
    policy: Policy = DEFAULT,
  ) => command('ChoosePivotOption', { option, effectiveDate, ...extra }, policy);

  it('buyout: the choice, the accepted buyout with its severance and the separation, in one decision', () => {
    // Tenure 2022-03-01 to 2024-05-06 is 797 days = 2.18 years: 10 + 2 x 2.18 = 14.4 weeks.
    employee
      .given(inPivot())
      .when(choose('buyout'))
      .then([
        { type: 'PivotOptionChosen', data: { employeeId: EMPLOYEE, option: 'buyout', effectiveDate: '2024-05-06' } },
        { type: 'BuyoutAccepted', data: { employeeId: EMPLOYEE, effectiveDate: '2024-05-06', severanceWeeks: 14.4 } },
        pivotSeparation('pivot_buyout', '2024-05-06', 14.4),
      ]);
  });

  it('buyout without a severance section in the policy names no weeks', () => {
    const { severance: _none, ...withoutSeverance } = DEFAULT;
    employee
      .given(inPivot())
      .when(choose('buyout', '2024-05-06', {}, withoutSeverance))
      .thenState((state, decided) => {
        expect(decided[1]).toEqual({ type: 'BuyoutAccepted', data: { employeeId: EMPLOYEE, effectiveDate: '2024-05-06', severanceWeeks: undefined } });
        expect(state).toMatchObject({ status: 'separated', separatedOn: '2024-05-06' });
      });
  });

  it('appeal: only the choice; the employee stays in Pivot awaiting the panel', () => {
    employee
      .given(inPivot())
      .when(choose('appeal'))
      .thenState((state, decided) => {
        expect(decided).toEqual([{ type: 'PivotOptionChosen', data: { employeeId: EMPLOYEE, option: 'appeal', effectiveDate: '2024-05-06' } }]);
        expect(state).toMatchObject({ status: 'pivot', pivot: { option: 'appeal' } });
      });
  });

  it.each([
    [30, '2024-06-05'],
    [60, '2024-07-05'],
  ])('improvement plan of %i days: the choice with its due date and goals', (_days, planDueDate) => {
    employee
      .given(inPivot())
      .when(choose('improvement_plan', '2024-05-06', { planDueDate, goals }))
      .then([{ type: 'PivotOptionChosen', data: { employeeId: EMPLOYEE, option: 'improvement_plan', effectiveDate: '2024-05-06', planDueDate, goals } }]);
  });

  it.each([
    [29, '2024-06-04'],
    [61, '2024-07-06'],
  ])('refuses an improvement plan of %i days (window 30-60), naming planDueDate', (_days, planDueDate) => {
    const error = employee
      .given(inPivot())
      .when(choose('improvement_plan', '2024-05-06', { planDueDate, goals }))
      .thenThrows('plan-due-date-outside-window', 'rule');
    expect(error.details).toEqual({ field: 'planDueDate' });
  });

  it('refuses an improvement plan without a due date', () => {
    employee
      .given(inPivot())
      .when(choose('improvement_plan', '2024-05-06', { goals }))
      .thenThrows('plan-due-date-required', 'invalid');
  });

  it.each([
    ['buyout', { planDueDate: '2024-06-05' }, 'planDueDate'],
    ['appeal', { goals }, 'goals'],
  ] as const)('refuses plan fields with %s', (option, extra, field) => {
    const error = employee
      .given(inPivot())
      .when(choose(option, '2024-05-06', extra))
      .thenThrows('plan-fields-without-plan', 'invalid');
    expect(error.details).toEqual({ field });
  });

  it.each([PIVOT_START, CHOICE_DEADLINE])('is accepted on %s, inside the window', (effectiveDate) => {
    employee
      .given(inPivot())
      .when(choose('appeal', effectiveDate))
      .then([{ type: 'PivotOptionChosen', data: { employeeId: EMPLOYEE, option: 'appeal', effectiveDate } }]);
  });

  it.each(['2024-05-02', '2024-05-09'])('is refused on %s, outside the window', (effectiveDate) => {
    employee.given(inPivot()).when(choose('appeal', effectiveDate)).thenThrows('pivot-choice-window-closed');
  });

  it('is refused outside Pivot', () => {
    employee.given(escalated()).when(choose('appeal')).thenThrows('not-in-pivot');
  });

  it('cannot be made twice', () => {
    employee.given(appealing()).when(choose('buyout', '2024-05-07')).thenThrows('pivot-option-already-chosen');
  });
});

describe('deciding an appeal', () => {
  const decideAppeal = (outcome: 'upheld' | 'overturned', panel = ['p-1', 'p-2', 'p-3'], decidedAt = '2024-05-20T15:30:00Z') =>
    command('DecideAppeal', { outcome, panel, decidedAt });

  it('upheld (appeal lost): the decision and the separation, in one decision', () => {
    employee
      .given(appealing())
      .when(decideAppeal('upheld'))
      .then([
        { type: 'AppealDecided', data: { employeeId: EMPLOYEE, outcome: 'upheld', panel: ['p-1', 'p-2', 'p-3'], decidedAt: '2024-05-20T15:30:00Z' } },
        pivotSeparation('appeal_lost', '2024-05-20', 2.4),
      ]);
  });

  it('overturned (appeal won): only the decision, and the Pivot ends', () => {
    employee
      .given(appealing())
      .when(decideAppeal('overturned'))
      .thenState((state, decided) => {
        expect(decided).toEqual([
          { type: 'AppealDecided', data: { employeeId: EMPLOYEE, outcome: 'overturned', panel: ['p-1', 'p-2', 'p-3'], decidedAt: '2024-05-20T15:30:00Z' } },
        ]);
        expect(state.status).toBe('active');
      });
  });

  it('a won appeal lets the employee transfer again', () => {
    const won = event('AppealDecided', { employeeId: EMPLOYEE, outcome: 'overturned', panel: ['p-1'], decidedAt: '2024-05-20T10:00:00Z' });
    employee
      .given([...appealing(), won])
      .when(command('TransferEmployee', { toOrgId: 'org-ads', effectiveDate: '2024-06-03' }))
      .then([
        {
          type: 'EmployeeTransferred',
          data: { employeeId: EMPLOYEE, fromOrgId: 'org-search', toOrgId: 'org-ads', fromManagerId: MANAGER, effectiveDate: '2024-06-03', duringFocus: false },
        },
      ]);
  });

  it.each([
    ['in Pivot before any choice', inPivot],
    ['on an improvement plan', onPlan],
    ['in good standing', active],
  ])('is refused with no appeal pending: %s', (_name, history) => {
    employee.given(history()).when(decideAppeal('upheld')).thenThrows('no-appeal-pending');
  });

  it.each([
    ['no one', []],
    ['six people', ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']],
    ['the same person twice', ['p-1', 'p-1']],
  ])('refuses a panel of %s (policy: 1 to 5 distinct members)', (_name, panel) => {
    const error = employee.given(appealing()).when(decideAppeal('overturned', panel)).thenThrows('appeal-panel-size');
    expect(error.details).toEqual({ field: 'panel' });
  });

  it('accepts a panel of one and of five', () => {
    for (const panel of [['p-1'], ['p-1', 'p-2', 'p-3', 'p-4', 'p-5']]) {
      employee
        .given(appealing())
        .when(decideAppeal('overturned', panel))
        .then([{ type: 'AppealDecided', data: { employeeId: EMPLOYEE, outcome: 'overturned', panel, decidedAt: '2024-05-20T15:30:00Z' } }]);
    }
  });

  it.each([
    ['the employee', EMPLOYEE],
    ['their manager', MANAGER],
  ])('refuses a panel that includes %s', (_name, member) => {
    employee
      .given(appealing())
      .when(decideAppeal('overturned', ['p-1', member]))
      .thenThrows('appeal-panel-conflict');
  });

  it('cannot be decided before the Pivot started (the separation would predate it)', () => {
    employee
      .given(appealing())
      .when(decideAppeal('upheld', ['p-1'], '2021-01-04T09:00:00Z'))
      .thenThrows('date-before-pivot');
  });
});

describe('closing an improvement plan', () => {
  it('passed: the Pivot ends and the employee is back in good standing', () => {
    employee
      .given(onPlan())
      .when(command('ClosePivot', { outcome: 'passed', effectiveDate: '2024-06-20' }))
      .thenState((state, decided) => {
        expect(decided).toEqual([{ type: 'PivotClosed', data: { employeeId: EMPLOYEE, outcome: 'passed', effectiveDate: '2024-06-20' } }]);
        expect(state.status).toBe('active');
      });
  });

  it('failed: the closing and the separation, in one decision', () => {
    employee
      .given(onPlan())
      .when(command('ClosePivot', { outcome: 'failed', effectiveDate: '2024-06-20' }))
      .then([
        { type: 'PivotClosed', data: { employeeId: EMPLOYEE, outcome: 'failed', effectiveDate: '2024-06-20' } },
        pivotSeparation('pivot_failed', '2024-06-20', 4.9),
      ]);
  });

  it('is refused when the employee chose an appeal, not a plan', () => {
    employee
      .given(appealing())
      .when(command('ClosePivot', { outcome: 'passed', effectiveDate: '2024-06-20' }))
      .thenThrows('no-improvement-plan');
  });

  it('is refused before any option was chosen', () => {
    employee
      .given(inPivot())
      .when(command('ClosePivot', { outcome: 'failed', effectiveDate: '2024-06-20' }))
      .thenThrows('no-improvement-plan');
  });

  it('cannot close before the Pivot started', () => {
    employee
      .given(onPlan())
      .when(command('ClosePivot', { outcome: 'failed', effectiveDate: '2024-05-02' }))
      .thenThrows('date-before-pivot');
  });
});

describe('Pivot dates and plans the policy bounds', () => {
  it('refuses a Pivot placed longer after the escalation than the policy’s window (30 days by default)', () => {
    // The Focus closed as escalated on 2024-04-05: 2024-05-05 is day 30, 2024-05-06 day 31.
    employee.given(escalated()).when(placeInPivot('2024-05-06')).thenThrows('pivot-placement-window-passed', 'rule');
    employee
      .given(escalated())
      .when(placeInPivot('2024-05-03'))
      .then([placed('2024-05-03', '2024-05-08')]);
  });

  it('refuses an improvement plan with fewer written goals than the policy asks', () => {
    const twoGoals = { ...DEFAULT, version: 2, pivot: { ...DEFAULT.pivot, planMinGoals: 2 } };
    const plan = (planGoals: typeof goals, policy: Policy = DEFAULT) =>
      command('ChoosePivotOption', { option: 'improvement_plan', effectiveDate: '2024-05-06', planDueDate: '2024-06-20', goals: planGoals }, policy);
    employee.given(inPivot()).when(plan([])).thenThrows('plan-needs-goals', 'rule');
    employee
      .given(inPivot())
      .when(plan(goals.slice(0, 1), twoGoals))
      .thenThrows('plan-needs-goals', 'rule');
  });

  it('refuses an appeal decided before it was filed', () => {
    // Filed with the choice on 2024-05-06; Pivot started 2024-05-03.
    employee
      .given(appealing())
      .when(command('DecideAppeal', { outcome: 'overturned', panel: ['p-1'], decidedAt: '2024-05-04T10:00:00Z' }))
      .thenThrows('date-before-appeal', 'rule');
  });

  it('refuses a plan closed before it was chosen, and records who judged it', () => {
    employee
      .given(onPlan())
      .when(command('ClosePivot', { outcome: 'passed', effectiveDate: '2024-05-05' }))
      .thenThrows('date-before-plan', 'rule');
    employee
      .given(onPlan())
      .when(command('ClosePivot', { outcome: 'passed', effectiveDate: '2024-06-20', decidedBy: 'm-1' }))
      .then([{ type: 'PivotClosed', data: { employeeId: EMPLOYEE, outcome: 'passed', effectiveDate: '2024-06-20', decidedBy: 'm-1' } }]);
  });
});

describe('the standing of appeal panel members', () => {
  const decidedAt = '2024-05-20T15:30:00Z';
  const decideWith = (panel: string[], panelStanding: Record<string, 'employed' | 'separated'>) => ({
    ...command('DecideAppeal', { outcome: 'overturned', panel, decidedAt }),
    panelStanding,
  });
  const decided = (panel: string[]) => [event('AppealDecided', { employeeId: EMPLOYEE, outcome: 'overturned', panel, decidedAt })];

  it('accepts members employed here and members unknown here', () => {
    employee
      .given(appealing())
      .when(decideWith(['p-1', 'outside-counsel'], { 'p-1': 'employed' }))
      .then(decided(['p-1', 'outside-counsel']));
  });

  it('refuses a panel with a member who was separated, naming the panel field', () => {
    const error = employee
      .given(appealing())
      .when(decideWith(['p-1', 'p-2'], { 'p-1': 'employed', 'p-2': 'separated' }))
      .thenThrows('panel-member-ineligible', 'rule');
    expect(error.details).toMatchObject({ field: 'panel' });
    expect(error.message).toContain('p-2');
  });

  it('ignores the standing of people who are not on the panel', () => {
    employee
      .given(appealing())
      .when(decideWith(['p-1'], { 'p-1': 'employed', 'p-9': 'separated' }))
      .then(decided(['p-1']));
  });

  it('still refuses the employee or their manager, whatever their standing says', () => {
    employee
      .given(appealing())
      .when(decideWith(['p-1', MANAGER], { 'p-1': 'employed', [MANAGER]: 'employed' }))
      .thenThrows('appeal-panel-conflict', 'rule');
  });
});
