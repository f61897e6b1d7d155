import { dateOf } from './calendar';
import { JOB_FAMILIES, personalDetails } from './names';
import { payAtHire } from './pay';
import type { Person, Role, Seat } from './org-chart';
import { alignReportingLines } from './reporting-lines';
import type { Simulation } from './simulation';

export interface HireSpec {
  role: Role;
  seat?: Seat;
  level: number;
  /** The record's hire date; the initial staff were hired before the history starts. */
  hireDay: number;
}

/** Hires someone into the chart and records EmployeeHired as the API would (occurredAt = hire date). */
export function hire(sim: Simulation, spec: HireSpec): Person {
  const { random, chart, params } = sim;
  const { id, serial } = sim.nextEmployeeId();
  const performance = random.normal();
  const person: Person = {
    id,
    role: spec.role,
    hireDay: spec.hireDay,
    talent: performance,
    performance,
    bias: random.normal() * params.managerBias,
    active: true,
  };
  chart.join(person, spec.seat);
  const org = person.org;
  const details = personalDetails(random, serial);
  const jobFamily = !org ? 'Executive' : spec.role === 'ic' && random.chance(0.25) ? random.pick(JOB_FAMILIES) : org.jobFamily;
  sim.act(
    person,
    {
      type: 'HireEmployee',
      data: {
        employeeId: id,
        name: details.name,
        email: details.email,
        level: `L${spec.level}`,
        jobFamily,
        orgId: org?.id ?? 'office-of-the-chief',
        managerId: chart.managerOf(person)?.id,
        hireDate: dateOf(spec.hireDay),
        location: org?.location ?? 'Seattle',
        attributes: details.attributes,
      },
    },
    spec.hireDay,
  );
  payAtHire(sim, person, spec.hireDay);
  return person;
}

/** A leader left: their seat's people report one level up until a replacement starts a few weeks later. */
export function replaceLeader(sim: Simulation, leader: Person, day: number): void {
  const seat = leader.seat as Seat;
  alignReportingLines(sim, seat.org, day);
  sim.vacancies++;
  const starts = day + sim.random.int(14, 45);
  sim.agenda.at(starts, () => {
    sim.vacancies--;
    hire(sim, { role: leader.role, seat, level: leader.role === 'head' ? 8 : sim.random.int(6, 7), hireDay: starts });
    alignReportingLines(sim, seat.org, starts);
  });
}

/** After any separation (a quit, or the end of a Pivot): the chart forgets them and a leader's seat is refilled. */
export function leaveCompany(sim: Simulation, person: Person, day: number): void {
  sim.chart.leave(person);
  if (person.role === 'head' || person.role === 'manager') replaceLeader(sim, person, day);
}
