import { gradeRank, isAtLeast, isBelowBar, toDayNumber, type EmployeeState, type PayBand, type Policy, type VestingStep } from '@pm/domain';
import { addMonths, dateOf } from './calendar';
import type { Person } from './org-chart';
import type { Simulation } from './simulation';

/** Sign-on instalments: one month and thirteen months after the hire (years 1 and 2), each owed back pro rata for 12 months. */
export const SIGN_ON_INSTALMENT_MONTHS = [1, 13] as const;
export const SIGN_ON_CLAWBACK_MONTHS = 12;
/** Every grant is priced at $100 a unit (cents); the stock does not move (the policies' `assumedStockGrowth` is 0). */
export const UNIT_VALUE = 10_000;
const YEAR = 365;

/** What the simulator has granted one person: the base in force, and every sign-on instalment and vest still ahead or within the last year. */
export interface PayTrack {
  currency: string;
  /** Annual base in force, minor units. */
  base: number;
  /** Cash and vests by day, minor units (vests at grant value). */
  payouts: { day: number; amount: number }[];
}

type Employed = Exclude<EmployeeState, { status: 'none' }>;

/** The band of a job family and level under the policy; none when the policy has no compensation section or no such band. */
export function bandOf(policy: Policy, jobFamily: string, level: string): PayBand | undefined {
  return policy.compensation?.bands[jobFamily]?.[level];
}

/** Read defensively: `compensation.refreshers.grades` (share of the band's max per final grade) is newer than some policies. */
export function refresherShares(policy: Policy): Record<string, number> {
  const compensation = policy.compensation as unknown as { refreshers?: { grades?: Record<string, number> } } | undefined;
  return compensation?.refreshers?.grades ?? {};
}

/** The highest base the decider allows now: the band's max, or topGradeCap.share × max after the required top grades in a row. */
export function allowedMax(policy: Policy, state: Employed, band: PayBand): number {
  const cap = policy.compensation?.topGradeCap;
  if (!cap) return band.max;
  const best = policy.scale.grades[0]?.code;
  const latest = state.ratings.slice(-cap.consecutive).map((r) => policy.scale.aliases?.[r.rating] ?? r.rating);
  const capped = latest.length === cap.consecutive && latest.every((g) => g === best);
  return capped ? Math.round(cap.share * band.max) : band.max;
}

/** Whole dollars (the amounts are cents), kept inside [min, max]. */
const dollars = (cents: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(cents / 100) * 100));

const dayAfterMonths = (day: number, months: number): number => toDayNumber(addMonths(dateOf(day), months));

/** A grant of `value` cents on `day` (kind initial, refresher or promotion) on the policy's default vesting; tracked as its vests. */
function grant(sim: Simulation, person: Person, kind: 'initial' | 'refresher' | 'promotion', grantId: string, value: number, day: number): void {
  const track = person.pay as PayTrack;
  const units = Math.round(value / UNIT_VALUE);
  if (units <= 0) return;
  sim.act(
    person,
    { type: 'GrantEquity', data: { grantId, kind, grantDate: dateOf(day), units, unitValue: { amount: UNIT_VALUE, currency: track.currency } } },
    day,
  );
  const vesting: VestingStep[] = sim.policy.compensation?.vesting ?? [];
  for (const step of vesting) track.payouts.push({ day: dayAfterMonths(day, step.monthsAfterGrant), amount: Math.round(units * UNIT_VALUE * step.share) });
}

function changeBase(sim: Simulation, person: Person, amount: number, reason: 'hire' | 'review' | 'promotion', day: number): void {
  const track = person.pay as PayTrack;
  sim.act(person, { type: 'ChangePay', data: { effectiveDate: dateOf(day), baseSalary: { amount, currency: track.currency }, reason } }, day);
  track.base = amount;
}

/**
 * At the hire: a base in the lower-middle of the band (`hireBandPosition` of the way from min to
 * max, uniform), a sign-on of `signOnShareOfBase` × base paid in two halves (SIGN_ON_INSTALMENT_MONTHS)
 * with a 12-month clawback, and an initial grant worth `initialGrantShareOfBandMax` × the band's max.
 * Nothing under a policy without compensation.
 */
export function payAtHire(sim: Simulation, person: Person, day: number): void {
  const state = sim.employee(person);
  const band = bandOf(sim.policy, state.jobFamily, state.level);
  if (!band) return;
  const { params, payRandom } = sim;
  const [low, high] = params.hireBandPosition;
  const position = low + payRandom.next() * (high - low);
  const base = dollars(band.min + position * (band.max - band.min), band.min, band.max);
  person.pay = { currency: band.currency, base, payouts: [] };
  changeBase(sim, person, base, 'hire', day);
  const signOn = Math.round((base * params.signOnShareOfBase) / 2 / 100) * 100;
  if (signOn > 0) {
    const instalments = SIGN_ON_INSTALMENT_MONTHS.map((months) => ({ day: dayAfterMonths(day, months), amount: signOn }));
    sim.act(
      person,
      {
        type: 'GrantSignOn',
        data: {
          grantDate: dateOf(day),
          currency: band.currency,
          instalments: instalments.map((i) => ({ payDate: dateOf(i.day), amount: i.amount })),
          clawback: { months: SIGN_ON_CLAWBACK_MONTHS },
        },
      },
      day,
    );
    person.pay.payouts.push(...instalments);
  }
  grant(sim, person, 'initial', `initial-${dateOf(day)}`, params.initialGrantShareOfBandMax * band.max, day);
}

/** The raise of one review by grade: `reviewRaise.top` for the best grade, then from `aboveBarBest` down to `aboveBarLast` for the others above the bar, none below it. */
export function reviewRaiseOf(sim: Simulation, grade: string): number {
  const { policy, params } = sim;
  const rank = gradeRank(policy, grade);
  if (rank < 0 || isBelowBar(policy, grade)) return 0;
  if (rank === 0) return params.reviewRaise.top;
  const aboveBar = policy.scale.grades.filter((g) => !g.belowBar).length;
  const others = aboveBar - 1;
  if (others <= 1) return params.reviewRaise.aboveBarBest;
  const { aboveBarBest, aboveBarLast } = params.reviewRaise;
  return aboveBarBest + ((rank - 1) / (others - 1)) * (aboveBarLast - aboveBarBest);
}

/**
 * After a final rating is delivered: the base raised by grade, never above what the decider allows
 * (band max, or the top-grade cap) and never lowered; a refresher worth the grade's
 * `compensation.refreshers.grades` share of the band's max where the policy has one.
 */
export function payAtReview(sim: Simulation, person: Person, cycleId: string, grade: string, day: number): void {
  const track = person.pay;
  if (!track) return;
  const state = sim.employee(person);
  const band = bandOf(sim.policy, state.jobFamily, state.level);
  if (!band) return;
  const raised = dollars(track.base * (1 + reviewRaiseOf(sim, grade)), band.min, allowedMax(sim.policy, state, band));
  if (raised > track.base) changeBase(sim, person, raised, 'review', day);
  const share = refresherShares(sim.policy)[sim.policy.scale.aliases?.[grade] ?? grade] ?? 0;
  if (share > 0) grant(sim, person, 'refresher', `refresher-${cycleId}`, share * band.max, day);
}

/** After a promotion: the base `promotionRaise` up and at least the new band's min (within what the decider allows), and a promotion grant. */
export function payAtPromotion(sim: Simulation, person: Person, promotionId: string, day: number): void {
  const track = person.pay;
  if (!track) return;
  const state = sim.employee(person);
  const band = bandOf(sim.policy, state.jobFamily, state.level);
  if (!band) return;
  const base = dollars(Math.max(track.base * (1 + sim.params.promotionRaise), band.min), band.min, allowedMax(sim.policy, state, band));
  changeBase(sim, person, base, 'promotion', day);
  grant(sim, person, 'promotion', `${promotionId}-grant`, sim.params.promotionGrantShareOfBandMax * band.max, day);
}

/**
 * The simulator's own estimate of the pay projections' retention risk (it must not import them):
 * total pay over the next year (base in force, plus instalments and vests ahead) falls short of the
 * last year's (same base, plus those paid) by more than `share`. Prunes payouts older than a year.
 */
export function payDrops(track: PayTrack, day: number, share: number): boolean {
  let last = track.base;
  let next = track.base;
  track.payouts = track.payouts.filter((p) => p.day > day - YEAR);
  for (const p of track.payouts) {
    if (p.day <= day) last += p.amount;
    else if (p.day <= day + YEAR) next += p.amount;
  }
  return last > 0 && (last - next) / last > share;
}

/** Top performers by the policy's retention rule (latest `latest` final grades all at or above `minGrade`) whose pay drops: likelier to leave. */
export function atRetentionRisk(sim: Simulation, person: Person, day: number): boolean {
  const rule = sim.policy.compensation?.retentionRisk;
  if (!rule || !person.pay) return false;
  const latest = sim.employee(person).ratings.slice(-rule.latest);
  if (latest.length < rule.latest || !latest.every((r) => isAtLeast(sim.policy, sim.policy.scale.aliases?.[r.rating] ?? r.rating, rule.minGrade))) return false;
  return payDrops(person.pay, day, rule.drop);
}
