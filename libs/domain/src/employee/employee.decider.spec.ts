import { employeeDecider, type EmployeeState } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import {
  BYTEDANCE,
  command,
  DEFAULT,
  EMPLOYEE,
  HIRE_DATE,
  hired,
  inFocus,
  inPivot,
  MANAGER,
  oneOfEach,
  ORG,
  ratingReceived,
  separated,
  active,
} from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

function status(state: EmployeeState): string {
  return state.status;
}

describe('hiring', () => {
  it('records the hire with everything the HR platform sent', () => {
    const data = { ...hired().data, location: 'Seattle', attributes: { gender: 'f', ageBand: '30-39' } };
    employee
      .given([])
      .when(command('HireEmployee', data))
      .then([{ type: 'EmployeeHired', data }]);
  });

  it('makes the employee active at their hire level', () => {
    employee
      .given([])
      .when(command('HireEmployee', hired().data))
      .thenState((state) => expect(state).toMatchObject({ status: 'active', level: 'L5', levelSince: HIRE_DATE, orgId: ORG, managerId: MANAGER, ratings: [] }));
  });

  it('refuses to hire the same employee twice', () => {
    employee.given(active()).when(command('HireEmployee', hired().data)).thenThrows('employee-already-exists', 'already-exists');
  });

  it('refuses an employee who would be their own manager', () => {
    employee
      .given([])
      .when(command('HireEmployee', hired({ managerId: EMPLOYEE }).data))
      .thenThrows('self-manager', 'rule');
  });
});

describe('an employee who was never hired', () => {
  it.each(
    oneOfEach()
      .filter((c) => c.type !== 'HireEmployee')
      .map((c) => [c.type, c] as const),
  )('cannot be the subject of %s', (_type, cmd) => {
    employee.given([]).when(cmd).thenThrows('employee-not-found', 'not-found');
  });
});

describe('a separated employee', () => {
  it.each(
    oneOfEach()
      .filter((c) => c.type !== 'HireEmployee')
      .map((c) => [c.type, c] as const),
  )('has nothing more recorded: %s is refused', (_type, cmd) => {
    employee.given(separated()).when(cmd).thenThrows('employee-separated', 'rule');
  });

  it('cannot be hired again under the same id', () => {
    employee.given(separated()).when(command('HireEmployee', hired().data)).thenThrows('employee-already-exists', 'already-exists');
  });
});

describe('manager change', () => {
  it('records the old and the new manager', () => {
    employee
      .given(active())
      .when(command('ChangeManager', { managerId: 'm-2', effectiveDate: '2023-01-02' }))
      .then([{ type: 'ManagerChanged', data: { employeeId: EMPLOYEE, fromManagerId: MANAGER, toManagerId: 'm-2', effectiveDate: '2023-01-02' } }]);
  });

  it('gives the employee a first manager when they had none', () => {
    employee
      .given([hired({ managerId: undefined })])
      .when(command('ChangeManager', { managerId: 'm-2', effectiveDate: '2023-01-02' }))
      .thenState((state) => expect(state).toMatchObject({ managerId: 'm-2' }));
  });

  it('is refused before the hire date, naming the field', () => {
    const error = employee
      .given(active())
      .when(command('ChangeManager', { managerId: 'm-2', effectiveDate: '2022-02-28' }))
      .thenThrows('date-before-hire', 'rule');
    expect(error.details).toEqual({ field: 'effectiveDate' });
  });

  it('is accepted on the hire date itself', () => {
    employee
      .given(active())
      .when(command('ChangeManager', { managerId: 'm-2', effectiveDate: HIRE_DATE }))
      .then([{ type: 'ManagerChanged', data: { employeeId: EMPLOYEE, fromManagerId: MANAGER, toManagerId: 'm-2', effectiveDate: HIRE_DATE } }]);
  });

  it('refuses to make the employee their own manager', () => {
    employee
      .given(active())
      .when(command('ChangeManager', { managerId: EMPLOYEE, effectiveDate: '2023-01-02' }))
      .thenThrows('self-manager');
  });

  it('refuses a "change" to the current manager', () => {
    employee
      .given(active())
      .when(command('ChangeManager', { managerId: MANAGER, effectiveDate: '2023-01-02' }))
      .thenThrows('manager-unchanged');
  });
});

describe('transfer', () => {
  const transfer = (toManagerId?: string, effectiveDate = '2024-06-03') =>
    command('TransferEmployee', { toOrgId: 'org-ads', ...(toManagerId ? { toManagerId } : {}), effectiveDate });

  it('moves an active employee to another org, not flagged', () => {
    employee
      .given(active())
      .when(transfer('m-9'))
      .then([
        {
          type: 'EmployeeTransferred',
          data: {
            employeeId: EMPLOYEE,
            fromOrgId: ORG,
            toOrgId: 'org-ads',
            fromManagerId: MANAGER,
            toManagerId: 'm-9',
            effectiveDate: '2024-06-03',
            duringFocus: false,
          },
        },
      ]);
  });

  it('changes org and manager in the state', () => {
    employee
      .given(active())
      .when(transfer('m-9'))
      .thenState((state) => expect(state).toMatchObject({ orgId: 'org-ads', managerId: 'm-9' }));
  });

  it('leaves the person without a manager when none is named in the new org (the old org’s manager does not follow)', () => {
    employee
      .given(active())
      .when(transfer())
      .thenState((state) => {
        expect(state).toMatchObject({ orgId: 'org-ads' });
        expect(state.status !== 'none' && state.managerId).toBeUndefined();
      });
  });

  it('is allowed during Focus but flagged duringFocus', () => {
    employee
      .given(inFocus())
      .when(transfer('m-9'))
      .then([
        {
          type: 'EmployeeTransferred',
          data: {
            employeeId: EMPLOYEE,
            fromOrgId: ORG,
            toOrgId: 'org-ads',
            fromManagerId: MANAGER,
            toManagerId: 'm-9',
            effectiveDate: '2024-06-03',
            duringFocus: true,
          },
        },
      ]);
  });

  it('leaves the employee in Focus', () => {
    employee
      .given(inFocus())
      .when(transfer())
      .thenState((state) => expect(status(state)).toBe('focus'));
  });

  it('is blocked during Pivot', () => {
    employee.given(inPivot()).when(transfer('m-9')).thenThrows('transfer-blocked-during-pivot', 'rule');
  });

  it('is refused to the org the employee is already in', () => {
    employee
      .given(active())
      .when(command('TransferEmployee', { toOrgId: ORG, effectiveDate: '2024-06-03' }))
      .thenThrows('transfer-to-same-org');
  });

  it('refuses to make the employee their own manager', () => {
    employee.given(active()).when(transfer(EMPLOYEE)).thenThrows('self-manager');
  });

  it('is refused before the hire date', () => {
    employee.given(active()).when(transfer('m-9', '2021-12-31')).thenThrows('date-before-hire');
  });
});

describe('separation', () => {
  const separate = (type: 'voluntary' | 'involuntary', regretted?: boolean, effectiveDate = '2024-06-28') =>
    command('SeparateEmployee', {
      type,
      reason: type === 'voluntary' ? 'resigned' : 'restructuring',
      ...(regretted === undefined ? {} : { regretted }),
      effectiveDate,
    });

  const separatedEvent = (type: 'voluntary' | 'involuntary', regretted: boolean, regrettedSource: 'caller' | 'policy', lastGrade?: string) => ({
    type: 'EmployeeSeparated' as const,
    data: {
      employeeId: EMPLOYEE,
      type,
      reason: type === 'voluntary' ? 'resigned' : 'restructuring',
      regretted,
      regrettedSource,
      lastGrade,
      effectiveDate: '2024-06-28',
    },
  });

  it.each(['pivot_buyout', 'appeal_lost', 'pivot_failed'])('refuses the reason %s, which only the Pivot steps record', (reason) => {
    employee
      .given([hired()])
      .when(command('SeparateEmployee', { type: 'involuntary', reason, effectiveDate: '2024-06-28' }))
      .thenThrows('reserved-separation-reason');
  });

  it('counts a voluntary leaver rated at the policy line (HV3) as regretted, by policy', () => {
    employee
      .given([hired(), ratingReceived('2023', 'HV3')])
      .when(separate('voluntary'))
      .then([separatedEvent('voluntary', true, 'policy', 'HV3')]);
  });

  it('counts a voluntary leaver rated above the line (TT) as regretted', () => {
    employee
      .given([hired(), ratingReceived('2023', 'TT')])
      .when(separate('voluntary'))
      .then([separatedEvent('voluntary', true, 'policy', 'TT')]);
  });

  it('counts a voluntary leaver rated below the line (LE) as unregretted', () => {
    employee
      .given([hired(), ratingReceived('2023', 'LE')])
      .when(separate('voluntary'))
      .then([separatedEvent('voluntary', false, 'policy', 'LE')]);
  });

  it('judges by the latest final rating, not an earlier one', () => {
    employee
      .given([hired(), ratingReceived('2022', 'TT'), ratingReceived('2023', 'LE')])
      .when(separate('voluntary'))
      .then([separatedEvent('voluntary', false, 'policy', 'LE')]);
  });

  it('counts a voluntary leaver with no rating yet as regretted', () => {
    employee
      .given(active())
      .when(separate('voluntary'))
      .then([separatedEvent('voluntary', true, 'policy', undefined)]);
  });

  it('counts a laid-off top-tier employee as regretted: the policy decides for every type of exit', () => {
    employee
      .given([hired(), ratingReceived('2023', 'TT')])
      .when(separate('involuntary'))
      .then([separatedEvent('involuntary', true, 'policy', 'TT')]);
  });

  it('counts a dismissal for cause (misconduct, probation) as unregretted, whatever the grade, and keeps the code', () => {
    for (const reasonCode of ['misconduct', 'probation'] as const) {
      employee
        .given([hired(), ratingReceived('2023', 'TT')])
        .when(command('SeparateEmployee', { type: 'involuntary', reason: 'restructuring', reasonCode, effectiveDate: '2024-06-28' }))
        .then([
          { ...separatedEvent('involuntary', false, 'policy', 'TT'), data: { ...separatedEvent('involuntary', false, 'policy', 'TT').data, reasonCode } },
        ]);
    }
  });

  it('refuses a Pivot exit code given as a separation’s code', () => {
    employee
      .given(active())
      .when(command('SeparateEmployee', { type: 'involuntary', reason: 'restructuring', reasonCode: 'pivot_failed', effectiveDate: '2024-06-28' }))
      .thenThrows('reserved-separation-reason', 'rule');
  });

  it('counts an involuntary exit below the line as unregretted', () => {
    employee
      .given([hired(), ratingReceived('2023', 'LE')])
      .when(separate('involuntary'))
      .then([separatedEvent('involuntary', false, 'policy', 'LE')]);
  });

  it.each([
    ['voluntary', 'LE', true],
    ['voluntary', 'TT', false],
    ['involuntary', 'TT', true],
    ['involuntary', 'LE', false],
  ] as const)("takes the caller's word: %s, last grade %s, regretted %s", (type, grade, regretted) => {
    employee
      .given([hired(), ratingReceived('2023', grade)])
      .when(separate(type, regretted))
      .then([separatedEvent(type, regretted, 'caller', grade)]);
  });

  it('uses the ByteDance line (M): a voluntary leaver rated M is regretted, M- is not', () => {
    const bd = (grade: string) =>
      employee
        .given([hired(), ratingReceived('2023', grade, BYTEDANCE)])
        .when(command('SeparateEmployee', { type: 'voluntary', reason: 'resigned', effectiveDate: '2024-06-28' }, BYTEDANCE));
    bd('M').then([separatedEvent('voluntary', true, 'policy', 'M')]);
    bd('M-').then([separatedEvent('voluntary', false, 'policy', 'M-')]);
  });

  it('takes its line from the policy in force, not a constant: at an HV2 line an HV3 leaver is unregretted', () => {
    const stricter = { ...DEFAULT, version: 2, attrition: { ...DEFAULT.attrition, regrettedIfLastGradeAtLeast: 'HV2' } };
    const leaves = command('SeparateEmployee', { type: 'voluntary', reason: 'resigned', effectiveDate: '2024-06-28' }, stricter);
    employee
      .given([hired(), ratingReceived('2023', 'HV3')])
      .when(leaves)
      .then([separatedEvent('voluntary', false, 'policy', 'HV3')]);
  });

  it('is refused before the hire date', () => {
    employee
      .given(active())
      .when(separate('voluntary', undefined, '2022-02-01'))
      .thenThrows('date-before-hire');
  });

  it('leaves the employee separated from the effective date', () => {
    employee
      .given(inFocus())
      .when(separate('involuntary'))
      .thenState((state) => expect(state).toMatchObject({ status: 'separated', separatedOn: '2024-06-28' }));
  });
});

describe('feedback', () => {
  it('records peer feedback about the employee', () => {
    const data = {
      fromEmployeeId: 'e-200',
      kind: 'peer360' as const,
      sentiment: 'positive' as const,
      principles: ['Ownership'],
      text: 'Unblocked the launch',
      cycleId: '2023',
    };
    employee
      .given(active())
      .when(command('RecordFeedback', data))
      .then([{ type: 'FeedbackRecorded', data: { employeeId: EMPLOYEE, ...data } }]);
  });

  it('is still recorded during Pivot: it is the counter-narrative the employee needs', () => {
    const data = { fromEmployeeId: 'e-200', kind: 'anytime' as const, sentiment: 'positive' as const, text: 'Mentored two new hires' };
    employee
      .given(inPivot())
      .when(command('RecordFeedback', data))
      .then([{ type: 'FeedbackRecorded', data: { employeeId: EMPLOYEE, ...data } }]);
  });

  it('must come from someone else', () => {
    employee
      .given(active())
      .when(command('RecordFeedback', { fromEmployeeId: EMPLOYEE, kind: 'anytime', sentiment: 'positive', text: 'I am great' }))
      .thenThrows('self-feedback');
  });
});

describe('final ratings', () => {
  const receive = (cycleId: string, rating: string) =>
    command('ReceiveRating', { cycleId, rating, calibrated: true, periodEnd: `${cycleId}-12-31`, policy: 'default@1' });

  it("records a cycle's final rating in the employee's history", () => {
    employee
      .given(active())
      .when(receive('2023', 'HV2'))
      .then([
        {
          type: 'RatingReceived',
          data: { employeeId: EMPLOYEE, cycleId: '2023', rating: 'HV2', calibrated: true, periodEnd: '2023-12-31', policy: 'default@1' },
        },
      ]);
  });

  it('keeps final ratings oldest first in the state', () => {
    employee
      .given([hired(), ratingReceived('2022', 'HV1')])
      .when(receive('2023', 'HV2'))
      .thenState((state) => expect(state.status !== 'none' && state.ratings.map((r) => r.rating)).toEqual(['HV1', 'HV2']));
  });

  it('ignores the same final rating delivered twice', () => {
    employee
      .given([hired(), ratingReceived('2023', 'HV2')])
      .when(receive('2023', 'HV2'))
      .thenNothingHappened();
  });

  it('refuses a different final rating for a cycle already received', () => {
    employee
      .given([hired(), ratingReceived('2023', 'HV2')])
      .when(receive('2023', 'LE'))
      .thenThrows('rating-already-received');
  });

  it('is recorded during Focus too', () => {
    employee
      .given(inFocus())
      .when(receive('2024', 'HV2'))
      .thenState((state) => expect(status(state)).toBe('focus'));
  });
});

describe('erasing personal data', () => {
  const erase = command('ErasePersonalData', { reason: 'GDPR art. 17 request 2026-11' });
  const erased = { type: 'PersonalDataErased' as const, data: { employeeId: EMPLOYEE, reason: 'GDPR art. 17 request 2026-11' } };

  it('records the erasure of an employee', () => {
    employee.given([hired()]).when(erase).then([erased]);
  });

  it('is allowed after separation: the right outlives employment', () => {
    employee.given(separated()).when(erase).then([erased]);
  });

  it('records it once: a repeated request changes nothing', () => {
    employee.given([hired(), erased]).when(erase).thenNothingHappened();
  });

  it('refuses an unknown employee', () => {
    employee.given([]).when(erase).thenThrows('employee-not-found', 'not-found');
  });
});
