import { employeeDecider, type EmployeeEvent } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { active, command, DEFAULT, EMPLOYEE, event, goals, inFocus, inPivot, onPlan, ratedLE, separated } from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

const rehire = { hireDate: '2025-03-03', level: 'L6', jobFamily: 'SDE', orgId: 'org-ads', managerId: 'm-9' };

const pivotExit = (): EmployeeEvent[] => [
  ...active(),
  event('EmployeeSeparated', {
    employeeId: EMPLOYEE,
    type: 'involuntary',
    reason: 'pivot_failed',
    reasonCode: 'pivot_failed',
    regretted: false,
    regrettedSource: 'policy',
    effectiveDate: '2024-07-01',
  }),
];

const onLeave = (given: EmployeeEvent[], startDate = '2024-03-01'): EmployeeEvent[] => [
  ...given,
  event('LeaveStarted', { employeeId: EMPLOYEE, startDate, kind: 'parental' }),
];

describe('rehire', () => {
  it('starts a new employment period on the same person', () => {
    employee
      .given(separated())
      .when(command('RehireEmployee', rehire))
      .then([{ type: 'EmployeeRehired', data: { employeeId: EMPLOYEE, ...rehire } }]);
    employee
      .given(separated())
      .when(command('RehireEmployee', rehire))
      .thenState((state) =>
        expect(state.status === 'active' && [state.hireDate, state.level, state.orgId, state.ratings]).toEqual(['2025-03-03', 'L6', 'org-ads', []]),
      );
  });

  it('is refused after a Pivot exit by default', () => {
    employee.given(pivotExit()).when(command('RehireEmployee', rehire)).thenThrows('rehire-not-eligible');
  });

  it('follows the policy: one that bars nobody rehires after a Pivot exit', () => {
    employee
      .given(pivotExit())
      .when(command('RehireEmployee', rehire, { ...DEFAULT, rehire: { barredAfter: [] } }))
      .thenState((state) => expect(state.status).toBe('active'));
  });

  it('is for someone who left, after their last day', () => {
    employee.given(active()).when(command('RehireEmployee', rehire)).thenThrows('employee-already-employed');
    employee
      .given(separated())
      .when(command('RehireEmployee', { ...rehire, hireDate: '2024-01-31' }))
      .thenThrows('date-before-separation');
  });
});

describe('leave', () => {
  it('starts and ends; a running Focus ends as many days later as the leave lasted', () => {
    employee
      .given(onLeave(inFocus()))
      .when(command('EndLeave', { endDate: '2024-03-10' }))
      .then([{ type: 'LeaveEnded', data: { employeeId: EMPLOYEE, startDate: '2024-03-01', endDate: '2024-03-10', pausedDays: 10 } }]);
    employee
      .given(onLeave(inFocus()))
      .when(command('EndLeave', { endDate: '2024-03-10' }))
      .thenState((state) => expect(state.status === 'focus' && [state.focus.dueDate, state.leave]).toEqual(['2024-04-15', undefined]));
  });

  it('moves an improvement plan due date too, unless the policy keeps the clocks running', () => {
    const given = onLeave(onPlan(), '2024-06-01');
    employee
      .given(given)
      .when(command('EndLeave', { endDate: '2024-06-05' }))
      .thenState((state) => expect(state.status === 'pivot' && state.pivot.planDueDate).toBe('2024-06-25'));
    employee
      .given(given)
      .when(command('EndLeave', { endDate: '2024-06-05' }, { ...DEFAULT, leave: { pausesClocks: false } }))
      .then([{ type: 'LeaveEnded', data: { employeeId: EMPLOYEE, startDate: '2024-06-01', endDate: '2024-06-05' } }]);
  });

  it('holds Focus entry, Pivot placement and plan judgement from its start', () => {
    employee
      .given(onLeave(ratedLE()))
      .when(command('EnterFocus', { startDate: '2024-03-04', dueDate: '2024-05-03', reason: 'LE', goals }))
      .thenThrows('on-leave');
    employee
      .given(onLeave(inFocus().concat(event('FocusClosed', { employeeId: EMPLOYEE, outcome: 'escalated', effectiveDate: '2024-04-05' })), '2024-04-08'))
      .when(command('PlaceInPivot', { startDate: '2024-04-10', reason: 'escalated' }))
      .thenThrows('on-leave');
    employee
      .given(onLeave(onPlan(), '2024-06-01'))
      .when(command('ClosePivot', { outcome: 'failed', effectiveDate: '2024-06-20' }))
      .thenThrows('on-leave');
  });

  it('is one at a time, ends after it starts, and only ends when it was started', () => {
    employee
      .given(onLeave(active()))
      .when(command('StartLeave', { startDate: '2024-04-01', kind: 'medical' }))
      .thenThrows('already-on-leave');
    employee
      .given(onLeave(active()))
      .when(command('EndLeave', { endDate: '2024-02-01' }))
      .thenThrows('date-before-leave');
    employee
      .given(active())
      .when(command('StartLeave', { startDate: '2024-04-01', kind: 'other', expectedEndDate: '2024-03-01' }))
      .thenThrows('date-before-leave');
    employee
      .given(active())
      .when(command('EndLeave', { endDate: '2024-02-01' }))
      .thenThrows('not-on-leave');
  });
});

describe('job changes', () => {
  it('records a demotion or a move to another job family', () => {
    employee
      .given(active())
      .when(command('ChangeJob', { level: 'L4', jobFamily: 'PM', effectiveDate: '2024-07-01', reason: 'moved to product' }))
      .then([
        {
          type: 'JobChanged',
          data: {
            employeeId: EMPLOYEE,
            fromLevel: 'L5',
            toLevel: 'L4',
            fromJobFamily: 'SDE',
            toJobFamily: 'PM',
            effectiveDate: '2024-07-01',
            reason: 'moved to product',
          },
        },
      ]);
  });

  it('refuses a change that changes nothing, and any during Pivot', () => {
    employee
      .given(active())
      .when(command('ChangeJob', { level: 'L5', effectiveDate: '2024-07-01', reason: 'x' }))
      .thenThrows('job-unchanged');
    employee
      .given(inPivot())
      .when(command('ChangeJob', { level: 'L4', effectiveDate: '2024-07-01', reason: 'x' }))
      .thenThrows('job-change-blocked-during-pivot');
  });
});
