import {
  employeeDecider,
  employeeStreamId,
  policyRef,
  reviewCycleDecider,
  reviewCycleStreamId,
  type EmployeeCommand,
  type EmployeeEvent,
  type EmployeeState,
  type Policy,
  type ReviewCycleCommand,
  type ReviewCycleEvent,
  type ReviewCycleState,
} from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import { Agenda } from './agenda';
import { instantOf } from './calendar';
import { DeterministicIds } from './deterministic-ids';
import { gradeShares } from './grading';
import { OrgChart, type Person } from './org-chart';
import { SeededRandom } from './seeded-random';
import type { SimulationParameters } from './simulation-parameters';
import { DecidedStreams, StreamLog, type CommandMetadata } from './stream-log';

type WithoutPolicy<C> = C extends unknown ? Omit<C, 'policy'> : never;
export type EmployeeAction = WithoutPolicy<EmployeeCommand>;
export type ReviewAction = WithoutPolicy<ReviewCycleCommand>;

const HR = { id: 'hr:simulator', role: 'hr' };

/** The state one simulated company shares: randomness, the org chart, the agenda and every stream. */
export class Simulation {
  readonly random: SeededRandom;
  /** Pay draws have their own stream, so granting pay leaves every other draw of a seed as it was. */
  readonly payRandom: SeededRandom;
  readonly ids: DeterministicIds;
  readonly log = new StreamLog();
  readonly agenda: Agenda;
  readonly chart = new OrgChart();
  readonly shares: number[];
  private readonly employees: DecidedStreams<EmployeeCommand, EmployeeEvent, EmployeeState>;
  private readonly cycles: DecidedStreams<ReviewCycleCommand, ReviewCycleEvent, ReviewCycleState>;
  private serial = 0;
  /** Leadership seats waiting for their replacement to start. */
  vacancies = 0;

  constructor(
    readonly seed: number,
    readonly policy: Policy,
    readonly params: SimulationParameters,
    tenantId: string,
    startDay: number,
  ) {
    this.agenda = new Agenda(startDay);
    this.random = new SeededRandom(seed);
    this.payRandom = new SeededRandom(seed ^ 0x70a1c0de);
    this.ids = new DeterministicIds(seed);
    this.shares = gradeShares(policy);
    const stamp = { actor: HR, policyVersion: policyRef(policy), tenantId };
    this.employees = new DecidedStreams(employeeDecider, employeeStreamId, this.log, this.ids, stamp);
    this.cycles = new DecidedStreams(reviewCycleDecider, reviewCycleStreamId, this.log, this.ids, stamp);
  }

  /** Employee ids carry the seed, so simulations with different seeds never collide in one store. */
  nextEmployeeId(): { id: string; serial: number } {
    const serial = ++this.serial;
    return { id: `e${this.seed}-${String(serial).padStart(5, '0')}`, serial };
  }

  employee(person: Person): Exclude<EmployeeState, { status: 'none' }> {
    return this.employees.state(person.id) as Exclude<EmployeeState, { status: 'none' }>;
  }

  cycle(cycleId: string): Extract<ReviewCycleState, { status: 'open' }> {
    return this.cycles.state(cycleId) as Extract<ReviewCycleState, { status: 'open' }>;
  }

  /** An employee command on `day`, as the API would decide it. */
  act(person: Person, action: EmployeeAction, day: number, meta?: Partial<CommandMetadata>): NewEvent<EmployeeEvent['data']>[] {
    const command: EmployeeCommand = { ...action, policy: this.policy };
    return this.employees.execute(person.id, command, {
      occurredAt: meta?.occurredAt ?? instantOf(day),
      correlationId: meta?.correlationId,
      causationId: meta?.causationId,
    });
  }

  review(cycleId: string, action: ReviewAction, day: number): NewEvent<ReviewCycleEvent['data']>[] {
    const command = { type: action.type, data: action.data, policy: this.policy } as ReviewCycleCommand;
    return this.cycles.execute(cycleId, command, { occurredAt: instantOf(day) });
  }
}
