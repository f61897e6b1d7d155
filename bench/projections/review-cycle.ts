import { reviewCycleStreamId } from '@pm/domain';
import { isActive, levelName, type Company, type Person } from './company';
import { dateOf, POLICY_REF, type DomainFact, type EventRecorder, type StreamBatch } from './recorded-events';
import type { SeededRandom } from './seeded-random';

export interface CycleDates {
  cycleId: string;
  name: string;
  /** Day numbers. */
  periodStart: number;
  periodEnd: number;
}

/** Best first, with the manager's proposal shares (calibration then moves some, mostly towards the curve's 20% TT / 6% LE). */
const PROPOSED_SHARES: [grade: string, share: number][] = [
  ['TT', 0.18],
  ['HV1', 0.27],
  ['HV2', 0.33],
  ['HV3', 0.17],
  ['LE', 0.05],
];
const GRADES = PROPOSED_SHARES.map(([grade]) => grade);
const CALIBRATED_SHARE = 0.1;
const SELF_ASSESSED_SHARE = 0.7;
/** Where a calibration moves a grade, and how likely each way is. */
const CALIBRATION_MOVES: Record<string, [to: string, weight: number][]> = {
  TT: [['HV1', 1]],
  HV1: [
    ['TT', 0.5],
    ['HV2', 0.5],
  ],
  HV2: [
    ['HV1', 0.4],
    ['HV3', 0.6],
  ],
  HV3: [
    ['LE', 0.45],
    ['HV2', 0.55],
  ],
  LE: [['HV3', 1]],
};
export const LEADERSHIP_PRINCIPLES = [
  'customer-obsession',
  'ownership',
  'invent-and-simplify',
  'are-right-a-lot',
  'learn-and-be-curious',
  'hire-and-develop-the-best',
  'insist-on-the-highest-standards',
  'think-big',
  'bias-for-action',
  'frugality',
  'earn-trust',
  'dive-deep',
  'have-backbone',
  'deliver-results',
  'strive-to-be-best-employer',
  'success-and-scale-bring-broad-responsibility',
];

const FINALIZED_AFTER_DAYS = 20;

export const finalizedDay = (cycle: CycleDates): number => cycle.periodEnd + FINALIZED_AFTER_DAYS;

interface Rated {
  person: Person;
  score: number;
  proposed: string;
  calibrated?: { rating: string; rank: number; groupId: string };
}

/**
 * One review cycle on its own stream, as the API records it: opened, self-assessments, a proposal
 * for everyone employed (but the chief), some calibrations, then the finalization with every final
 * rating. Each rated person is left a rating to deliver to their own stream.
 */
export function* reviewCycle(cycle: CycleDates, company: Company, random: SeededRandom, recorder: EventRecorder): Generator<StreamBatch> {
  const streamId = reviewCycleStreamId(cycle.cycleId);
  const { cycleId, periodEnd } = cycle;
  const rated = rateEveryone(cycle, company, random);

  const opened = recorder.command(periodEnd - 14, [
    {
      type: 'ReviewCycleOpened',
      data: { cycleId, name: cycle.name, periodStart: dateOf(cycle.periodStart), periodEnd: dateOf(periodEnd), policy: POLICY_REF },
    },
  ]);
  const selfAssessments = rated
    .filter(() => random.chance(SELF_ASSESSED_SHARE))
    .flatMap(({ person }) =>
      recorder.command(periodEnd - random.int(1, 13), [
        { type: 'SelfAssessmentSubmitted', data: { cycleId, employeeId: person.id, text: random.sealed(random.int(400, 900)) } },
      ]),
    );
  yield { streamId, events: [...opened, ...selfAssessments] };

  yield {
    streamId,
    events: rated.flatMap((r) => recorder.command(periodEnd + random.int(1, 10), [proposal(cycleId, r, random)])),
  };

  calibrate(rated, random);
  yield {
    streamId,
    events: rated
      .filter((r) => r.calibrated)
      .flatMap((r) => {
        const { rating, rank, groupId } = r.calibrated!;
        const data = { cycleId, employeeId: r.person.id, fromRating: r.proposed, rating, rank, groupId, rationale: random.sealed(random.int(120, 300)) };
        return recorder.command(periodEnd + random.int(11, 16), [{ type: 'RatingCalibrated', data }]);
      }),
  };

  const sorted = [...rated].sort((a, b) => (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0));
  const finalized: DomainFact[] = sorted.map((r) => ({
    type: 'RatingFinalized',
    data: {
      cycleId,
      employeeId: r.person.id,
      rating: r.calibrated?.rating ?? r.proposed,
      calibrated: r.calibrated !== undefined,
      rank: r.calibrated?.rank,
      groupId: r.calibrated?.groupId,
      periodEnd: dateOf(periodEnd),
      policy: POLICY_REF,
    },
  }));
  const events = recorder.command(finalizedDay(cycle), [{ type: 'ReviewCycleFinalized', data: { cycleId, ratedEmployees: sorted.length } }, ...finalized]);
  sorted.forEach((r, i) => {
    const rating = r.calibrated?.rating ?? r.proposed;
    r.person.lastGrade = rating;
    r.person.delivery = { cycleId, rating, calibrated: r.calibrated !== undefined, periodEnd: dateOf(periodEnd), finalizedEventId: events[i + 1].id };
  });
  yield { streamId, events };
}

/** Everyone employed a month before the period ends, but the chief, ranked by talent and luck. */
function rateEveryone(cycle: CycleDates, company: Company, random: SeededRandom): Rated[] {
  const people = company.people.filter((p) => isActive(p) && p.role !== 'chief' && p.hireDay <= cycle.periodEnd - 30);
  const scored = people.map((person) => ({ person, score: person.talent * 0.75 + random.next() * 0.25, proposed: '' }));
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  let grade = 0;
  let upTo = PROPOSED_SHARES[0][1];
  ranked.forEach((r, i) => {
    while (i >= upTo * ranked.length && grade < PROPOSED_SHARES.length - 1) upTo += PROPOSED_SHARES[++grade][1];
    // Org heads are not put below the bar here: their exits are not part of this model.
    r.proposed = r.person.role === 'head' ? GRADES[Math.min(grade, 2)] : GRADES[grade];
  });
  return scored;
}

function proposal(cycleId: string, r: Rated, random: SeededRandom): DomainFact {
  const gradeIndex = GRADES.indexOf(r.proposed);
  const missed = random.sample(LEADERSHIP_PRINCIPLES, Math.max(0, gradeIndex - 1 + random.int(0, 1)));
  const met = random.sample(
    LEADERSHIP_PRINCIPLES.filter((p) => !missed.includes(p)),
    random.int(3, 6),
  );
  return {
    type: 'RatingProposed',
    data: {
      cycleId,
      employeeId: r.person.id,
      managerId: r.person.managerId,
      rating: r.proposed,
      principles: { met, missed },
      narrative: random.sealed(random.int(300, 700)),
    },
  };
}

/** Calibration sessions per org and level: some ratings move, with their rank in the group. */
function calibrate(rated: Rated[], random: SeededRandom): void {
  const groups = new Map<string, Rated[]>();
  for (const r of rated) {
    const groupId = `${r.person.orgId}-${levelName(r.person.level)}`;
    let members = groups.get(groupId);
    if (!members) groups.set(groupId, (members = []));
    members.push(r);
  }
  for (const [groupId, members] of groups) {
    const ranked = [...members].sort((a, b) => b.score - a.score);
    ranked.forEach((r, i) => {
      if (!random.chance(CALIBRATED_SHARE)) return;
      let rating = weighted(CALIBRATION_MOVES[r.proposed], random);
      if (r.person.role === 'head' && rating === 'LE') rating = 'HV3';
      r.calibrated = { rating, rank: i + 1, groupId };
    });
  }
}

function weighted(options: [string, number][], random: SeededRandom): string {
  let roll = random.next();
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1][0];
}
