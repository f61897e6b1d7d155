import { employeeDecider, fold, type CorrectEvent, type EmployeeEvent } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { active, BYTEDANCE, command, EMPLOYEE, event, hired, inFocus, MANAGER, ratedLE, ratingReceived, separated } from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

/** The stream's event ids, by revision. */
const idsOf = (events: readonly EmployeeEvent[]): string[] => events.map((_, revision) => `ev-${revision}`);

function correct(events: readonly EmployeeEvent[], data: CorrectEvent['data']): CorrectEvent {
  return { ...command('CorrectEvent', data), eventIds: idsOf(events) };
}

const promoted = (): EmployeeEvent[] => [
  ...active(),
  event('PromotionNominated', { employeeId: EMPLOYEE, promotionId: 'p1', fromLevel: 'L5', toLevel: 'L6', nominatedBy: MANAGER, nominatedOn: '2024-01-10' }),
  event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'p1', approved: true, panel: ['x-1'], effectiveDate: '2024-02-01' }),
  event('Promoted', { employeeId: EMPLOYEE, promotionId: 'p1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2024-02-01' }),
];

describe('correcting a final rating', () => {
  it('records the corrected grade, naming the event by id and revision; the state follows', () => {
    const given = [...active(), ratingReceived('2023', 'HV2')];
    const when = correct(given, { eventId: 'ev-1', reason: 'keyed for the wrong person', correctedData: { rating: 'HV1' }, decidedBy: 'hr-1' });
    employee
      .given(given)
      .when(when)
      .then([
        {
          type: 'EventCorrected',
          data: {
            employeeId: EMPLOYEE,
            eventId: 'ev-1',
            revision: 1,
            eventType: 'RatingReceived',
            reason: 'keyed for the wrong person',
            decidedBy: 'hr-1',
            correctedData: { rating: 'HV1' },
          },
        },
      ]);
    employee
      .given(given)
      .when(when)
      .thenState((state) => expect(state.status !== 'none' && state.ratings.map((r) => r.rating)).toEqual(['HV1']));
  });

  it('records nothing when the rating already has that grade', () => {
    const given = [...active(), ratingReceived('2023', 'HV2')];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'again', correctedData: { rating: 'HV2' } }))
      .thenNothingHappened();
  });

  it('refuses to retract a rating a Focus rests on, naming the Focus', () => {
    const given = inFocus();
    const refusal = employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'wrong person', retract: true }))
      .thenThrows('correction-conflicts-with-later-events');
    expect(refusal.details.events).toEqual([{ eventId: 'ev-2', type: 'FocusEntered', revision: 2 }]);
  });

  it('checks a corrected grade against the scale the rating was given under, not the policy in force', () => {
    const given = [...active(), ratingReceived('2023', 'M', BYTEDANCE)];
    const when = correct(given, { eventId: 'ev-1', reason: 'typo', correctedData: { rating: 'M+' } });
    employee
      .given(given)
      .when({ ...when, ratedUnder: BYTEDANCE })
      .thenState((state) => expect(state.status !== 'none' && state.ratings.map((r) => r.rating)).toEqual(['M+']));
    employee.given(given).when(when).thenThrows('invalid-corrected-value', 'invalid');
  });

  it('refuses a grade the policy does not have', () => {
    const given = ratedLE();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'typo', correctedData: { rating: 'ZZ' } }))
      .thenThrows('invalid-corrected-value', 'invalid');
  });
});

describe('correcting a separation', () => {
  it('retracts a separation recorded in error: the person is employed again', () => {
    const given = separated();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'recorded in error', retract: true }))
      .thenState((state) => expect(state.status).toBe('active'));
  });

  it('corrects the last day of employment', () => {
    const given = separated();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'last day was later', correctedData: { effectiveDate: '2024-02-29', regretted: false } }))
      .thenState((state) => expect(state.status === 'separated' && state.separatedOn).toBe('2024-02-29'));
  });

  it('refuses a last day before the hire date', () => {
    const given = separated();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'typo', correctedData: { effectiveDate: '2020-01-01' } }))
      .thenThrows('date-before-hire');
  });

  it('refuses a last day before events of the employment', () => {
    const given = [...active(), event('ManagerChanged', { employeeId: EMPLOYEE, toManagerId: 'm-2', effectiveDate: '2023-06-01' }), ...separated().slice(1)];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-2', reason: 'typo', correctedData: { effectiveDate: '2023-01-31' } }))
      .thenThrows('correction-conflicts-with-later-events');
  });

  it('refuses to retract a separation a rehire rests on', () => {
    const given = [
      ...separated(),
      event('EmployeeRehired', { employeeId: EMPLOYEE, hireDate: '2025-01-06', level: 'L5', jobFamily: 'SDE', orgId: 'org-search' }),
    ];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'error', retract: true }))
      .thenThrows('correction-conflicts-with-later-events');
  });

  it('does not correct a Pivot exit as a separation', () => {
    const given = [
      ...active(),
      event('EmployeeSeparated', {
        employeeId: EMPLOYEE,
        type: 'involuntary',
        reason: 'pivot_buyout',
        reasonCode: 'pivot_buyout',
        regretted: false,
        regrettedSource: 'policy',
        effectiveDate: '2024-05-06',
      }),
    ];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'error', retract: true }))
      .thenThrows('correction-not-allowed');
  });
});

describe('correcting the hire record', () => {
  it('corrects a wrong level at hire', () => {
    const given = active();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-0', reason: 'offer said L4', correctedData: { level: 'L4' } }))
      .thenState((state) => expect(state.status !== 'none' && state.level).toBe('L4'));
  });

  it('refuses to correct the level at hire once a promotion was decided from it', () => {
    const given = promoted();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-0', reason: 'offer said L4', correctedData: { level: 'L4' } }))
      .thenThrows('correction-conflicts-with-later-events');
  });

  it('refuses a hire date after events of the employment', () => {
    const given = promoted();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-0', reason: 'started later', correctedData: { hireDate: '2024-01-15' } }))
      .thenThrows('correction-conflicts-with-later-events');
  });

  it('never retracts the hire', () => {
    const given = active();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-0', reason: 'no', retract: true }))
      .thenThrows('correction-not-allowed');
  });

  it('refuses a field that is not corrected this way', () => {
    const given = active();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-0', reason: 'typo', correctedData: { name: 'Someone Else' } }))
      .thenThrows('field-not-correctable', 'invalid');
  });
});

describe('the history a correction folds again', () => {
  it('remembers no personal field: no name, e-mail or free-text reason', () => {
    const state = fold(employeeDecider, [...separated(), ...inFocus().slice(1)]);
    const history = JSON.stringify(state.status === 'none' ? [] : state.history);
    expect(history).toContain('EmployeeSeparated');
    expect(history).not.toMatch(/Ada Example|ada@example\.com|resigned|LE in 2023/);
  });
});

describe('what a correction names', () => {
  it('an event of this employee', () => {
    const given = active();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-9', reason: 'x', correctedData: { level: 'L4' } }))
      .thenThrows('event-not-found', 'not-found');
  });

  it('an event not yet retracted', () => {
    const given = separated();
    const retracted = employeeDecider.decide(correct(given, { eventId: 'ev-1', reason: 'error', retract: true }), fold(employeeDecider, given));
    const after = [...given, ...retracted];
    employee
      .given(after)
      .when(correct(after, { eventId: 'ev-1', reason: 'again', retract: true }))
      .thenThrows('event-already-retracted');
  });

  it('the original, not a correction', () => {
    const given = [...active(), ratingReceived('2023', 'HV2')];
    const corrected = employeeDecider.decide(correct(given, { eventId: 'ev-1', reason: 'x', correctedData: { rating: 'HV1' } }), fold(employeeDecider, given));
    const after = [...given, ...corrected];
    employee
      .given(after)
      .when(correct(after, { eventId: 'ev-2', reason: 'x', retract: true }))
      .thenThrows('correction-not-allowed');
  });

  it('either a retraction or corrected data', () => {
    const given = separated();
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'x', retract: true, correctedData: { regretted: false } }))
      .thenThrows('retract-or-correct', 'invalid');
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'x' }))
      .thenThrows('corrected-data-required', 'invalid');
  });

  it('a goal update the Focus was not yet closed on', () => {
    const given = [
      ...inFocus(),
      event('FocusGoalUpdated', { employeeId: EMPLOYEE, goalId: 'g1', status: 'met' }),
      event('FocusClosed', { employeeId: EMPLOYEE, outcome: 'succeeded', effectiveDate: '2024-04-05' }),
    ];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-3', reason: 'was missed', correctedData: { status: 'missed' } }))
      .thenThrows('correction-conflicts-with-later-events');
  });

  it('a manager change: retracted, the manager before it is back', () => {
    const given = [...active(), event('ManagerChanged', { employeeId: EMPLOYEE, fromManagerId: MANAGER, toManagerId: 'm-2', effectiveDate: '2023-06-01' })];
    employee
      .given(given)
      .when(correct(given, { eventId: 'ev-1', reason: 'wrong person', retract: true }))
      .thenState((state) => expect(state.status !== 'none' && state.managerId).toBe(hired().data.managerId));
  });
});
