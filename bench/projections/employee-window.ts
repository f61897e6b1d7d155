import { DEFAULT_POLICY, monthsBetween, regrettedByPolicy } from '@pm/domain';
import { step, type CareerStep } from './career-step';
import { levelName, TOP_IC_LEVEL, type Company, type Person, type Team } from './company';
import { focusAndPivot } from './focus-and-pivot';
import { dateOf, POLICY_REF, type EventRecorder, type StreamBatch } from './recorded-events';
import { LEADERSHIP_PRINCIPLES } from './review-cycle';
import type { SeededRandom } from './seeded-random';

/** The stretch between two review cycles in which everything else in a career happens. */
export interface CareerWindow {
  /** Day numbers: from the finalization of the last cycle (its ratings are delivered that day) to shortly before the next one opens. */
  start: number;
  end: number;
  /** The cycle ahead, which 360 feedback is collected for; none once the history ends. */
  upcoming?: { cycleId: string; periodEnd: number };
}

const POLICY = { ...DEFAULT_POLICY, version: 1 };
/** Per window (half a year), before the adjustments below: ~9% a year leave on their own. */
const QUITS = 0.045;
const QUIT_FACTOR: Record<string, number> = { TT: 0.7, HV1: 0.8, HV2: 1, HV3: 1.5, LE: 2 };
const PROMOTION_NOMINATED: Record<string, number> = { TT: 0.3, HV1: 0.12 };
const PROMOTION_APPROVED = 0.8;
const TRANSFERS = 0.02;
const REORGS = 0.04;
const ANYTIME_FEEDBACK = 0.3;
const PEER_REVIEWS = 3;
const PEER_REVIEW_GIVEN = 0.85;
const YEAR = 365;

/**
 * One person's events in a window, as one batch for their stream: the rating of the last cycle
 * delivered, then Focus and Pivot after a below-bar rating or else the ordinary career (moves,
 * promotions, quitting), feedback from colleagues, and a new manager if theirs left. A manager who
 * leaves is replaced at once; the replacement's hire is added to `hires`.
 */
export function employeeWindow(
  person: Person,
  window: CareerWindow,
  company: Company,
  random: SeededRandom,
  recorder: EventRecorder,
  hires: StreamBatch[],
): StreamBatch | undefined {
  const steps: CareerStep[] = [];
  const delivery = person.delivery;
  person.delivery = undefined;
  if (delivery) {
    const { cycleId, rating, calibrated, periodEnd } = delivery;
    const data = { employeeId: person.id, cycleId, rating, calibrated, periodEnd, policy: POLICY_REF };
    steps.push(
      step(window.start, () => [{ type: 'RatingReceived', data }], { occurredAt: `${periodEnd}T00:00:00.000Z`, causationId: delivery.finalizedEventId }),
    );
  }
  if (window.upcoming) {
    const belowBar = delivery?.rating === 'LE' && (person.role === 'ic' || person.role === 'manager');
    steps.push(...(belowBar ? focusAndPivot(person, delivery.cycleId, window.start, company, random) : career(person, window, company, random)));
    steps.push(...feedback(person, window, company, random));
    if (person.role === 'ic' && person.team?.newManagerDay !== undefined) steps.push(newManager(person, person.team));
  }
  const events = company.takeBacklog(person);
  for (const s of steps.sort((a, b) => a.day - b.day)) {
    const facts = s.facts();
    if (facts.length === 0) continue;
    events.events.push(...recorder.command(s.day, facts, { occurredAt: s.occurredAt, causationId: s.causationId }));
    s.after?.();
    if (s.separates) {
      person.separatedDay = s.day;
      if (person.role === 'manager' && person.team) hires.push(company.takeBacklog(company.replaceManager(person.team, s.day + 7)));
      break;
    }
  }
  return events.events.length > 0 ? events : undefined;
}

function career(person: Person, window: CareerWindow, company: Company, random: SeededRandom): CareerStep[] {
  const steps: CareerStep[] = [];
  if (person.role === 'ic') {
    const move = random.next();
    const nominationChance = PROMOTION_NOMINATED[person.lastGrade ?? ''] ?? 0;
    if (move < nominationChance && person.level < TOP_IC_LEVEL) steps.push(...promotion(person, window, company, random));
    else if (move < nominationChance + TRANSFERS) steps.push(...transfer(person, window, company, random));
    else if (move < nominationChance + TRANSFERS + REORGS) steps.push(...reorg(person, window, company, random));
  }
  if ((person.role === 'ic' || person.role === 'manager') && random.chance(quitChance(person, window.start))) {
    const day = random.int(window.start + 1, window.end - 8);
    const quit = () => [
      {
        type: 'EmployeeSeparated',
        data: {
          employeeId: person.id,
          type: 'voluntary',
          reason: random.sealed(random.int(40, 160)),
          regretted: regrettedByPolicy(POLICY, person.lastGrade),
          regrettedSource: 'policy',
          lastGrade: person.lastGrade,
          effectiveDate: dateOf(day),
        },
      },
    ];
    steps.push(step(day, quit, { separates: true }));
  }
  return steps;
}

/** Top performers leave more often once their initial grant has vested (the year-5 cliff). */
function quitChance(person: Person, day: number): number {
  const tenure = (day - person.hireDay) / YEAR;
  const cliff = person.lastGrade === 'TT' && tenure >= 4 && tenure < 5 ? 2.5 : 1;
  const managers = person.role === 'manager' ? 0.7 : 1;
  return QUITS * (QUIT_FACTOR[person.lastGrade ?? ''] ?? 1) * cliff * managers;
}

function promotion(person: Person, window: CareerWindow, company: Company, random: SeededRandom): CareerStep[] {
  const nominated = random.int(window.start + 10, window.end - 40);
  if (monthsBetween(dateOf(person.levelSinceDay), dateOf(nominated)) < POLICY.promotion.minMonthsInLevel) return [];
  const decided = nominated + random.int(21, 35);
  const promotionId = random.uuid();
  const approved = random.chance(PROMOTION_APPROVED);
  const fromLevel = levelName(person.level);
  const toLevel = levelName(person.level + 1);
  const nominate = () => [
    {
      type: 'PromotionNominated',
      data: { employeeId: person.id, promotionId, fromLevel, toLevel, nominatedBy: person.managerId, document: random.sealed(random.int(1500, 3000)) },
    },
  ];
  const decide = () => {
    const panel = [0, 1, 2].map(() => company.colleagueOf(person, [person.managerId]).id);
    const decision = {
      type: 'PromotionDecided',
      data: { employeeId: person.id, promotionId, approved, panel: [...new Set(panel)], effectiveDate: dateOf(decided) },
    };
    return approved
      ? [decision, { type: 'Promoted', data: { employeeId: person.id, promotionId, fromLevel, toLevel, effectiveDate: dateOf(decided) } }]
      : [decision];
  };
  const promoted = () => {
    if (!approved) return;
    person.level += 1;
    person.levelSinceDay = decided;
  };
  return [step(nominated, nominate), step(decided, decide, { after: promoted })];
}

function transfer(person: Person, window: CareerWindow, company: Company, random: SeededRandom): CareerStep[] {
  const team = company.settledTeam(person.team);
  if (!team || team.orgId === person.orgId) return [];
  const day = random.int(window.start + 1, window.end - 1);
  const facts = () => [
    {
      type: 'EmployeeTransferred',
      data: {
        employeeId: person.id,
        fromOrgId: person.orgId,
        toOrgId: team.orgId,
        fromManagerId: person.managerId,
        toManagerId: team.managerId,
        effectiveDate: dateOf(day),
        duringFocus: false,
      },
    },
  ];
  return [step(day, facts, { after: () => joinTeam(person, team) })];
}

function reorg(person: Person, window: CareerWindow, company: Company, random: SeededRandom): CareerStep[] {
  const team = company.settledTeam(person.team, person.orgId);
  if (!team || team.managerId === person.managerId) return [];
  const day = random.int(window.start + 1, window.end - 1);
  const facts = () => [
    { type: 'ManagerChanged', data: { employeeId: person.id, fromManagerId: person.managerId, toManagerId: team.managerId, effectiveDate: dateOf(day) } },
  ];
  return [step(day, facts, { after: () => joinTeam(person, team) })];
}

/** Their manager left this window: the team's new manager takes them over, if they are still in that team. */
function newManager(person: Person, team: Team): CareerStep {
  const day = team.newManagerDay!;
  const facts = () =>
    person.team === team && person.managerId !== team.managerId
      ? [{ type: 'ManagerChanged', data: { employeeId: person.id, fromManagerId: person.managerId, toManagerId: team.managerId, effectiveDate: dateOf(day) } }]
      : [];
  return step(day, facts, { after: () => (person.managerId = team.managerId) });
}

function joinTeam(person: Person, team: Team): void {
  person.team = team;
  person.orgId = team.orgId;
  person.managerId = team.managerId;
}

function feedback(person: Person, window: CareerWindow, company: Company, random: SeededRandom): CareerStep[] {
  const steps: CareerStep[] = [];
  const given = (day: number, kind: 'peer360' | 'anytime', cycleId?: string) =>
    step(day, () => {
      const from = company.colleagueOf(person);
      const principles = random.chance(0.6) ? random.sample(LEADERSHIP_PRINCIPLES, random.int(1, 2)) : undefined;
      const data = {
        employeeId: person.id,
        fromEmployeeId: from.id,
        kind,
        sentiment: sentiment(person, random),
        principles,
        text: random.sealed(random.int(150, 600)),
        cycleId,
      };
      return [{ type: 'FeedbackRecorded', data }];
    });
  if (random.chance(ANYTIME_FEEDBACK)) steps.push(given(random.int(window.start + 1, window.end), 'anytime'));
  const upcoming = window.upcoming;
  if (upcoming && person.role !== 'chief') {
    for (let i = 0; i < PEER_REVIEWS; i++) {
      if (random.chance(PEER_REVIEW_GIVEN)) steps.push(given(random.int(upcoming.periodEnd - 45, window.end), 'peer360', upcoming.cycleId));
    }
  }
  return steps;
}

function sentiment(person: Person, random: SeededRandom): 'positive' | 'neutral' | 'negative' {
  const roll = random.next();
  if (roll < 0.35 + 0.55 * person.talent) return 'positive';
  return roll > 0.96 - 0.12 * (1 - person.talent) ? 'negative' : 'neutral';
}
