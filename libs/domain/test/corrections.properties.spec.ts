import fc from 'fast-check';
import { DomainError, employeeDecider, fold, type CorrectEvent, type EmployeeEvent, type EmployeeState } from '@pm/domain';
import { command, EMPLOYEE, event, hired } from './employee-fixtures';

/**
 * Random histories with random corrections and retractions, decided by the employee decider:
 * folding the stream (originals and corrections) must give the state a fold of the corrected
 * history gives, that history written out here by hand, without the domain's corrections code.
 */

const GRADES = ['TT', 'HV1', 'HV2', 'HV3'];
const ORGS = ['org-search', 'org-ads', 'org-cloud'];
const MANAGERS = ['m-2', 'm-3', 'm-4'];

const dateOf = (day: number): string => new Date(Date.UTC(2022, 2, 1) + day * 86_400_000).toISOString().slice(0, 10);

const factArb = fc.oneof(
  fc.record({ kind: fc.constant('manager' as const), who: fc.constantFrom(...MANAGERS) }),
  fc.record({ kind: fc.constant('transfer' as const), org: fc.constantFrom(...ORGS), who: fc.option(fc.constantFrom(...MANAGERS), { nil: undefined }) }),
  fc.record({ kind: fc.constant('rating' as const), grade: fc.constantFrom(...GRADES) }),
  fc.record({ kind: fc.constant('feedback' as const), sentiment: fc.constantFrom('positive' as const, 'neutral' as const, 'negative' as const) }),
);

const correctionArb = fc.record({
  target: fc.nat(),
  retract: fc.boolean(),
  grade: fc.constantFrom(...GRADES),
  org: fc.constantFrom(...ORGS),
  who: fc.constantFrom(...MANAGERS),
  day: fc.integer({ min: 0, max: 900 }),
  level: fc.constantFrom('L4', 'L5', 'L6'),
});

const scenarioArb = fc.record({
  facts: fc.array(factArb, { maxLength: 12 }),
  separated: fc.boolean(),
  corrections: fc.array(correctionArb, { maxLength: 6 }),
});

/** The history as recorded, before any correction: a hire, then facts a month apart, perhaps a separation. */
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;
type Dice = typeof correctionArb extends fc.Arbitrary<infer C> ? C : never;

function recorded(scenario: Scenario): EmployeeEvent[] {
  const events: EmployeeEvent[] = [event('EmployeeHired', hired().data)];
  scenario.facts.forEach((fact, i) => {
    const effectiveDate = dateOf(30 * (i + 1));
    if (fact.kind === 'manager') events.push(event('ManagerChanged', { employeeId: EMPLOYEE, toManagerId: fact.who, effectiveDate }));
    if (fact.kind === 'transfer')
      events.push(
        event('EmployeeTransferred', { employeeId: EMPLOYEE, fromOrgId: 'x', toOrgId: fact.org, toManagerId: fact.who, effectiveDate, duringFocus: false }),
      );
    if (fact.kind === 'rating')
      events.push(
        event('RatingReceived', {
          employeeId: EMPLOYEE,
          cycleId: `c${i}`,
          rating: fact.grade,
          calibrated: true,
          periodEnd: effectiveDate,
          policy: 'default@1',
        }),
      );
    if (fact.kind === 'feedback')
      events.push(event('FeedbackRecorded', { employeeId: EMPLOYEE, fromEmployeeId: 'e-7', kind: 'peer360', sentiment: fact.sentiment, text: 'noted' }));
  });
  if (scenario.separated) {
    const effectiveDate = dateOf(30 * (scenario.facts.length + 1));
    events.push(
      event('EmployeeSeparated', { employeeId: EMPLOYEE, type: 'voluntary', reason: 'moved', regretted: true, regrettedSource: 'caller', effectiveDate }),
    );
  }
  return events;
}

/** What a correction of this event could say, drawn from the dice. */
function correctedDataFor(original: EmployeeEvent, dice: Dice): Record<string, unknown> | undefined {
  switch (original.type) {
    case 'EmployeeHired':
      return { level: dice.level, orgId: dice.org };
    case 'RatingReceived':
      return { rating: dice.grade };
    case 'ManagerChanged':
      return { toManagerId: dice.who };
    case 'EmployeeTransferred':
      return { toOrgId: dice.org };
    case 'FeedbackRecorded':
      return { sentiment: 'negative' };
    case 'EmployeeSeparated':
      return { effectiveDate: dateOf(30 * 40 + dice.day), regretted: false };
    default:
      return undefined;
  }
}

const withoutHistory = (state: EmployeeState): unknown => (state.status === 'none' ? state : { ...state, history: undefined });

describe('corrections', () => {
  it('fold to the state of the corrected history written out by hand', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const originals = recorded(scenario);
        const stream: EmployeeEvent[] = [...originals];
        // By hand: each original's corrected data, or null once retracted.
        const byHand: (EmployeeEvent | null)[] = [...originals];
        for (const dice of scenario.corrections) {
          const revision = dice.target % originals.length;
          const original = originals[revision];
          const correctedData = dice.retract ? undefined : correctedDataFor(original, dice);
          const correction: CorrectEvent = {
            ...command('CorrectEvent', {
              eventId: `ev-${revision}`,
              reason: 'corrected',
              ...(dice.retract ? { retract: true } : { correctedData }),
            }),
            eventIds: stream.map((_, i) => `ev-${i}`),
          };
          let decided: EmployeeEvent[];
          try {
            decided = employeeDecider.decide(correction, fold(employeeDecider, stream));
          } catch (error) {
            if (error instanceof DomainError) continue;
            throw error;
          }
          stream.push(...decided);
          const current = byHand[revision];
          if (decided.length === 0 || current === null) continue;
          byHand[revision] = dice.retract ? null : ({ ...current, data: { ...current.data, ...correctedData } } as EmployeeEvent);
        }
        const corrected = byHand.filter((e): e is EmployeeEvent => e !== null);
        expect(withoutHistory(fold(employeeDecider, stream))).toEqual(withoutHistory(fold(employeeDecider, corrected)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('are drawn often enough to mean something: some decided, some refused', () => {
    const samples = fc.sample(scenarioArb, { numRuns: 200, seed: 7 });
    let decided = 0;
    let refused = 0;
    for (const scenario of samples) {
      const stream = recorded(scenario);
      for (const dice of scenario.corrections) {
        const revision = dice.target % stream.length;
        const correctedData = dice.retract ? undefined : correctedDataFor(stream[revision], dice);
        try {
          const events = employeeDecider.decide(
            {
              ...command('CorrectEvent', { eventId: `ev-${revision}`, reason: 'x', ...(dice.retract ? { retract: true } : { correctedData }) }),
              eventIds: stream.map((_, i) => `ev-${i}`),
            },
            fold(employeeDecider, stream),
          );
          stream.push(...events);
          decided += events.length;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          refused += 1;
        }
      }
    }
    expect(decided).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(20);
  });
});
