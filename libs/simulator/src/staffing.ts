import { hire } from './hiring';
import { JOB_FAMILIES, LOCATIONS } from './names';
import type { Org, Seat } from './org-chart';
import type { Simulation } from './simulation';

const YEAR = 365;

/** Individual contributors are hired at L4-L7, mostly junior. */
function contributorLevel(sim: Simulation): number {
  const r = sim.random.next();
  return r < 0.35 ? 4 : r < 0.7 ? 5 : r < 0.92 ? 6 : 7;
}

/**
 * The company on the first day: a chief, about `employees / orgSize` orgs with a head and teams of
 * `teamSize`. Everyone was hired before the history starts (tenures of up to a decade), managers
 * before their reports are recorded, so every EmployeeHired names a manager already on record.
 */
export function staffCompany(sim: Simulation, employees: number, startDay: number): void {
  const { random, chart, params } = sim;
  const orgCount = Math.max(1, Math.round(employees / params.orgSize));
  const perOrg = (employees - 1) / orgCount;
  const teamsPerOrg = Math.max(1, Math.round((perOrg - 1) / (params.teamSize + 1)));
  const before = (minYears: number, maxYears: number) => startDay - random.int(Math.round(minYears * YEAR), Math.round(maxYears * YEAR));

  let hired = 0;
  const room = () => hired < employees;
  hire(sim, { role: 'chief', level: 10, hireDay: before(6, 12) });
  hired++;
  for (let o = 1; o <= orgCount && room(); o++) {
    const org = chart.addOrg(`org${sim.seed}-${String(o).padStart(3, '0')}`, JOB_FAMILIES[(o - 1) % JOB_FAMILIES.length], random.pick(LOCATIONS));
    hire(sim, { role: 'head', seat: org.head, level: 8, hireDay: before(3, 10) });
    hired++;
  }
  for (const org of chart.orgs) {
    for (let t = 0; t < teamsPerOrg && room(); t++) {
      hire(sim, { role: 'manager', seat: chart.addTeam(org), level: random.int(6, 7), hireDay: before(1, 8) });
      hired++;
    }
  }
  const teams = chart.orgs.flatMap((org) => org.teams);
  for (let i = 0; room() && teams.length > 0; i++, hired++) {
    // Tenure roughly exponential (mean 2.5 years): most staff are recent, a few have a decade.
    const tenureDays = Math.min(12 * YEAR, Math.max(14, Math.round(-Math.log(1 - random.next()) * 2.5 * YEAR)));
    hire(sim, { role: 'ic', seat: teams[i % teams.length], level: contributorLevel(sim), hireDay: startDay - tenureDays });
  }
}

/** The team a newcomer joins: the smallest team that has a manager (else the first team). */
function teamForNewcomer(orgs: readonly Org[]): Seat | undefined {
  let best: Seat | undefined;
  for (const org of orgs) {
    for (const team of org.teams) if (team.holder && (!best || team.members.size < best.members.size)) best = team;
  }
  return best ?? orgs.find((org) => org.teams.length > 0)?.teams[0];
}

/**
 * Backfills leavers and grows headcount by `annualGrowth`, hiring on days spread over
 * [from, to]; opens a team (and hires its manager) where teams have grown past their size.
 * Newcomers start quitting from their first full window (see planDepartures).
 */
export function planHiring(sim: Simulation, initialHeadcount: number, yearsElapsed: number, from: number, to: number): void {
  const { random, chart, params, agenda } = sim;
  const target = Math.round(initialHeadcount * (1 + params.annualGrowth) ** yearsElapsed);
  let openings = target - chart.everyone.size - sim.vacancies;
  if (openings <= 0 || to < from) return;

  const contributors = chart.orgs.reduce((sum, org) => sum + org.teams.reduce((s, t) => s + t.members.size, 0), 0) + openings;
  const teams = chart.orgs.reduce((sum, org) => sum + org.teams.length, 0);
  for (let extra = Math.ceil(contributors / (params.teamSize * 1.15)) - teams; extra > 0 && openings > 0 && chart.orgs.length > 0; extra--, openings--) {
    const org = chart.orgs.reduce((a, b) => (a.roster.size / (a.teams.length + 1) >= b.roster.size / (b.teams.length + 1) ? a : b));
    const team = chart.addTeam(org);
    const day = random.int(from, to);
    agenda.at(day, () => void hire(sim, { role: 'manager', seat: team, level: random.int(6, 7), hireDay: day }));
  }
  for (let i = 0; i < openings; i++) {
    const day = random.int(from, to);
    agenda.at(day, () => {
      const team = teamForNewcomer(chart.orgs);
      if (team) hire(sim, { role: 'ic', seat: team, level: contributorLevel(sim), hireDay: day });
    });
  }
}
