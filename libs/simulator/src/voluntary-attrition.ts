import { gradeRank, isBelowBar } from '@pm/domain';
import { dateOf } from './calendar';
import { leaveCompany } from './hiring';
import type { Person } from './org-chart';
import { atRetentionRisk } from './pay';
import type { Simulation } from './simulation';
import { voluntaryReason } from './texts';

const YEAR = 365.25;

/**
 * Why this person is likelier (or not) to leave now: low performers, and top performers whose pay
 * drops (the policy's retention-risk rule on what the simulator granted them: pay.ts), which is
 * where the initial grant's last vest leaves them without a refresher. Under a policy without
 * compensation, top performers in their fifth year stand in for the vesting cliff.
 */
function quitFactor(sim: Simulation, person: Person, day: number): { factor: number; cliff: boolean } {
  const state = sim.employee(person);
  const last = state.ratings.at(-1)?.rating;
  if (state.status === 'focus' || state.status === 'pivot' || (last !== undefined && isBelowBar(sim.policy, last))) {
    return { factor: sim.params.lowPerformerQuitFactor, cliff: false };
  }
  if (person.pay) {
    const cliff = atRetentionRisk(sim, person, day);
    return { factor: cliff ? sim.params.payDropQuitFactor : 1, cliff };
  }
  const tenure = (day - person.hireDay) / YEAR;
  const cliff = last !== undefined && gradeRank(sim.policy, last) === 0 && tenure >= 4 && tenure < 5;
  return { factor: cliff ? sim.params.cliffQuitFactor : 1, cliff };
}

/**
 * Draws who quits in [from, to) and when. Each person's hazard is the annual rate scaled by their
 * factor, and the factors are normalized to average 1 over the headcount, so the company loses
 * `voluntaryAttrition` of its people a year whatever the mix. The chief never quits; people hired
 * during the window are first exposed in the next one.
 */
export function planDepartures(sim: Simulation, from: number, to: number): void {
  const people = sim.chart.everyone.toArray().filter((p) => p.role !== 'chief');
  if (people.length === 0) return;
  const factors = people.map((p) => quitFactor(sim, p, from));
  const scale = people.length / factors.reduce((sum, f) => sum + f.factor, 0);
  const years = (to - from) / YEAR;
  const stay = 1 - sim.params.voluntaryAttrition;
  people.forEach((person, i) => {
    if (!sim.random.chance(1 - stay ** (years * factors[i].factor * scale))) return;
    const day = sim.random.int(from, to - 1);
    const cliff = factors[i].cliff;
    sim.agenda.at(day, () => quit(sim, person, day, cliff));
  });
}

function quit(sim: Simulation, person: Person, day: number, cliff: boolean): void {
  if (!person.active) return;
  sim.act(person, { type: 'SeparateEmployee', data: { type: 'voluntary', reason: voluntaryReason(sim.random, cliff), effectiveDate: dateOf(day) } }, day);
  leaveCompany(sim, person, day);
}
