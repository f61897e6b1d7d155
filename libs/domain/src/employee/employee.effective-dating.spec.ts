import { employeeDecider, employeeOn, fold, scheduledAfter, type EmployeeCommand } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { active, command, EMPLOYEE, event, goals, MANAGER, ORG, ratedLE } from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

/** Recorded on 2024-01-10 for a last day of 2024-03-31. */
const leavingInMarch = () => [
  ...active(),
  event('EmployeeSeparated', {
    employeeId: EMPLOYEE,
    type: 'voluntary',
    reason: 'resigned',
    reasonCode: 'resignation',
    regretted: true,
    regrettedSource: 'policy',
    effectiveDate: '2024-03-31',
  }),
];

const on = <C extends EmployeeCommand>(date: string, c: C): C => ({ ...c, on: date });

describe('a separation recorded ahead of its date', () => {
  it('is scheduled until the last day, and in force the day after', () => {
    const state = fold(employeeDecider, leavingInMarch());
    expect(scheduledAfter(state, '2024-02-01')).toEqual([{ type: 'EmployeeSeparated', effectiveDate: '2024-03-31' }]);
    expect(employeeOn(state, '2024-02-01').status).toBe('active');
    expect(employeeOn(state, '2024-03-31').status).toBe('active');
    expect(employeeOn(state, '2024-04-01').status).toBe('separated');
    expect(scheduledAfter(state, '2024-04-01')).toEqual([]);
  });

  it('is scheduled again when a correction moves the last day later', () => {
    const given = leavingInMarch();
    const corrected = employeeDecider.decide(
      { ...command('CorrectEvent', { eventId: 'ev-1', reason: 'stays longer', correctedData: { effectiveDate: '2024-09-30' } }), eventIds: ['ev-0', 'ev-1'] },
      fold(employeeDecider, given),
    );
    const state = fold(employeeDecider, [...given, ...corrected]);
    expect(employeeOn(state, '2024-06-01').status).toBe('active');
    expect(scheduledAfter(state, '2024-06-01')).toEqual([{ type: 'EmployeeSeparated', effectiveDate: '2024-09-30' }]);
  });

  it('lets a command dated before the last day through, judged on the employment still running', () => {
    employee
      .given(leavingInMarch())
      .when(on('2024-02-15', command('ChangeManager', { managerId: 'm-2', effectiveDate: '2024-02-15' })))
      .then([{ type: 'ManagerChanged', data: { employeeId: EMPLOYEE, fromManagerId: MANAGER, toManagerId: 'm-2', effectiveDate: '2024-02-15' } }]);
  });

  it('refuses one dated after it', () => {
    employee
      .given(leavingInMarch())
      .when(on('2024-04-02', command('ChangeManager', { managerId: 'm-2', effectiveDate: '2024-04-02' })))
      .thenThrows('employee-separated');
  });

  it('stays the last word: what is recorded afterwards, dated before it, leaves the person separated', () => {
    const given = [...ratedLE(), ...leavingInMarch().slice(1)];
    const entered = employeeDecider.decide(
      on('2024-02-05', command('EnterFocus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals })),
      fold(employeeDecider, given),
    );
    const state = fold(employeeDecider, [...given, ...entered]);
    expect(state.status).toBe('separated');
    expect(employeeOn(state, '2024-03-01').status).toBe('focus');
  });
});

describe('a transfer recorded ahead of its date', () => {
  const movingInJune = () => [
    ...active(),
    event('EmployeeTransferred', { employeeId: EMPLOYEE, fromOrgId: ORG, toOrgId: 'org-ads', effectiveDate: '2024-06-01', duringFocus: false }),
  ];

  it('leaves the org as it is until the date', () => {
    const state = fold(employeeDecider, movingInJune());
    expect(employeeOn(state, '2024-05-31')).toMatchObject({ orgId: ORG, managerId: MANAGER });
    expect(employeeOn(state, '2024-06-01')).toMatchObject({ orgId: 'org-ads' });
    expect(scheduledAfter(state, '2024-05-31')).toEqual([{ type: 'EmployeeTransferred', effectiveDate: '2024-06-01' }]);
  });

  it('judges a command before it on the org of the day', () => {
    employee
      .given(movingInJune())
      .when(on('2024-05-01', command('TransferEmployee', { toOrgId: ORG, effectiveDate: '2024-05-01' })))
      .thenThrows('transfer-to-same-org');
  });
});
