import { employeeStreamId } from '@pm/domain';
import { dateOf, type EventRecorder, type StreamBatch } from './recorded-events';
import type { SeededRandom } from './seeded-random';

export type Role = 'chief' | 'head' | 'manager' | 'ic';

/** A final rating waiting to be delivered to the employee's own stream (RatingReceived). */
export interface PendingRating {
  cycleId: string;
  rating: string;
  calibrated: boolean;
  periodEnd: string;
  finalizedEventId: string;
}

export interface Team {
  orgId: string;
  managerId: string;
  /** Set in the window its manager left: the day the replacement took over. */
  newManagerDay?: number;
}

export interface Org {
  id: string;
  jobFamily: string;
  headId: string;
  teams: Team[];
}

export interface Person {
  id: string;
  role: Role;
  orgId: string;
  /** The team an individual contributor belongs to, or the one a manager leads. */
  team?: Team;
  managerId?: string;
  level: number;
  jobFamily: string;
  hireDay: number;
  levelSinceDay: number;
  /** Drives ratings and feedback, so a person's record hangs together over the years. */
  talent: number;
  lastGrade?: string;
  delivery?: PendingRating;
  separatedDay?: number;
  /** Events recorded for this person but not yet appended (the hires of the first window). */
  backlog: StreamBatch['events'];
}

const JOB_FAMILIES = ['engineering', 'engineering', 'product', 'sales', 'operations', 'design', 'finance', 'people'];
const TEAM_SIZE = 8;
const PEOPLE_PER_ORG = 250;
/** Levels: individual contributors L4–L8, team managers L7, org heads L10, the chief L11. */
const CHIEF_LEVEL = 11;
const HEAD_LEVEL = 10;
const MANAGER_LEVEL = 7;
export const TOP_IC_LEVEL = 8;
const YEAR = 365;

export const levelName = (level: number): string => `L${level}`;
export const isActive = (person: Person): boolean => person.separatedDay === undefined;

/** The company: its orgs and teams, and everyone ever hired, in hiring order. */
export class Company {
  readonly people: Person[] = [];
  readonly orgs: Org[] = [];
  private readonly byId = new Map<string, Person>();

  constructor(
    private readonly random: SeededRandom,
    private readonly recorder: EventRecorder,
  ) {}

  /** Staffs a company of `headcount` on `startDay`: a chief, org heads, team managers, individual contributors. */
  staff(headcount: number, startDay: number): void {
    const random = this.random;
    const orgCount = Math.max(2, Math.round(headcount / PEOPLE_PER_ORG));
    const teamsPerOrg = Math.max(1, Math.round((headcount - 1 - orgCount) / orgCount / (TEAM_SIZE + 1)));
    const chief = this.hire({
      role: 'chief',
      orgId: 'org-00',
      level: CHIEF_LEVEL,
      jobFamily: 'management',
      hireDay: startDay - random.int(3 * YEAR, 10 * YEAR),
    });
    for (let o = 1; o <= orgCount; o++) {
      const id = `org-${String(o).padStart(2, '0')}`;
      const jobFamily = JOB_FAMILIES[(o - 1) % JOB_FAMILIES.length];
      const head = this.hire({
        role: 'head',
        orgId: id,
        managerId: chief.id,
        level: HEAD_LEVEL,
        jobFamily,
        hireDay: startDay - random.int(3 * YEAR, 10 * YEAR),
      });
      this.orgs.push({ id, jobFamily, headId: head.id, teams: [] });
    }
    for (const org of this.orgs) {
      for (let t = 0; t < teamsPerOrg; t++) {
        const manager = this.hire({
          role: 'manager',
          orgId: org.id,
          managerId: org.headId,
          level: MANAGER_LEVEL,
          jobFamily: org.jobFamily,
          hireDay: startDay - random.int(YEAR, 8 * YEAR),
        });
        manager.team = { orgId: org.id, managerId: manager.id };
        org.teams.push(manager.team);
      }
    }
    const teams = this.orgs.flatMap((org) => org.teams);
    for (let i = this.people.length; i < headcount; i++) this.hireIndividual(teams[i % teams.length], startDay - random.int(30, 6 * YEAR));
  }

  get(id: string): Person {
    const person = this.byId.get(id);
    if (!person) throw new Error(`no person ${id}`);
    return person;
  }

  active(): Person[] {
    return this.people.filter(isActive);
  }

  /** A team for someone joining or moving on `day`: not one whose manager is being replaced now. */
  settledTeam(except?: Team, inOrg?: string): Team | undefined {
    for (let tries = 0; tries < 20; tries++) {
      const org = inOrg === undefined ? this.random.pick(this.orgs) : this.orgs.find((o) => o.id === inOrg);
      const team = org && org.teams.length > 0 ? this.random.pick(org.teams) : undefined;
      if (team && team !== except && team.newManagerDay === undefined) return team;
    }
    return undefined;
  }

  /** Someone else, still employed: a colleague giving feedback or sitting on a panel. */
  colleagueOf(person: Person, exclude: readonly (string | undefined)[] = []): Person {
    for (;;) {
      const other = this.random.pick(this.people);
      if (other !== person && isActive(other) && other.role !== 'chief' && !exclude.includes(other.id)) return other;
    }
  }

  /** An individual contributor joins a team; their EmployeeHired goes to the backlog. */
  hireIndividual(team: Team, day: number): Person {
    const level = this.random.pick([4, 4, 4, 5, 5, 6]);
    return this.hire({ role: 'ic', orgId: team.orgId, managerId: team.managerId, level, jobFamily: this.orgOf(team.orgId).jobFamily, hireDay: day, team });
  }

  /** A new manager for a team whose manager left; the reports move to them on `day`. */
  replaceManager(team: Team, day: number): Person {
    const org = this.orgOf(team.orgId);
    const manager = this.hire({ role: 'manager', orgId: org.id, managerId: org.headId, level: MANAGER_LEVEL, jobFamily: org.jobFamily, hireDay: day, team });
    team.managerId = manager.id;
    team.newManagerDay = day;
    return manager;
  }

  private orgOf(id: string): Org {
    const org = this.orgs.find((o) => o.id === id);
    if (!org) throw new Error(`no org ${id}`);
    return org;
  }

  private hire(details: Pick<Person, 'role' | 'orgId' | 'managerId' | 'level' | 'jobFamily' | 'hireDay' | 'team'>): Person {
    const random = this.random;
    const person: Person = { ...details, id: random.uuid(), levelSinceDay: details.hireDay, talent: random.next(), backlog: [] };
    const hireDate = dateOf(person.hireDay);
    person.backlog = this.recorder.command(person.hireDay, [
      {
        type: 'EmployeeHired',
        data: {
          employeeId: person.id,
          name: random.sealed(random.int(14, 30)),
          email: random.sealed(random.int(24, 40)),
          level: levelName(person.level),
          jobFamily: person.jobFamily,
          orgId: person.orgId,
          managerId: person.managerId,
          hireDate,
          location: random.sealed(random.int(8, 20)),
          attributes: random.sealed(random.int(60, 110)),
        },
      },
    ]);
    this.people.push(person);
    this.byId.set(person.id, person);
    return person;
  }

  /** Takes the person's unappended events, as a batch for their stream. */
  takeBacklog(person: Person): StreamBatch {
    const events = person.backlog;
    person.backlog = [];
    return { streamId: employeeStreamId(person.id), events };
  }
}
