import { employeeDecider, type EmployeeCommand, type EmployeeEvent, type EmployeeSeparated, type Policy } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { active, appealing, command, DEFAULT, EMPLOYEE, event, inPivot, onPlan, ratingReceived, separated } from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

/** The fixture's employee is SDE L5: the default band is USD 100,000 to 170,000 (10,000,000 to 17,000,000 cents). */
const MIN = 10_000_000;
const MAX = 17_000_000;

const usd = (amount: number) => ({ amount, currency: 'USD' });
const pay = (amount: number, effectiveDate = '2024-04-01', currency = 'USD') =>
  command('ChangePay', { effectiveDate, baseSalary: { amount, currency }, reason: 'review' });
const on = <C extends EmployeeCommand>(cmd: C, date: string): C => ({ ...cmd, on: date });
const baseChanged = (amount: number, effectiveDate = '2022-03-01') =>
  event('BaseSalaryChanged', { employeeId: EMPLOYEE, effectiveDate, baseSalary: usd(amount), reason: 'hire', level: 'L5', jobFamily: 'SDE' });
const withoutCompensation: Policy = { ...DEFAULT, compensation: undefined };

describe('base pay', () => {
  it('records a base inside the band of the job, with that job', () => {
    employee
      .given(active())
      .when(pay(15_000_000))
      .then([
        {
          type: 'BaseSalaryChanged',
          data: { employeeId: EMPLOYEE, effectiveDate: '2024-04-01', baseSalary: usd(15_000_000), reason: 'review', level: 'L5', jobFamily: 'SDE' },
        },
      ]);
    employee
      .given(active())
      .when(pay(MIN))
      .thenState((state) => expect(state.status === 'active' && state.pay).toEqual([{ effectiveDate: '2024-04-01', baseSalary: usd(MIN) }]));
    employee
      .given(active())
      .when(pay(MAX))
      .thenState((_state, decided) => expect(decided).toHaveLength(1));
  });

  it('is refused below the band minimum or above its maximum, naming the amount', () => {
    expect(
      employee
        .given(active())
        .when(pay(MIN - 1))
        .thenThrows('salary-outside-band').details,
    ).toEqual({ field: 'baseSalary.amount' });
    employee
      .given(active())
      .when(pay(MAX + 1))
      .thenThrows('salary-outside-band');
  });

  it('may reach topGradeCap.share x max only after the required top grades in a row, in period order', () => {
    const twoTopGrades = [...active(), ratingReceived('2023', 'TT'), ratingReceived('2022', 'TT')];
    employee
      .given(twoTopGrades)
      .when(pay(18_700_000))
      .thenState((_state, decided) => expect(decided.map((e) => e.type)).toEqual(['BaseSalaryChanged']));
    employee.given(twoTopGrades).when(pay(18_700_001)).thenThrows('salary-outside-band');
    // The latest two by period are HV1 (2023) and TT (2022): not two top grades in a row.
    employee
      .given([...active(), ratingReceived('2021', 'TT'), ratingReceived('2023', 'HV1'), ratingReceived('2022', 'TT')])
      .when(pay(MAX + 1))
      .thenThrows('salary-outside-band');
    employee
      .given([...active(), ratingReceived('2023', 'TT')])
      .when(pay(MAX + 1))
      .thenThrows('salary-outside-band');
  });

  it("judges the band of the employee's job on the effective date", () => {
    const moving = [
      ...active(),
      event('JobChanged', {
        employeeId: EMPLOYEE,
        fromLevel: 'L5',
        toLevel: 'L6',
        fromJobFamily: 'SDE',
        toJobFamily: 'SDE',
        effectiveDate: '2024-07-01',
        reason: 'x',
      }),
    ];
    employee
      .given(moving)
      .when(on(pay(19_000_000, '2024-06-01'), '2024-06-01'))
      .thenThrows('salary-outside-band');
    employee
      .given(moving)
      .when(on(pay(19_000_000, '2024-07-01'), '2024-07-01'))
      .thenState((_state, decided) => expect(decided[0]?.data).toMatchObject({ level: 'L6', jobFamily: 'SDE' }));
  });

  it("is refused in a currency other than the band's", () => {
    expect(
      employee
        .given(active())
        .when(pay(15_000_000, '2024-04-01', 'EUR'))
        .thenThrows('currency-not-of-band').details,
    ).toEqual({
      field: 'baseSalary.currency',
    });
  });

  it('needs a policy with compensation bands, and a band for the job', () => {
    employee
      .given(active())
      .when(command('ChangePay', pay(15_000_000).data, withoutCompensation))
      .thenThrows('compensation-not-configured');
    employee
      .given(active())
      .when(
        command('ChangePay', pay(15_000_000).data, { ...DEFAULT, compensation: { ...DEFAULT.compensation!, bands: { PM: DEFAULT.compensation!.bands.PM } } }),
      )
      .thenThrows('compensation-not-configured');
  });

  it('is for someone employed, from their hire on; it may change on leave', () => {
    employee.given([]).when(pay(15_000_000)).thenThrows('employee-not-found', 'not-found');
    employee.given(separated()).when(pay(15_000_000)).thenThrows('employee-separated');
    employee.given(active()).when(pay(15_000_000, '2021-01-01')).thenThrows('date-before-hire');
    employee
      .given([...active(), event('LeaveStarted', { employeeId: EMPLOYEE, startDate: '2024-03-01', kind: 'parental' })])
      .when(pay(15_000_000))
      .thenState((_state, decided) => expect(decided.map((e) => e.type)).toEqual(['BaseSalaryChanged']));
  });
});

describe('rehire', () => {
  it('starts the new employment period without a base or sign-ons', () => {
    employee
      .given([
        ...active(),
        baseChanged(15_000_000),
        ...separated().slice(1),
        event('EmployeeRehired', { employeeId: EMPLOYEE, hireDate: '2025-03-03', level: 'L6', jobFamily: 'SDE', orgId: 'org-ads' }),
      ])
      .when(pay(13_000_000, '2025-03-03'))
      .thenState((state) => expect(state.status === 'active' && state.pay).toEqual([{ effectiveDate: '2025-03-03', baseSalary: usd(13_000_000) }]));
  });
});

describe('sign-on bonus', () => {
  const signOn = { grantDate: '2024-01-15', currency: 'USD', instalments: [{ payDate: '2024-01-31', amount: 1_200_000 }], clawback: { months: 12 } };

  it('records the instalments and the clawback', () => {
    employee
      .given(active())
      .when(command('GrantSignOn', signOn))
      .then([{ type: 'SignOnBonusGranted', data: { employeeId: EMPLOYEE, ...signOn } }]);
  });

  it('refuses an instalment paid before the grant, naming it', () => {
    const early = { ...signOn, instalments: [...signOn.instalments, { payDate: '2024-01-14', amount: 1 }] };
    expect(employee.given(active()).when(command('GrantSignOn', early)).thenThrows('instalment-before-grant', 'invalid').details).toEqual({
      field: 'instalments[1].payDate',
    });
  });
});

describe('equity grants', () => {
  const grant = { grantId: 'eq-1', kind: 'initial' as const, grantDate: '2024-01-15', units: 400, unitValue: usd(15_000) };
  const granted = (vesting = DEFAULT.compensation!.vesting) => event('EquityGranted', { employeeId: EMPLOYEE, ...grant, vesting });

  it("records the policy's vesting when none is given, and the one given otherwise", () => {
    employee.given(active()).when(command('GrantEquity', grant)).then([granted()]);
    const cliff = [{ monthsAfterGrant: 12, share: 1 }];
    employee
      .given(active())
      .when(command('GrantEquity', { ...grant, vesting: cliff }))
      .then([granted(cliff)]);
  });

  it('refuses vesting shares that do not add up to 1, naming vesting', () => {
    const half = [{ monthsAfterGrant: 12, share: 0.5 }];
    expect(
      employee
        .given(active())
        .when(command('GrantEquity', { ...grant, vesting: half }))
        .thenThrows('vesting-invalid', 'invalid').details,
    ).toEqual({
      field: 'vesting',
    });
  });

  it('refuses a grant id already recorded for the employee', () => {
    employee
      .given([...active(), granted()])
      .when(command('GrantEquity', grant))
      .thenThrows('equity-grant-exists', 'already-exists');
  });

  it('needs the policy default when no vesting is given', () => {
    employee
      .given(active())
      .when(command('GrantEquity', grant, withoutCompensation))
      .thenThrows('compensation-not-configured');
  });
});

describe('sign-on clawback on a voluntary exit', () => {
  const signOnGranted = (instalments: { payDate: string; amount: number }[], months = 12) =>
    event('SignOnBonusGranted', { employeeId: EMPLOYEE, grantDate: '2024-01-15', currency: 'USD', instalments, clawback: { months } });
  const leave = (type: 'voluntary' | 'involuntary', effectiveDate = '2024-09-30') =>
    command('SeparateEmployee', { type, reason: 'left', reasonCode: type === 'voluntary' ? 'resignation' : 'layoff', effectiveDate });
  const owed = (amount: number, separationDate = '2024-09-30') =>
    event('SignOnClawbackOwed', { employeeId: EMPLOYEE, grantDate: '2024-01-15', separationDate, owed: usd(amount) });

  it('owes each paid instalment pro rata of the months left, in the same decision as the separation', () => {
    // 2024-01-31 to 2024-09-30: 7 whole months, 5 of 12 left; 2024-07-31 to 2024-09-30: 1 whole month, 11 left.
    const given = [
      ...active(),
      signOnGranted([
        { payDate: '2024-01-31', amount: 1_200_000 },
        { payDate: '2024-07-31', amount: 600_000 },
        { payDate: '2024-12-31', amount: 600_000 },
      ]),
    ];
    employee
      .given(given)
      .when(leave('voluntary'))
      .thenState((_state, decided) => expect(decided.slice(1)).toEqual([owed(500_000 + 550_000)]));
    employee
      .given(given)
      .when(leave('voluntary'))
      .thenState((_state, decided) => expect(decided[0]?.type).toBe('EmployeeSeparated'));
  });

  it('rounds the sum half up to the minor unit', () => {
    // 1001 x 2/3 = 667.33 -> 667; 3 x 1/2 = 1.5 -> 2.
    employee
      .given([...active(), signOnGranted([{ payDate: '2024-02-01', amount: 1001 }], 3)])
      .when(leave('voluntary', '2024-03-15'))
      .thenState((_state, decided) => expect(decided.slice(1)).toEqual([owed(667, '2024-03-15')]));
    employee
      .given([...active(), signOnGranted([{ payDate: '2024-02-01', amount: 3 }], 2)])
      .when(leave('voluntary', '2024-03-15'))
      .thenState((_state, decided) => expect(decided.slice(1)).toEqual([owed(2, '2024-03-15')]));
  });

  it('owes nothing on an involuntary exit, after the clawback months, or without a clawback', () => {
    const given = [...active(), signOnGranted([{ payDate: '2024-01-31', amount: 1_200_000 }])];
    const onlySeparation = (history: EmployeeEvent[], cmd: EmployeeCommand) =>
      employee
        .given(history)
        .when(cmd)
        .thenState((_state, decided) => expect(decided.map((e) => e.type)).toEqual(['EmployeeSeparated']));
    onlySeparation(given, leave('involuntary'));
    onlySeparation(given, leave('voluntary', '2025-02-28'));
    onlySeparation(
      [
        ...active(),
        event('SignOnBonusGranted', { employeeId: EMPLOYEE, grantDate: '2024-01-15', currency: 'USD', instalments: [{ payDate: '2024-01-31', amount: 1 }] }),
      ],
      leave('voluntary'),
    );
  });
});

describe('severance of a Pivot exit', () => {
  // USD 156,000 a year is 300,000 cents a week. Hired 2022-03-01: two whole years by May 2024, so 10 + 1 x 2 = 12 weeks.
  const paid = (history: EmployeeEvent[]) => [history[0], baseChanged(15_600_000), ...history.slice(1)];
  const severanceOf = (decided: EmployeeEvent[]) => decided.find((e): e is EmployeeSeparated => e.type === 'EmployeeSeparated')?.data.severance;

  it('pays a buyout the full formula on the base in force that day', () => {
    employee
      .given([...paid(inPivot()), baseChanged(99_999_999, '2024-06-01')])
      .when(command('ChoosePivotOption', { option: 'buyout', effectiveDate: '2024-05-06' }))
      .thenState((_state, decided) => expect(severanceOf(decided)).toEqual(usd(3_600_000)));
  });

  it('pays a lost appeal and a failed plan their shares', () => {
    employee
      .given(paid(appealing()))
      .when(command('DecideAppeal', { outcome: 'upheld', panel: ['p-1'], decidedAt: '2024-05-20T10:00:00Z' }))
      .thenState((_state, decided) => expect(severanceOf(decided)).toEqual(usd(600_000)));
    employee
      .given(paid(onPlan()))
      .when(command('ClosePivot', { outcome: 'failed', effectiveDate: '2024-06-20' }))
      .thenState((_state, decided) => expect(severanceOf(decided)).toEqual(usd(1_200_000)));
  });

  it('records no severance when no base is known or the policy has no compensation', () => {
    employee
      .given(inPivot())
      .when(command('ChoosePivotOption', { option: 'buyout', effectiveDate: '2024-05-06' }))
      .thenState((_state, decided) => expect(decided.find((e) => e.type === 'EmployeeSeparated')?.data).not.toHaveProperty('severance'));
    employee
      .given(paid(inPivot()))
      .when(command('ChoosePivotOption', { option: 'buyout', effectiveDate: '2024-05-06' }, withoutCompensation))
      .thenState((_state, decided) => expect(severanceOf(decided)).toBeUndefined());
  });
});
