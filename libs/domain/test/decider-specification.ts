import { DomainError, fold, type Decider } from '@pm/domain';

type Kind = DomainError['kind'];

/**
 * Given / when / then over a decider, in the style of emmett's `DeciderSpecification`:
 *
 *   spec(employeeDecider).given([hired]).when(transfer).then([transferred]);
 *   spec(employeeDecider).given([hired, pivotPlaced]).when(transfer).thenThrows('transfer-blocked-during-pivot');
 *
 * `given` events are folded with the decider's own `evolve`; `when` runs `decide` once.
 */
export function spec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[]) {
      return {
        when(command: Command) {
          const before = (): State => fold(decider, events);
          const decide = (): Event[] => decider.decide(command, before());
          return {
            /** The decision is exactly these events, in this order. */
            then(expected: readonly Event[]): void {
              expect(decide()).toEqual(expected);
            },
            /** The command is accepted and changes nothing (an idempotent retry). */
            thenNothingHappened(): void {
              expect(decide()).toEqual([]);
            },
            /** The decision, folded onto the given history, leaves a state that passes `check`. */
            thenState(check: (state: State, decided: Event[]) => void): void {
              const decided = decide();
              check(decided.reduce(decider.evolve, before()), decided);
            },
            /** The command is refused with a DomainError of this exact rule (and kind, when given). */
            thenThrows: (rule: string, kind?: Kind): DomainError => expectRefusal(decide, rule, kind),
          };
        },
      };
    },
  };
}

/**
 * A business rule enforced outside a decider (choosing a policy version, replaying a history):
 *
 *   refused(() => chosenPolicy({ ref: 'amazon@9' }, versions)).thenThrows('policy-not-found', 'not-found');
 */
export function refused(run: () => unknown) {
  return { thenThrows: (rule: string, kind?: Kind): DomainError => expectRefusal(run, rule, kind) };
}

function expectRefusal(run: () => unknown, rule: string, kind: Kind | undefined): DomainError {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect({ rule: domainError.rule, ...(kind ? { kind: domainError.kind } : {}) }).toEqual({ rule, ...(kind ? { kind } : {}) });
  return domainError;
}

function thrownBy(run: () => unknown): unknown {
  let decided: unknown;
  try {
    decided = run();
  } catch (error) {
    return error;
  }
  throw new Error(`Expected the command to be refused, but it was accepted with ${JSON.stringify(decided)}`);
}
