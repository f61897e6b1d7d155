import fc from 'fast-check';
import { DomainError, employeeDecider, fold, policyRef, type EmployeeCommand, type EmployeeEvent, type EmployeeState, type Policy } from '@pm/domain';
import { BYTEDANCE, CLASSIC, command, DEFAULT, EMPLOYEE, goals as sampleGoals, HIRE_DATE, hired, MANAGER } from './employee-fixtures';

/**
 * Random command sequences, plausible and implausible, applied through decide/evolve (refused
 * commands skipped). Whatever the sequence, the resulting history must keep these invariants.
 * The oracles below re-derive the rules from the events, without the decider's own helpers.
 */

// ---------------------------------------------------------------- policies

const DIRECT_PIVOT: Policy = { ...DEFAULT, policyId: 'direct-pivot', pivot: { ...DEFAULT.pivot, requiresEscalatedFocus: false } };
const POLICIES: Record<string, Policy> = { default: DEFAULT, classic: CLASSIC, bytedance: BYTEDANCE, 'direct-pivot': DIRECT_PIVOT };

// ---------------------------------------------------------------- dates, independent of business-date.ts

const DAY_MS = 86_400_000;
const dayOf = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS;
const plusDays = (date: string, days: number): string => new Date((dayOf(date) + days) * DAY_MS).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string): number => dayOf(to) - dayOf(from);
function plusWorkdays(date: string, workdays: number): string {
  let day = dayOf(date);
  for (let left = workdays; left > 0;) {
    day += 1;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- generated steps

/** Every command type, with how often it is drawn: the Focus/Pivot path needs several commands in a row. */
const WEIGHTS = {
  HireEmployee: 1,
  ChangeManager: 3,
  TransferEmployee: 3,
  SeparateEmployee: 1,
  RecordFeedback: 3,
  ReceiveRating: 10,
  EnterFocus: 8,
  UpdateFocusGoal: 6,
  CloseFocus: 6,
  PlaceInPivot: 6,
  ChoosePivotOption: 8,
  DecideAppeal: 8,
  ClosePivot: 8,
  RecordPivotChoiceLapse: 4,
  NominateForPromotion: 8,
  DecidePromotion: 6,
  ErasePersonalData: 1,
  RehireEmployee: 3,
  StartLeave: 1,
  EndLeave: 2,
  ChangeJob: 1,
  ChangePay: 2,
  GrantSignOn: 3,
  GrantEquity: 1,
  // Corrections have their own property test (corrections.properties.spec.ts): the oracles here read events as recorded.
} as const satisfies Record<Exclude<EmployeeCommand['type'], 'CorrectEvent'>, number>;
type StepType = keyof typeof WEIGHTS;

/**
 * One command to be: its type, a day offset from the latest date used, dice its data is drawn
 * with, and whether it is plausible. A plausible step takes ids and dates from what the employee
 * has (their Focus goals, open promotions, Pivot dates); an implausible one draws them from pools
 * that include wrong ids, the employee themselves and prototype names.
 */
interface Step {
  type: StepType;
  delta: number;
  a: number;
  b: number;
  c: number;
  flag: boolean;
  plausible: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc
  .tuple(
    fc.oneof(...Object.entries(WEIGHTS).map(([type, weight]) => ({ arbitrary: fc.constant(type as StepType), weight }))),
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 6 }), weight: 12 },
      { arbitrary: fc.integer({ min: 7, max: 400 }), weight: 4 },
      { arbitrary: fc.integer({ min: -90, max: -1 }), weight: 2 },
      { arbitrary: fc.integer({ min: -2000, max: -91 }), weight: 1 },
    ),
    // Three independent dice in one unbiased number: a bias toward 0 would pick the same pool entry every time.
    fc.noBias(fc.integer({ min: 0, max: 999_999_999 })),
    fc.boolean(),
    fc.noBias(fc.integer({ min: 0, max: 4 })),
  )
  .map(([type, delta, dice, flag, trust]) => ({
    type,
    delta,
    a: dice % 1000,
    b: Math.floor(dice / 1000) % 1000,
    c: Math.floor(dice / 1_000_000),
    flag,
    plausible: trust > 0,
  }));

const scenarioArb = fc.record({
  policy: fc.constantFrom(...Object.keys(POLICIES)),
  /** Where the history starts: nothing, a hire, or a hire already taken (through the decider) to a good rating, into Focus or into Pivot. */
  start: fc.oneof(
    { arbitrary: fc.constant('nothing' as const), weight: 1 },
    { arbitrary: fc.constant('hired' as const), weight: 6 },
    { arbitrary: fc.constant('rated' as const), weight: 5 },
    { arbitrary: fc.constant('focus' as const), weight: 3 },
    { arbitrary: fc.constant('pivot' as const), weight: 5 },
  ),
  steps: fc.array(stepArb, { maxLength: 40, size: 'max' }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

const pick = <T>(pool: readonly T[], n: number): T => pool[n % pool.length];
const CYCLES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const GOAL_IDS = ['g1', 'g2', 'g3', 'g9', 'constructor', 'toString'];
const PROMOTION_IDS = ['promo-1', 'promo-2', 'promo-3', 'constructor', 'toString'];
const PANEL_POOL = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6'];
const FOCUS_DAYS = [29, 30, 45, 60, 75, 90, 91, 10, 120, -5];
const PLAN_DAYS = [29, 30, 45, 60, 61, 5, 90];
const GOALS = [...sampleGoals, { goalId: 'g3', description: 'Write the design doc', measure: 'approved' }];

/** The policy's grades, their old names and an unknown code; below-bar grades weighted up so Focus is reachable. */
function ratingPool(policy: Policy): string[] {
  const below = policy.scale.grades.filter((g) => g.belowBar).map((g) => g.code);
  return [...policy.scale.grades.map((g) => g.code), ...Object.keys(policy.scale.aliases ?? {}), 'ZZ', ...below];
}

/** 1 to 5 distinct outsiders when plausible; otherwise sometimes empty, six, with the employee or manager, or with a duplicate. */
function panel(step: Step): string[] {
  const { b, c, plausible } = step;
  const size = plausible ? 1 + (b % 5) : pick([0, 1, 3, 6], b);
  const members = Array.from({ length: size }, (_, i) => PANEL_POOL[(c + i) % PANEL_POOL.length]);
  if (plausible || size === 0) return members;
  return pick([[...members.slice(1), EMPLOYEE], [...members.slice(1), MANAGER], [...members, members[0]], members], c);
}

/** The command a step stands for, given the date it falls on and what the employee has so far. */
function toCommand(step: Step, date: string, policy: Policy, state: EmployeeState): { command: EmployeeCommand; date: string } {
  const { a, b, c, flag, plausible } = step;
  const of = (cmd: EmployeeCommand, on = date) => ({ command: cmd, date: on });
  const hiredOn = state.status === 'none' ? undefined : state;
  switch (step.type) {
    case 'HireEmployee':
      return of(command('HireEmployee', { ...hired().data, hireDate: date, managerId: plausible ? pick([MANAGER, undefined], a) : EMPLOYEE }, policy));
    case 'ChangeManager':
      return of(
        command(
          'ChangeManager',
          { managerId: plausible ? pick(['m-2', 'm-3', MANAGER], a) : pick([EMPLOYEE, hiredOn?.managerId ?? MANAGER], a), effectiveDate: date },
          policy,
        ),
      );
    case 'TransferEmployee': {
      const toManagerId = plausible ? pick([undefined, 'm-2', 'm-3'], b) : EMPLOYEE;
      const toOrgId = plausible
        ? pick(
            ['org-search', 'org-ads', 'org-cloud'].filter((o) => o !== hiredOn?.orgId),
            a,
          )
        : (hiredOn?.orgId ?? 'org-search');
      return of(command('TransferEmployee', { toOrgId, ...(toManagerId ? { toManagerId } : {}), effectiveDate: date }, policy));
    }
    case 'SeparateEmployee': {
      const regretted = pick([undefined, true, false], b);
      return of(
        command(
          'SeparateEmployee',
          {
            type: flag ? 'voluntary' : 'involuntary',
            reason: pick(['resigned', 'restructuring', 'relocation'], a),
            ...(regretted === undefined ? {} : { regretted }),
            effectiveDate: date,
          },
          policy,
        ),
      );
    }
    case 'RecordFeedback':
      return of(
        command(
          'RecordFeedback',
          {
            fromEmployeeId: plausible ? pick(['e-200', 'e-201'], a) : EMPLOYEE,
            kind: flag ? 'peer360' : 'anytime',
            sentiment: pick(['positive', 'neutral', 'negative'] as const, b),
            text: 'noted',
          },
          policy,
        ),
      );
    case 'ReceiveRating': {
      // Plausible: the next cycle not yet rated; otherwise any cycle, possibly one already rated.
      const rated = hiredOn ? hiredOn.ratings.map((r) => r.cycleId) : [];
      const cycleId = plausible ? (CYCLES.find((cy) => !rated.includes(cy)) ?? pick(CYCLES, a)) : pick(CYCLES, a);
      return of(
        command('ReceiveRating', { cycleId, rating: pick(ratingPool(policy), b), calibrated: flag, periodEnd: date, policy: policyRef(policy) }, policy),
      );
    }
    case 'EnterFocus': {
      const goals = GOALS.slice(0, plausible ? 1 + (b % 3) : b % 4);
      const days = plausible ? policy.focus.minDays + (a % (policy.focus.maxDays - policy.focus.minDays + 1)) : pick(FOCUS_DAYS, a);
      return of(
        command(
          'EnterFocus',
          { startDate: date, dueDate: plusDays(date, days), reason: 'below the bar', goals: plausible || goals.length === 0 ? goals : [...goals, goals[0]] },
          policy,
        ),
      );
    }
    case 'UpdateFocusGoal': {
      const own = state.status === 'focus' ? Object.keys(state.focus.goals) : [];
      return of(
        command(
          'UpdateFocusGoal',
          { goalId: plausible && own.length > 0 ? pick(own, a) : pick(GOAL_IDS, a), status: pick(['met', 'missed', 'in_progress'] as const, b) },
          policy,
        ),
      );
    }
    case 'CloseFocus': {
      // Plausible: around the due date, an escalation on or after it.
      const on = plausible && state.status === 'focus' ? plusDays(state.focus.dueDate, flag ? a % 6 : (a % 11) - 5) : date;
      return of(command('CloseFocus', { outcome: flag ? 'escalated' : 'succeeded', effectiveDate: on }, policy), on);
    }
    case 'PlaceInPivot': {
      // Plausible: within the policy's window after the escalation.
      const on = plausible && state.status !== 'none' && state.escalatedFocusOn ? plusDays(state.escalatedFocusOn, a % 20) : date;
      return of(command('PlaceInPivot', { startDate: on, reason: 'escalated' }, policy), on);
    }
    case 'ChoosePivotOption': {
      const option = pick(['buyout', 'appeal', 'improvement_plan'] as const, a);
      // Plausible: a day of the week the Pivot started; otherwise the running date.
      const on = plausible && state.status === 'pivot' ? plusDays(state.pivot.startDate, b % 6) : date;
      const planDays = plausible ? policy.pivot.planMinDays + (c % (policy.pivot.planMaxDays - policy.pivot.planMinDays + 1)) : pick(PLAN_DAYS, c);
      const withPlan = option === 'improvement_plan' ? plausible || flag : !plausible && flag;
      // A plausible plan has the written goals the policy asks for.
      const withGoals = option === 'improvement_plan' ? plausible || flag : !plausible && c % 2 === 0;
      return of(
        command(
          'ChoosePivotOption',
          { option, effectiveDate: on, ...(withPlan ? { planDueDate: plusDays(on, planDays) } : {}), ...(withGoals ? { goals: sampleGoals } : {}) },
          policy,
        ),
        on,
      );
    }
    case 'DecideAppeal':
      return of(command('DecideAppeal', { outcome: flag ? 'upheld' : 'overturned', panel: panel(step), decidedAt: `${date}T10:00:00Z` }, policy));
    case 'ClosePivot': {
      const on = plausible && state.status === 'pivot' && state.pivot.planDueDate ? plusDays(state.pivot.planDueDate, (a % 11) - 5) : date;
      return of(command('ClosePivot', { outcome: flag ? 'failed' : 'passed', effectiveDate: on }, policy), on);
    }
    case 'RecordPivotChoiceLapse': {
      // Plausible: the system's check, some business days after the deadline; otherwise the running date. Not a business date of the history.
      const on = plausible && state.status === 'pivot' ? plusWorkdays(state.pivot.choiceDeadline, a % 4) : date;
      return of(command('RecordPivotChoiceLapse', { businessDate: on }, policy));
    }
    case 'NominateForPromotion': {
      const toLevel = plausible
        ? pick(
            ['L6', 'L7', 'L8'].filter((l) => l !== hiredOn?.level),
            b,
          )
        : (hiredOn?.level ?? 'L5');
      return of(
        command(
          'NominateForPromotion',
          { promotionId: pick(PROMOTION_IDS, a), toLevel, nominatedBy: plausible ? pick([MANAGER, 'm-2'], c) : EMPLOYEE, nominatedOn: date },
          policy,
        ),
      );
    }
    case 'DecidePromotion': {
      const open = hiredOn ? Object.keys(hiredOn.openPromotions) : [];
      const promotionId = plausible && open.length > 0 ? pick(open, a) : pick(PROMOTION_IDS, a);
      return of(
        command('DecidePromotion', { promotionId, approved: flag, panel: plausible ? panel(step) : panel(step).slice(0, b % 2), effectiveDate: date }, policy),
      );
    }
    case 'ErasePersonalData':
      return of(command('ErasePersonalData', { reason: 'GDPR art. 17 request' }, policy));
    case 'RehireEmployee': {
      // Plausible: some months after the last day.
      const on = plausible && state.status === 'separated' ? plusDays(state.separatedOn, 1 + (b % 400)) : date;
      return of(
        command('RehireEmployee', { hireDate: on, level: 'L5', jobFamily: 'SDE', orgId: pick(['org-search', 'org-ads'], a), managerId: MANAGER }, policy),
        on,
      );
    }
    case 'StartLeave':
      return of(command('StartLeave', { startDate: date, kind: pick(['parental', 'medical', 'other'] as const, a) }, policy));
    case 'EndLeave':
      return of(command('EndLeave', { endDate: date }, policy));
    case 'ChangeJob':
      return of(
        command(
          'ChangeJob',
          { ...(flag ? { level: pick(['L4', 'L5', 'L6'], a) } : { jobFamily: pick(['SDE', 'PM'], a) }), effectiveDate: date, reason: 'demotion' },
          policy,
        ),
      );
    case 'ChangePay': {
      // Plausible: inside the band of the employee's job that day; otherwise below it, far above it, or in another currency.
      const band = hiredOn ? policy.compensation?.bands[hiredOn.jobFamily]?.[hiredOn.level] : undefined;
      const amount = plausible && band ? band.min + (a % (band.max - band.min + 1)) : pick([0, 99_000_000_00, 150_000_00], a);
      const currency = plausible || flag ? 'USD' : 'EUR';
      return of(command('ChangePay', { effectiveDate: date, baseSalary: { amount, currency }, reason: pick(['review', 'adjustment'] as const, b) }, policy));
    }
    case 'GrantSignOn':
      return of(
        command(
          'GrantSignOn',
          {
            grantDate: date,
            currency: 'USD',
            instalments: [
              { payDate: plausible ? date : plusDays(date, -3), amount: 10_000_00 },
              { payDate: plusDays(date, 365), amount: 5_000_00 },
            ],
            ...(plausible || flag ? { clawback: { months: 12 + (b % 25) } } : {}),
          },
          policy,
        ),
      );
    case 'GrantEquity':
      return of(
        command(
          'GrantEquity',
          {
            grantId: pick(['eq-1', 'eq-2', 'eq-3'], a),
            kind: pick(['initial', 'refresher', 'promotion'] as const, b),
            grantDate: date,
            units: 100 + c,
            unitValue: { amount: 150_00, currency: 'USD' },
            ...(plausible ? {} : { vesting: [{ monthsAfterGrant: 12, share: flag ? 1 : 0.5 }] }),
          },
          policy,
        ),
      );
  }
}

// ---------------------------------------------------------------- running a scenario

interface Decision {
  command: EmployeeCommand;
  events: EmployeeEvent[];
  after: EmployeeState;
}

interface Run {
  policy: Policy;
  decisions: Decision[];
  events: EmployeeEvent[];
  state: EmployeeState;
  refused: Set<string>;
  /** Anything but a DomainError thrown by decide or evolve: the history stops there. */
  crash?: unknown;
}

/** The commands that rate a new hire at the promotion bar, or take them into Focus on the policy's single-rating trigger and on into Pivot. */
function prelude(start: Scenario['start'], policy: Policy): { commands: EmployeeCommand[]; cursor: string } {
  if (start === 'nothing') return { commands: [], cursor: HIRE_DATE };
  const hire = command('HireEmployee', hired().data, policy);
  if (start === 'hired') return { commands: [hire], cursor: HIRE_DATE };
  if (start === 'rated') {
    const rating = command(
      'ReceiveRating',
      { cycleId: 'c0', rating: policy.promotion.minGrade, calibrated: true, periodEnd: '2022-12-31', policy: policyRef(policy) },
      policy,
    );
    return { commands: [hire, rating], cursor: '2023-05-01' };
  }
  const trigger = policy.focus.triggers.find((t) => t.consecutive === 1);
  if (!trigger) throw new Error(`${policy.policyId} has no single-rating Focus trigger`);
  const focus = [
    hire,
    command('ReceiveRating', { cycleId: 'c0', rating: trigger.grades[0], calibrated: true, periodEnd: '2022-12-31', policy: policyRef(policy) }, policy),
    command('EnterFocus', { startDate: '2023-02-06', dueDate: '2023-04-07', reason: 'below the bar', goals: sampleGoals }, policy),
  ];
  if (start === 'focus') return { commands: focus, cursor: '2023-02-06' };
  const pivot = [
    ...focus,
    command('CloseFocus', { outcome: 'escalated', effectiveDate: '2023-04-07' }, policy),
    command('PlaceInPivot', { startDate: '2023-04-14', reason: 'Focus escalated' }, policy),
  ];
  return { commands: pivot, cursor: '2023-04-14' };
}

/** Applies the prelude and the steps; a DomainError skips the command, anything else thrown ends the run as a crash. */
function run(scenario: Scenario): Run {
  const policy = POLICIES[scenario.policy];
  let state = employeeDecider.initialState();
  const decisions: Decision[] = [];
  const refused = new Set<string>();
  let crash: unknown;
  const apply = (cmd: EmployeeCommand): boolean => {
    let events: EmployeeEvent[];
    let after: EmployeeState;
    try {
      events = employeeDecider.decide(cmd, state);
      after = events.reduce(employeeDecider.evolve, state);
    } catch (error) {
      if (error instanceof DomainError) refused.add(error.rule);
      else crash = error;
      return false;
    }
    state = after;
    decisions.push({ command: cmd, events, after });
    return true;
  };
  const start = prelude(scenario.start, policy);
  for (const cmd of start.commands) if (!apply(cmd)) throw new Error(`the ${scenario.start} prelude was refused at ${cmd.type}`);
  let cursor = start.cursor;
  for (const step of scenario.steps) {
    if (crash !== undefined) break;
    const { command: cmd, date } = toCommand(step, plusDays(cursor, step.delta), policy, state);
    if (apply(cmd) && date > cursor) cursor = date;
  }
  return { policy, decisions, events: decisions.flatMap((d) => d.events), state, refused, crash };
}

/**
 * One seed for the whole file, so that every invariant sees the same generated histories and each
 * history is simulated once (a failure prints the seed; FC_SEED=<seed> replays it, FC_RUNS=<n> runs more).
 */
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const simulated = new Map<string, Run>();
function runOnce(scenario: Scenario): Run {
  const key = JSON.stringify(scenario);
  let result = simulated.get(key);
  if (!result) simulated.set(key, (result = run(scenario)));
  return result;
}

/** An `it` that checks `invariant` on the history of every generated scenario. */
function invariant(name: string, check: (run: Run) => void): void {
  it(name, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => check(runOnce(scenario))),
      { numRuns: Number(process.env.FC_RUNS ?? 500), seed: SEED },
    );
  });
}

// ---------------------------------------------------------------- an oracle replay of the events

type Status = 'none' | 'active' | 'focus' | 'pivot' | 'separated';

function nextStatus(status: Status, event: EmployeeEvent): Status {
  switch (event.type) {
    case 'EmployeeHired':
    case 'EmployeeRehired':
    case 'FocusClosed':
      return 'active';
    case 'FocusEntered':
      return 'focus';
    case 'PivotPlaced':
      return 'pivot';
    case 'AppealDecided':
      return event.data.outcome === 'overturned' ? 'active' : status;
    case 'PivotClosed':
      return event.data.outcome === 'passed' ? 'active' : status;
    case 'EmployeeSeparated':
      return 'separated';
    default:
      return status;
  }
}

/** Walks the events with the status each one was recorded in. */
function walk(events: readonly EmployeeEvent[], visit: (event: EmployeeEvent, status: Status, index: number) => void): void {
  let status: Status = 'none';
  events.forEach((event, index) => {
    visit(event, status, index);
    status = nextStatus(status, event);
  });
}

const canonical = (policy: Policy, grade: string): string => {
  const aliases = policy.scale.aliases ?? {};
  return Object.prototype.hasOwnProperty.call(aliases, grade) ? aliases[grade] : grade;
};

const PIVOT_CAUSES: Record<string, string> = { BuyoutAccepted: 'pivot_buyout', AppealDecided: 'appeal_lost', PivotClosed: 'pivot_failed' };
function pivotCause(event: EmployeeEvent): string | undefined {
  if (event.type === 'BuyoutAccepted') return 'BuyoutAccepted';
  if (event.type === 'AppealDecided' && event.data.outcome === 'upheld') return 'AppealDecided';
  if (event.type === 'PivotClosed' && event.data.outcome === 'failed') return 'PivotClosed';
  return undefined;
}

// ---------------------------------------------------------------- the invariants
// Checked with plain conditions (jest's expect costs ~0.1 ms a call: too slow for 500 histories each).

function ensure(condition: unknown, message: string, details: Record<string, unknown> = {}): asserts condition {
  if (!condition) throw new Error(`${message} ${JSON.stringify(details)}`);
}

describe('any history of employee commands', () => {
  invariant('is refused only with a DomainError, never another exception', ({ crash }) => {
    ensure(crash === undefined, 'decide or evolve threw something other than a DomainError', {
      crash: String(crash),
      stack: (crash as Error | undefined)?.stack,
    });
  });

  invariant('starts with the one and only hire', ({ events }) => {
    if (events.length === 0) return;
    ensure(events[0].type === 'EmployeeHired', 'the first event is not the hire', { first: events[0].type });
    ensure(events.filter((e) => e.type === 'EmployeeHired').length === 1, 'hired more than once');
  });

  invariant('records nothing after EmployeeSeparated but the erasure of personal data or a rehire, and erases at most once', ({ events }) => {
    walk(events, (event, status, index) => {
      // What a voluntary exit owes back of a sign-on is appended with the separation, right after it.
      const owedOnExit = event.type === 'SignOnClawbackOwed' && ['EmployeeSeparated', 'SignOnClawbackOwed'].includes(events[index - 1]?.type);
      if (status === 'separated')
        ensure(event.type === 'PersonalDataErased' || event.type === 'EmployeeRehired' || owedOnExit, 'an event after the separation', {
          type: event.type,
        });
      if (event.type === 'EmployeeRehired') ensure(status === 'separated', `rehired while ${status}`);
    });
    ensure(events.filter((e) => e.type === 'PersonalDataErased').length <= 1, 'erased twice', {});
  });

  invariant('separates for a Pivot step in the same decision as its cause: involuntary, unregretted, with the reason of that step', ({ decisions }) => {
    for (const { command, events } of decisions) {
      const cause = events.find((e) => pivotCause(e) !== undefined);
      const separations = events.filter((e) => e.type === 'EmployeeSeparated');
      if (cause) {
        const causeDate = 'effectiveDate' in cause.data ? cause.data.effectiveDate : (cause.data as { decidedAt: string }).decidedAt.slice(0, 10);
        const separation = events.at(-1);
        ensure(separations.length === 1 && separation?.type === 'EmployeeSeparated', 'a Pivot step without its separation in the same decision', { events });
        const { type, regretted, regrettedSource, reason, effectiveDate } = separation.data;
        ensure(
          type === 'involuntary' && regretted === false && regrettedSource === 'policy' && reason === PIVOT_CAUSES[cause.type] && effectiveDate === causeDate,
          'a Pivot separation that is not involuntary, unregretted, with the reason and date of its cause',
          { events },
        );
      } else {
        ensure(separations.length === 0 || command.type === 'SeparateEmployee', 'a separation without a cause', { command: command.type, events });
      }
    }
  });

  invariant('decides regretted by policy only when the caller did not say', ({ decisions, policy }) => {
    for (const { command, events } of decisions) {
      if (command.type !== 'SeparateEmployee') continue;
      const [separated, ...owed] = events;
      ensure(separated?.type === 'EmployeeSeparated' && owed.every((e) => e.type === 'SignOnClawbackOwed'), 'a separation command that did not separate', {
        events,
      });
      ensure(owed.length === 0 || separated.data.type === 'voluntary', 'a clawback on an exit that was not voluntary', { events });
      // Never more than was paid by the last day, never nothing.
      const signOns = decisions.flatMap((d) => d.events).filter((e) => e.type === 'SignOnBonusGranted');
      for (const claw of owed) {
        if (claw.type !== 'SignOnClawbackOwed') continue;
        const paid = signOns
          .filter((g) => g.data.grantDate === claw.data.grantDate)
          .flatMap((g) => g.data.instalments)
          .filter((i) => i.payDate <= separated.data.effectiveDate)
          .reduce((sum, i) => sum + i.amount, 0);
        ensure(claw.data.owed.amount > 0 && claw.data.owed.amount <= paid, 'a clawback of nothing or of more than was paid', { claw, paid });
      }
      const { regretted, regrettedSource, lastGrade } = separated.data;
      if (command.data.regretted !== undefined) {
        ensure(regretted === command.data.regretted && regrettedSource === 'caller', "the caller's regretted was not kept", {
          command: command.data,
          separated: separated.data,
        });
      } else {
        // Every type of exit, voluntary or not, follows the policy's line.
        const codes = policy.scale.grades.map((g) => g.code);
        const rank = lastGrade === undefined ? -1 : codes.indexOf(canonical(policy, lastGrade));
        const forCause = command.data.reasonCode === 'misconduct' || command.data.reasonCode === 'probation';
        const expected = !forCause && (lastGrade === undefined || (rank >= 0 && rank <= codes.indexOf(policy.attrition.regrettedIfLastGradeAtLeast)));
        ensure(regretted === expected && regrettedSource === 'policy', "a leaver's regretted does not follow the policy's line", {
          separated: separated.data,
        });
      }
    }
  });

  invariant('never transfers, nominates or promotes during Pivot, nor nominates or promotes during Focus; flags a transfer during Focus', ({ events }) => {
    walk(events, (event, status) => {
      if (event.type === 'EmployeeTransferred') {
        ensure(status !== 'pivot', 'transferred during Pivot');
        ensure(event.data.duringFocus === (status === 'focus'), 'duringFocus does not match the status', { status, duringFocus: event.data.duringFocus });
      }
      if (event.type === 'PromotionNominated' || event.type === 'Promoted') ensure(status === 'active', `${event.type} while ${status}`);
    });
  });

  invariant("enters Focus only when the policy's trigger is met by the latest final ratings, each rating used once", ({ events, policy }) => {
    let ratings: { cycleId: string; periodEnd: string; grade: string }[] = [];
    const used = new Set<string>();
    walk(events, (event, status) => {
      // A new employment period is judged on its own ratings.
      if (event.type === 'EmployeeRehired') ratings = [];
      // "Latest" is by the cycle's period, not by delivery.
      if (event.type === 'RatingReceived') {
        const { cycleId, periodEnd, rating } = event.data;
        ratings = [...ratings.filter((r) => r.cycleId !== cycleId), { cycleId, periodEnd, grade: rating }].sort(
          (a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.cycleId.localeCompare(b.cycleId),
        );
      }
      if (event.type !== 'FocusEntered') return;
      ensure(status === 'active', `entered Focus while ${status}`);
      const { triggeredBy } = event.data;
      const met = policy.focus.triggers.some((trigger) => {
        const latest = ratings.slice(-trigger.consecutive);
        const wanted = trigger.grades.map((g) => canonical(policy, g));
        return (
          latest.length === trigger.consecutive &&
          latest.every((r) => wanted.includes(canonical(policy, r.grade))) &&
          latest.map((r) => r.cycleId).join('|') === triggeredBy.join('|')
        );
      });
      ensure(met, 'entered Focus without the trigger', { ratings, triggeredBy });
      for (const cycleId of triggeredBy) {
        ensure(!used.has(cycleId), 'one rating triggered two Focuses', { cycleId });
        used.add(cycleId);
      }
    });
  });

  invariant("sets every Focus due date inside the policy's window", ({ events, policy }) => {
    for (const event of events) {
      if (event.type !== 'FocusEntered') continue;
      const days = daysFrom(event.data.startDate, event.data.dueDate);
      ensure(days >= policy.focus.minDays && days <= policy.focus.maxDays, 'Focus outside the window', { days, focus: policy.focus });
    }
  });

  invariant('updates only goals of the Focus in progress, each goal id once per Focus', ({ events }) => {
    let goalIds: string[] = [];
    walk(events, (event, status) => {
      if (event.type === 'FocusEntered') {
        goalIds = event.data.goals.map((g) => g.goalId);
        ensure(new Set(goalIds).size === goalIds.length, 'a Focus with a duplicated goal id', { goalIds });
      }
      if (event.type === 'FocusGoalUpdated') {
        ensure(status === 'focus', `a goal updated while ${status}`);
        ensure(goalIds.includes(event.data.goalId), 'a goal the Focus does not have was updated', { goalIds, goalId: event.data.goalId });
      }
    });
  });

  invariant('places in Pivot only after the latest Focus closed escalated, when the policy requires it; each escalation used once', ({ events, policy }) => {
    let latestFocus: 'none' | 'open' | 'succeeded' | 'escalated' | 'used' = 'none';
    walk(events, (event, status) => {
      if (event.type === 'FocusEntered') latestFocus = 'open';
      if (event.type === 'FocusClosed') latestFocus = event.data.outcome;
      if (event.type === 'PivotPlaced') {
        ensure(status !== 'pivot', 'placed in Pivot twice');
        ensure(!policy.pivot.requiresEscalatedFocus || latestFocus === 'escalated', 'placed in Pivot without an escalated Focus', { latestFocus });
        latestFocus = 'used';
      }
    });
  });

  invariant('chooses one Pivot option, inside the choice window, with a plan inside the plan window', ({ events, policy }) => {
    let pivotStart = '';
    let chosen = false;
    walk(events, (event, status) => {
      if (event.type === 'PivotPlaced') {
        pivotStart = event.data.startDate;
        chosen = false;
        const deadline = plusWorkdays(pivotStart, policy.pivot.choiceWindowBusinessDays);
        ensure(event.data.choiceDeadline === deadline, 'wrong choice deadline', { pivot: event.data, deadline });
      }
      if (event.type !== 'PivotOptionChosen') return;
      const { effectiveDate, option, planDueDate } = event.data;
      ensure(status === 'pivot' && !chosen, 'a second option, or one outside Pivot', { status });
      chosen = true;
      ensure(effectiveDate >= pivotStart && effectiveDate <= plusWorkdays(pivotStart, policy.pivot.choiceWindowBusinessDays), 'chosen outside the window', {
        pivotStart,
        effectiveDate,
      });
      if (option === 'improvement_plan') {
        const days = planDueDate === undefined ? NaN : daysFrom(effectiveDate, planDueDate);
        ensure(days >= policy.pivot.planMinDays && days <= policy.pivot.planMaxDays, 'a plan outside its window', { days });
      } else {
        ensure(planDueDate === undefined && event.data.goals === undefined, 'plan fields without a plan', { data: event.data });
      }
    });
  });

  invariant(
    'records a lapsed choice window once per Pivot, only with no option chosen, on the first business day after the deadline',
    ({ decisions, policy }) => {
      let deadline = '';
      let chosen = false;
      let lapsed = false;
      for (const { command, events } of decisions) {
        for (const event of events) {
          if (event.type === 'PivotPlaced')
            [deadline, chosen, lapsed] = [plusWorkdays(event.data.startDate, policy.pivot.choiceWindowBusinessDays), false, false];
          if (event.type === 'PivotOptionChosen') chosen = true;
          if (event.type !== 'PivotChoiceWindowLapsed') continue;
          ensure(command.type === 'RecordPivotChoiceLapse' && events.length === 1, 'a lapse recorded by another command, or with other events', {
            command: command.type,
          });
          ensure(!chosen && !lapsed, 'a lapse after an option was chosen, or recorded twice', { chosen, lapsed });
          const lapsedOn = plusWorkdays(deadline, 1);
          ensure(
            event.data.choiceDeadline === deadline &&
              event.data.lapsedOn === lapsedOn &&
              command.data.businessDate >= lapsedOn &&
              event.data.onLapse === 'record',
            'a lapse on the wrong day',
            { lapse: event.data, deadline, businessDate: command.data.businessDate },
          );
          lapsed = true;
        }
      }
    },
  );

  invariant('promotes only on an open nomination, to the nominated level, once', ({ events, state }) => {
    const open = new Map<string, string>();
    const decided = new Set<string>();
    let level: string | undefined;
    for (const event of events) {
      if (event.type === 'EmployeeHired') level = event.data.level;
      if (event.type === 'JobChanged') level = event.data.toLevel;
      if (event.type === 'EmployeeRehired') {
        level = event.data.level;
        for (const [promotionId] of open) decided.add(promotionId);
        open.clear();
      }
      if (event.type === 'PromotionNominated') {
        ensure(!open.has(event.data.promotionId) && !decided.has(event.data.promotionId), 'a promotion id nominated twice', {
          promotionId: event.data.promotionId,
        });
        open.set(event.data.promotionId, event.data.toLevel);
      }
      if (event.type === 'PromotionDecided') {
        ensure(open.has(event.data.promotionId), 'a decision on no open nomination', { promotionId: event.data.promotionId });
        decided.add(event.data.promotionId);
        if (!event.data.approved) open.delete(event.data.promotionId);
      }
      if (event.type === 'Promoted') {
        ensure(event.data.toLevel === open.get(event.data.promotionId) && event.data.fromLevel === level, 'promoted to a level not nominated', {
          promoted: event.data,
          level,
        });
        level = event.data.toLevel;
        open.delete(event.data.promotionId);
      }
    }
    ensure(state.status === 'none' || state.level === level, 'the state level is not the last promotion, job change or rehire', { level });
  });

  invariant('dates nothing before the hire date of its employment period', ({ events }) => {
    let hireDate: string | undefined;
    for (const event of events) {
      if (event.type === 'EmployeeHired' || event.type === 'EmployeeRehired') hireDate = event.data.hireDate;
      if (hireDate === undefined) continue;
      for (const field of ['effectiveDate', 'startDate', 'decidedAt'] as const) {
        const value = (event.data as Record<string, unknown>)[field];
        ensure(typeof value !== 'string' || value.slice(0, 10) >= hireDate, `${event.type}.${field} before the hire date`, { value, hireDate });
      }
    }
  });

  invariant('keeps a state whose status agrees with replaying the events, and equals their fold', ({ decisions, state }) => {
    let status: Status = 'none';
    for (const { events, after } of decisions) {
      for (const event of events) status = nextStatus(status, event);
      ensure(after.status === status, 'the state status disagrees with the events', { state: after.status, replayed: status });
    }
    expect(state).toEqual(
      fold(
        employeeDecider,
        decisions.flatMap((d) => d.events),
      ),
    );
  });
});

describe('the generator', () => {
  // Without this, a generator that never reaches Pivot or a promotion would let the invariants pass vacuously.
  const sample = fc.sample(scenarioArb, { numRuns: 500, seed: 20240503 }).map(run);
  const count = (values: string[]): Map<string, number> => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

  it('gets every command type accepted and refused, in 500 histories', () => {
    const accepted = count(sample.flatMap((r) => r.decisions.map((d) => d.command.type)));
    expect(Object.keys(WEIGHTS).filter((type) => (accepted.get(type) ?? 0) < 5)).toEqual([]);
    const refused = new Set(sample.flatMap((r) => [...r.refused]));
    expect(refused.size).toBeGreaterThanOrEqual(40);
  });

  it('records every event type and every Pivot outcome at least 5 times in 500 histories', () => {
    const events = sample.flatMap((r) => r.events);
    const types = count(events.map((e) => e.type));
    const outcomes = count(
      events.flatMap((e) =>
        e.type === 'EmployeeSeparated'
          ? [e.data.reason]
          : e.type === 'AppealDecided'
            ? [`appeal ${e.data.outcome}`]
            : e.type === 'PivotClosed'
              ? [`plan ${e.data.outcome}`]
              : [],
      ),
    );
    const eventTypes = [
      'EmployeeHired',
      'ManagerChanged',
      'EmployeeTransferred',
      'EmployeeSeparated',
      'FeedbackRecorded',
      'RatingReceived',
      'FocusEntered',
      'FocusGoalUpdated',
      'FocusClosed',
      'PivotPlaced',
      'PivotOptionChosen',
      'BuyoutAccepted',
      'AppealDecided',
      'PivotClosed',
      'PromotionNominated',
      'PromotionDecided',
      'Promoted',
      'EmployeeRehired',
      'LeaveStarted',
      'LeaveEnded',
      'JobChanged',
      'BaseSalaryChanged',
      'SignOnBonusGranted',
      'EquityGranted',
      'SignOnClawbackOwed',
    ];
    expect(eventTypes.filter((type) => (types.get(type) ?? 0) < 5)).toEqual([]);
    expect(['pivot_buyout', 'appeal_lost', 'pivot_failed', 'appeal overturned', 'plan passed'].filter((o) => (outcomes.get(o) ?? 0) < 5)).toEqual([]);
  });
});
