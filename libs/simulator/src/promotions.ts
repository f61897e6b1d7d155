import { isAtLeast, isGrade, monthsBetween } from '@pm/domain';
import { dateOf } from './calendar';
import { payAtPromotion } from './pay';
import type { Person } from './org-chart';
import type { Simulation } from './simulation';
import { promotionDocument } from './texts';

/** Individual contributors and managers go up to L8; heads and the chief are not promoted here. */
const TOP_LEVEL = 8;

const levelOf = (level: string): number => Number(level.slice(1));

/** The decider's bar: good standing, a latest final rating at the policy's bar, enough months in level. */
function eligible(sim: Simulation, person: Person, day: number): boolean {
  if (!person.active || (person.role !== 'ic' && person.role !== 'manager')) return false;
  const state = sim.employee(person);
  const last = state.ratings.at(-1)?.rating;
  const { minGrade, minMonthsInLevel } = sim.policy.promotion;
  return (
    state.status === 'active' &&
    state.managerId !== undefined &&
    levelOf(state.level) < TOP_LEVEL &&
    last !== undefined &&
    isGrade(sim.policy, last) &&
    isAtLeast(sim.policy, last, minGrade) &&
    monthsBetween(state.levelSince, dateOf(day)) >= minMonthsInLevel
  );
}

/** Nominations on days in [from, to), each decided by a panel two to six weeks later. */
export function planPromotions(sim: Simulation, from: number, to: number): void {
  if (to <= from) return;
  for (const person of sim.chart.everyone.toArray()) {
    if (!eligible(sim, person, to) || !sim.random.chance(sim.params.promotionNominationRate)) continue;
    const day = sim.random.int(from, to - 1);
    sim.agenda.at(day, () => nominate(sim, person, day));
  }
}

function nominate(sim: Simulation, person: Person, day: number): void {
  if (!eligible(sim, person, day)) return;
  const state = sim.employee(person);
  const promotionId = `promo-${dateOf(day)}`;
  const toLevel = `L${levelOf(state.level) + 1}`;
  sim.act(
    person,
    {
      type: 'NominateForPromotion',
      data: { promotionId, toLevel, nominatedBy: state.managerId as string, document: promotionDocument(sim.random, toLevel), nominatedOn: dateOf(day) },
    },
    day,
  );
  const decided = day + sim.random.int(14, 40);
  sim.agenda.at(decided, () => decide(sim, person, promotionId, decided));
}

/** Approval needs what nomination needed; someone now in Focus or Pivot is not approved (the decider blocks it). */
function decide(sim: Simulation, person: Person, promotionId: string, day: number): void {
  if (!person.active) return;
  const state = sim.employee(person);
  const last = state.ratings.at(-1)?.rating;
  const approvable = state.status === 'active' && last !== undefined && isAtLeast(sim.policy, last, sim.policy.promotion.minGrade);
  const approved = approvable && sim.random.chance(sim.params.promotionApprovalRate);
  const panel = sim.chart.everyone.sample(sim.random, 3, [person]).map((p) => p.id);
  sim.act(person, { type: 'DecidePromotion', data: { promotionId, approved, panel, effectiveDate: dateOf(day) } }, day);
  if (approved) payAtPromotion(sim, person, promotionId, day);
}
