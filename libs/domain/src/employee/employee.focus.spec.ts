import { employeeDecider, type Goal, type Policy } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import {
  active,
  BYTEDANCE,
  CLASSIC,
  command,
  DEFAULT,
  EMPLOYEE,
  escalated,
  focusClosed,
  focusEntered,
  goals,
  hired,
  inFocus,
  inPivot,
  ratedLE,
  event,
  ratingReceived,
} from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

/** Monday 2024-02-05 plus 29, 30, 60, 90 and 91 days. */
const START = '2024-02-05';
const DUE = { 29: '2024-03-05', 30: '2024-03-06', 60: '2024-04-05', 90: '2024-05-05', 91: '2024-05-06' } as const;

const enterFocus = (policy: Policy = DEFAULT, dueDate: string = DUE[60], startDate = START, focusGoals: Goal[] = goals) =>
  command('EnterFocus', { startDate, dueDate, reason: 'below the bar', goals: focusGoals }, policy);

const entered = (triggeredBy: string[], dueDate: string = DUE[60]) => ({
  type: 'FocusEntered' as const,
  data: { employeeId: EMPLOYEE, startDate: START, dueDate, reason: 'below the bar', goals, triggeredBy },
});

describe('entering Focus (default policy: one LE)', () => {
  it('is allowed after a final LE, naming the rating that allowed it', () => {
    employee
      .given(ratedLE())
      .when(enterFocus())
      .then([entered(['2023'])]);
  });

  it('puts the employee in Focus with every goal in progress', () => {
    employee
      .given(ratedLE())
      .when(enterFocus())
      .thenState((state) => {
        expect(state.status).toBe('focus');
        expect(state.status === 'focus' && Object.values(state.focus.goals).map((g) => [g.goalId, g.status])).toEqual([
          ['g1', 'in_progress'],
          ['g2', 'in_progress'],
        ]);
      });
  });

  it('is refused without any final rating', () => {
    employee.given(active()).when(enterFocus()).thenThrows('focus-not-allowed', 'rule');
  });

  it('is refused when the latest final rating is at the bar, even after an earlier LE', () => {
    employee
      .given([hired(), ratingReceived('2022', 'LE'), ratingReceived('2023', 'HV3')])
      .when(enterFocus())
      .thenThrows('focus-not-allowed');
  });

  it.each([29, 91] as const)('is refused when it would last %i days (window 30-90), naming dueDate', (days) => {
    const error = employee.given(ratedLE()).when(enterFocus(DEFAULT, DUE[days])).thenThrows('focus-due-date-outside-window', 'rule');
    expect(error.details).toEqual({ field: 'dueDate' });
  });

  it.each([30, 60, 90] as const)('is accepted when it lasts %i days', (days) => {
    employee
      .given(ratedLE())
      .when(enterFocus(DEFAULT, DUE[days]))
      .then([entered(['2023'], DUE[days])]);
  });

  it('takes the window from the policy: 29 days are accepted where the minimum is 14', () => {
    const shorter = { ...DEFAULT, version: 2, focus: { ...DEFAULT.focus, minDays: 14 } };
    employee
      .given(ratedLE())
      .when(enterFocus(shorter, DUE[29]))
      .then([entered(['2023'], DUE[29])]);
  });

  it('refuses a due date before the start', () => {
    employee.given(ratedLE()).when(enterFocus(DEFAULT, '2024-01-05')).thenThrows('focus-due-date-outside-window');
  });

  it('is refused when the employee is already in Focus', () => {
    employee.given(inFocus()).when(enterFocus()).thenThrows('already-in-focus');
  });

  it('is refused during Pivot', () => {
    employee.given(inPivot()).when(enterFocus()).thenThrows('focus-during-pivot');
  });

  it('cannot start before the hire date', () => {
    employee
      .given(ratedLE())
      .when(enterFocus(DEFAULT, '2022-03-31', '2022-01-31'))
      .thenThrows('date-before-hire');
  });

  it('cannot be started twice on the same rating', () => {
    employee
      .given([...inFocus(), focusClosed('succeeded')])
      .when(enterFocus())
      .thenThrows('focus-trigger-already-used');
  });

  it('can start again on a later below-bar rating', () => {
    employee
      .given([...inFocus(), focusClosed('succeeded'), ratingReceived('2024', 'LE')])
      .when(enterFocus())
      .then([entered(['2024'])]);
  });

  it('refuses two goals with the same goalId', () => {
    employee
      .given(ratedLE())
      .when(enterFocus(DEFAULT, DUE[60], START, [goals[0], { ...goals[1], goalId: 'g1' }]))
      .thenThrows('duplicate-goal-id', 'invalid');
  });
});

describe('entering Focus under the classic policy (one NI)', () => {
  it('is allowed after NI', () => {
    employee
      .given([hired(), ratingReceived('2023', 'NI', CLASSIC)])
      .when(enterFocus(CLASSIC))
      .then([entered(['2023'])]);
  });

  it('is refused after MET, the old name of ME', () => {
    employee
      .given([hired(), ratingReceived('2023', 'MET', CLASSIC)])
      .when(enterFocus(CLASSIC))
      .thenThrows('focus-not-allowed');
  });
});

describe('entering Focus under the ByteDance policy (two consecutive M-, or one I or F)', () => {
  const rated = (...grades: string[]) => [hired(), ...grades.map((g, i) => ratingReceived(`${2020 + i}`, g, BYTEDANCE))];

  it('is refused after a single M-', () => {
    employee.given(rated('M-')).when(enterFocus(BYTEDANCE)).thenThrows('focus-not-allowed');
  });

  it('is allowed after two consecutive M-, triggered by both', () => {
    employee
      .given(rated('M', 'M-', 'M-'))
      .when(enterFocus(BYTEDANCE))
      .then([entered(['2021', '2022'])]);
  });

  it('is refused after M-, M, M-: the M- ratings are not consecutive', () => {
    employee
      .given(rated('M-', 'M', 'M-'))
      .when(enterFocus(BYTEDANCE))
      .thenThrows('focus-not-allowed');
  });

  it('is allowed after a single I', () => {
    employee
      .given(rated('E', 'I'))
      .when(enterFocus(BYTEDANCE))
      .then([entered(['2021'])]);
  });

  it('is allowed after N, the current name of F', () => {
    employee
      .given(rated('N'))
      .when(enterFocus(BYTEDANCE))
      .then([entered(['2020'])]);
  });

  it('is allowed after F, a rating recorded before the rename, read as N through the alias', () => {
    employee
      .given(rated('F'))
      .when(enterFocus(BYTEDANCE))
      .then([entered(['2020'])]);
  });

  it('does not reuse the second M- of a pair for a new pair', () => {
    employee
      .given([...rated('M-', 'M-'), focusEntered(['2020', '2021']), focusClosed('succeeded'), ratingReceived('2022', 'M-', BYTEDANCE)])
      .when(enterFocus(BYTEDANCE))
      .thenThrows('focus-trigger-already-used');
  });
});

describe('Focus goals', () => {
  it('records a goal update', () => {
    employee
      .given(inFocus())
      .when(command('UpdateFocusGoal', { goalId: 'g1', status: 'met', note: 'deployed on 2024-03-01' }))
      .then([{ type: 'FocusGoalUpdated', data: { employeeId: EMPLOYEE, goalId: 'g1', status: 'met', note: 'deployed on 2024-03-01' } }]);
  });

  it('changes that goal only', () => {
    employee
      .given(inFocus())
      .when(command('UpdateFocusGoal', { goalId: 'g2', status: 'missed' }))
      .thenState((state) => expect(state.status === 'focus' && [state.focus.goals.g1.status, state.focus.goals.g2.status]).toEqual(['in_progress', 'missed']));
  });

  it('refuses a goal the Focus does not have', () => {
    employee
      .given(inFocus())
      .when(command('UpdateFocusGoal', { goalId: 'g9', status: 'met' }))
      .thenThrows('focus-goal-not-found', 'not-found');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('refuses a goalId that only an object prototype has (%s)', (goalId) => {
    employee
      .given(inFocus())
      .when(command('UpdateFocusGoal', { goalId, status: 'met' }))
      .thenThrows('focus-goal-not-found', 'not-found');
  });

  it('is refused outside Focus', () => {
    employee
      .given(escalated())
      .when(command('UpdateFocusGoal', { goalId: 'g1', status: 'met' }))
      .thenThrows('not-in-focus');
  });
});

describe('closing Focus', () => {
  it('records success and returns the employee to good standing', () => {
    employee
      .given(inFocus())
      .when(command('CloseFocus', { outcome: 'succeeded', effectiveDate: '2024-04-05' }))
      .then([{ type: 'FocusClosed', data: { employeeId: EMPLOYEE, outcome: 'succeeded', effectiveDate: '2024-04-05' } }]);
    employee
      .given(inFocus())
      .when(command('CloseFocus', { outcome: 'succeeded', effectiveDate: '2024-04-05' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'active', escalatedFocusOn: undefined }));
  });

  it('records escalation, leaving an escalated Focus pending for Pivot', () => {
    employee
      .given(inFocus())
      .when(command('CloseFocus', { outcome: 'escalated', effectiveDate: '2024-04-05' }))
      .thenState((state, decided) => {
        expect(decided).toEqual([{ type: 'FocusClosed', data: { employeeId: EMPLOYEE, outcome: 'escalated', effectiveDate: '2024-04-05' } }]);
        expect(state).toMatchObject({ status: 'active', escalatedFocusOn: '2024-04-05' });
      });
  });

  it('may close early, on the start date', () => {
    employee
      .given(inFocus())
      .when(command('CloseFocus', { outcome: 'succeeded', effectiveDate: START }))
      .then([{ type: 'FocusClosed', data: { employeeId: EMPLOYEE, outcome: 'succeeded', effectiveDate: START } }]);
  });

  it('cannot close before the Focus started', () => {
    employee
      .given(inFocus())
      .when(command('CloseFocus', { outcome: 'escalated', effectiveDate: '2024-02-04' }))
      .thenThrows('date-before-focus');
  });

  it('is refused when the employee is not in Focus', () => {
    employee
      .given(active())
      .when(command('CloseFocus', { outcome: 'escalated', effectiveDate: '2024-04-05' }))
      .thenThrows('not-in-focus');
  });
});

describe('ratings in period order, whatever order they were delivered in', () => {
  const h1 = (rating: string) =>
    event('RatingReceived', { employeeId: EMPLOYEE, cycleId: '2023-H1', rating, calibrated: false, periodEnd: '2023-06-30', policy: 'default@1' });
  const h2 = (rating: string) =>
    event('RatingReceived', { employeeId: EMPLOYEE, cycleId: '2023-H2', rating, calibrated: false, periodEnd: '2023-12-31', policy: 'default@1' });
  const focus = () => command('EnterFocus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE in 2023-H2', goals });

  it('H2 finalized before H1: the latest rating is still H2, so its LE allows Focus', () => {
    employee
      .given([hired(), h2('LE'), h1('HV2')])
      .when(focus())
      .then([
        event('FocusEntered', {
          employeeId: EMPLOYEE,
          startDate: '2024-02-05',
          dueDate: '2024-04-05',
          reason: 'LE in 2023-H2',
          goals,
          triggeredBy: ['2023-H2'],
        }),
      ]);
  });

  it('H1 LE finalized after H2 HV2: the latest by period is HV2, so no Focus', () => {
    employee
      .given([hired(), h2('HV2'), h1('LE')])
      .when(focus())
      .thenThrows('focus-not-allowed', 'rule');
  });
});

describe('closing a Focus before its due date', () => {
  const close = (outcome: 'succeeded' | 'escalated', effectiveDate: string, extra: { reason?: string; decidedBy?: string } = {}, policy: Policy = DEFAULT) =>
    command('CloseFocus', { outcome, effectiveDate, ...extra }, policy);
  const allowsMisconduct: Policy = { ...DEFAULT, version: 2, focus: { ...DEFAULT.focus, earlyEscalationReasons: ['misconduct'] } };

  it('refuses an escalation the day after it opened, without a reason the policy allows', () => {
    employee.given(inFocus()).when(close('escalated', '2024-02-06')).thenThrows('focus-escalated-early', 'rule');
    employee
      .given(inFocus())
      .when(close('escalated', '2024-02-06', { reason: 'impatience' }, allowsMisconduct))
      .thenThrows('focus-escalated-early', 'rule');
  });

  it('accepts an early escalation for a reason the policy allows, recording the reason and who decided', () => {
    employee
      .given(inFocus())
      .when(close('escalated', '2024-02-06', { reason: 'misconduct', decidedBy: 'm-1' }, allowsMisconduct))
      .then([event('FocusClosed', { employeeId: EMPLOYEE, outcome: 'escalated', effectiveDate: '2024-02-06', reason: 'misconduct', decidedBy: 'm-1' })]);
  });

  it('accepts success at any time after the start, and escalation from the due date on', () => {
    employee
      .given(inFocus())
      .when(close('succeeded', '2024-02-06'))
      .then([focusClosed('succeeded', '2024-02-06')]);
    employee
      .given(inFocus())
      .when(close('escalated', '2024-04-05'))
      .then([focusClosed('escalated', '2024-04-05')]);
  });
});
