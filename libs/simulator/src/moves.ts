import { dateOf } from './calendar';
import type { Person, Seat } from './org-chart';
import type { Simulation } from './simulation';

/** Schedules transfers to another org and moves to another team of the same org over [from, to). */
export function planMoves(sim: Simulation, from: number, to: number): void {
  const { random, params } = sim;
  const share = (to - from) / 365.25;
  for (const person of sim.chart.everyone.toArray()) {
    if (person.role !== 'ic') continue;
    if (random.chance(params.transferRate * share)) {
      const day = random.int(from, to - 1);
      sim.agenda.at(day, () => transfer(sim, person, day));
    }
    if (random.chance(params.managerChangeRate * share)) {
      const day = random.int(from, to - 1);
      sim.agenda.at(day, () => changeTeam(sim, person, day));
    }
  }
}

/** A transfer during Focus is allowed (and flagged by the decider); during Pivot it is blocked, so none is asked for. */
function transfer(sim: Simulation, person: Person, day: number): void {
  if (!person.active || sim.employee(person).status === 'pivot') return;
  const { chart, random } = sim;
  const org = random.pick(chart.orgs);
  if (org === person.org) return;
  const managed = chart.managersOf(org);
  const team: Seat | undefined = random.pick(managed.length > 0 ? managed : org.teams);
  if (!team) return;
  chart.move(person, team);
  const manager = chart.managerOf(person);
  sim.act(person, { type: 'TransferEmployee', data: { toOrgId: org.id, toManagerId: manager?.id, effectiveDate: dateOf(day) } }, day);
}

function changeTeam(sim: Simulation, person: Person, day: number): void {
  if (!person.active) return;
  const current = sim.employee(person).managerId;
  const teams = sim.chart.managersOf(person.org!).filter((t) => t.holder!.id !== current);
  if (teams.length === 0) return;
  const team = sim.random.pick(teams);
  sim.chart.move(person, team);
  sim.act(person, { type: 'ChangeManager', data: { managerId: team.holder!.id, effectiveDate: dateOf(day) } }, day);
}
