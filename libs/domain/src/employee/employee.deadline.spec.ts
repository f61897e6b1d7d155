import { BYTEDANCE_POLICY, CLASSIC_POLICY, DEFAULT_POLICY, employeeDecider, validatePolicy, type EmployeeEvent, type Policy } from '@pm/domain';
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
  inFocus,
  inPivot,
  onPlan,
  optionChosen,
  separated,
} from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

/** The fixtures' Pivot starts on Friday 2024-05-03; its deadline is Wednesday 2024-05-08, so it lapses on Thursday 2024-05-09. */
const LAPSED_ON = '2024-05-09';

const check = (businessDate: string, policy: Policy = DEFAULT) => command('RecordPivotChoiceLapse', { businessDate }, policy);

const lapsed = (choiceDeadline = CHOICE_DEADLINE, lapsedOn = LAPSED_ON) =>
  event('PivotChoiceWindowLapsed', { employeeId: EMPLOYEE, choiceDeadline, lapsedOn, onLapse: 'record' });

const lapsedPivot = (): EmployeeEvent[] => [...inPivot(), lapsed()];

/** Placed on Tuesday 2024-05-07: three business days later is Friday 2024-05-10, so it lapses on Monday 2024-05-13. */
const placedBeforeAWeekend = (): EmployeeEvent[] => [
  ...escalated(),
  event('PivotPlaced', { employeeId: EMPLOYEE, startDate: '2024-05-07', reason: 'Focus escalated', choiceDeadline: '2024-05-10' }),
];

describe('a Pivot choice window that lapses', () => {
  it('is recorded on the first business day after the deadline, with what the policy says follows', () => {
    employee.given(inPivot()).when(check(LAPSED_ON)).then([lapsed()]);
  });

  it('is recorded as lapsed on that day however late the check runs (business time, not the check)', () => {
    employee.given(inPivot()).when(check('2024-07-01')).then([lapsed()]);
  });

  it('takes only the date of a business instant', () => {
    employee
      .given(inPivot())
      .when(check(`${LAPSED_ON}T23:59:59.000Z`))
      .then([lapsed()]);
  });

  it.each(['2024-05-03', '2024-05-06', CHOICE_DEADLINE])('is not recorded while the window is still open (%s)', (businessDate) => {
    employee.given(inPivot()).when(check(businessDate)).thenNothingHappened();
  });

  it('lapses on the Monday after a Friday deadline: the weekend is past the deadline but not a business day', () => {
    employee.given(placedBeforeAWeekend()).when(check('2024-05-11')).thenNothingHappened();
    employee.given(placedBeforeAWeekend()).when(check('2024-05-12')).thenNothingHappened();
    employee
      .given(placedBeforeAWeekend())
      .when(check('2024-05-13'))
      .then([lapsed('2024-05-10', '2024-05-13')]);
  });

  it('is recorded once: a second check decides nothing (idempotent)', () => {
    employee.given(lapsedPivot()).when(check('2024-05-10')).thenNothingHappened();
  });

  it.each([
    ['an appeal', appealing],
    ['an improvement plan', onPlan],
  ])('is not recorded when %s was chosen', (_what, history) => {
    employee.given(history()).when(check('2024-07-01')).thenNothingHappened();
  });

  it.each([
    ['never hired', () => []],
    ['active', active],
    ['in Focus', inFocus],
    ['after an escalated Focus, not yet in Pivot', escalated],
    ['separated', separated],
    ['back to active after a plan passed', () => [...onPlan(), event('PivotClosed', { employeeId: EMPLOYEE, outcome: 'passed', effectiveDate: '2024-06-20' })]],
  ])('decides nothing for someone not in Pivot (%s)', (_what, history: () => EmployeeEvent[]) => {
    employee.given(history()).when(check('2024-07-01')).thenNothingHappened();
  });

  it('keeps the employee in Pivot and remembers when the window lapsed, nothing else', () => {
    employee
      .given(inPivot())
      .when(check(LAPSED_ON))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'pivot', pivot: { startDate: '2024-05-03', choiceDeadline: CHOICE_DEADLINE, lapsedOn: LAPSED_ON } });
        expect(state.status === 'pivot' && state.pivot.option).toBeUndefined();
      });
  });

  it('follows a stored policy without onLapse as `record`', () => {
    const { onLapse: _onLapse, ...pivot } = DEFAULT.pivot;
    const older: Policy = { ...DEFAULT, version: 2, pivot };
    employee.given(inPivot()).when(check(LAPSED_ON, older)).then([lapsed()]);
  });
});

describe('a choice recorded after the lapse was recorded', () => {
  it('is accepted when dated inside the window (HR records late)', () => {
    employee
      .given(lapsedPivot())
      .when(command('ChoosePivotOption', { option: 'appeal', effectiveDate: CHOICE_DEADLINE }))
      .then([optionChosen('appeal', CHOICE_DEADLINE)]);
  });

  it('leaves both facts in the state: the option and the recorded lapse', () => {
    employee
      .given(lapsedPivot())
      .when(command('ChoosePivotOption', { option: 'appeal', effectiveDate: '2024-05-06' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'pivot', pivot: { option: 'appeal', optionChosenOn: '2024-05-06', lapsedOn: LAPSED_ON } }));
  });

  it('is a buyout that separates as before', () => {
    employee
      .given(lapsedPivot())
      .when(command('ChoosePivotOption', { option: 'buyout', effectiveDate: '2024-05-07' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'separated', separatedOn: '2024-05-07' }));
  });

  it('is refused when dated after the deadline, as without the lapse record', () => {
    employee
      .given(lapsedPivot())
      .when(command('ChoosePivotOption', { option: 'appeal', effectiveDate: LAPSED_ON }))
      .thenThrows('pivot-choice-window-closed');
  });

  it('makes a later check decide nothing', () => {
    employee
      .given([...lapsedPivot(), optionChosen('appeal', CHOICE_DEADLINE)])
      .when(check('2024-07-01'))
      .thenNothingHappened();
  });
});

describe('the policy field pivot.onLapse', () => {
  it.each([DEFAULT_POLICY, CLASSIC_POLICY, BYTEDANCE_POLICY].map((p) => [p.policyId, p] as const))('is `record` in the shipped %s policy', (_id, draft) => {
    expect(draft.pivot.onLapse).toBe('record');
  });

  it('may be absent or `record`', () => {
    const { onLapse: _onLapse, ...pivot } = DEFAULT_POLICY.pivot;
    expect(validatePolicy({ ...DEFAULT_POLICY, pivot })).toEqual([]);
    expect(validatePolicy({ ...DEFAULT_POLICY, pivot: { ...pivot, onLapse: 'record' } })).toEqual([]);
  });

  it.each(['buyout', 'separate', '', 1, null])('refuses %p', (onLapse) => {
    expect(validatePolicy({ ...DEFAULT_POLICY, pivot: { ...DEFAULT_POLICY.pivot, onLapse } })).toEqual([
      { field: 'pivot.onLapse', message: 'must be one of record' },
    ]);
  });
});
