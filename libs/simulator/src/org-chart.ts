import type { PayTrack } from './pay';
import { Roster } from './roster';

export type Role = 'chief' | 'head' | 'manager' | 'ic';

/** A leadership position: an org's head, or a team's manager. Vacant while a leaver is replaced. */
export interface Seat {
  org: Org;
  holder?: Person;
  /** Individual contributors of a team seat. */
  members: Set<Person>;
}

export interface Org {
  id: string;
  jobFamily: string;
  location: string;
  head: Seat;
  teams: Seat[];
  /** Everyone active in the org, head and managers included. */
  roster: Roster<Person>;
}

/** What the simulation knows of a person beyond their event stream: traits that drive behaviour. */
export interface Person {
  id: string;
  role: Role;
  org?: Org;
  /** The seat an individual contributor belongs to, or the one a leader holds. */
  seat?: Seat;
  hireDay: number;
  /** Lasting ability (standard normal); each half-year's performance varies around it. */
  talent: number;
  performance: number;
  /** As a rater: how far above (or below) the truth this person proposes. */
  bias: number;
  active: boolean;
  /** What the simulator granted them (absent under a policy without compensation): see pay.ts. */
  pay?: PayTrack;
}

/** Who reports to whom: seats, rosters, and the manager each person should have right now. */
export class OrgChart {
  readonly orgs: Org[] = [];
  readonly everyone = new Roster<Person>();
  readonly byId = new Map<string, Person>();
  chief?: Person;

  addOrg(id: string, jobFamily: string, location: string): Org {
    const org: Org = { id, jobFamily, location, head: undefined as unknown as Seat, teams: [], roster: new Roster() };
    org.head = { org, members: new Set() };
    this.orgs.push(org);
    return org;
  }

  addTeam(org: Org): Seat {
    const team: Seat = { org, members: new Set() };
    org.teams.push(team);
    return team;
  }

  /** Places a new person: leaders take their seat, contributors join theirs. */
  join(person: Person, seat: Seat | undefined): void {
    this.byId.set(person.id, person);
    this.everyone.add(person);
    if (person.role === 'chief') {
      this.chief = person;
      return;
    }
    this.seat(person, seat as Seat);
  }

  leave(person: Person): void {
    person.active = false;
    this.everyone.remove(person);
    this.unseat(person);
  }

  /** Moves a contributor to another team (of the same org or another). */
  move(person: Person, team: Seat): void {
    this.unseat(person);
    this.seat(person, team);
  }

  /** The line manager the chart implies: the team's manager, else the org's head, else the chief. */
  managerOf(person: Person): Person | undefined {
    if (person.role === 'chief') return undefined;
    const org = person.org as Org;
    if (person.role === 'ic') return (person.seat as Seat).holder ?? org.head.holder ?? this.chief;
    if (person.role === 'manager') return org.head.holder ?? this.chief;
    return this.chief;
  }

  /** Active team managers of an org. */
  managersOf(org: Org): Seat[] {
    return org.teams.filter((t) => t.holder !== undefined);
  }

  private seat(person: Person, seat: Seat): void {
    person.seat = seat;
    person.org = seat.org;
    seat.org.roster.add(person);
    if (person.role === 'ic') seat.members.add(person);
    else seat.holder = person;
  }

  private unseat(person: Person): void {
    const seat = person.seat;
    if (!seat) return;
    seat.org.roster.remove(person);
    if (person.role === 'ic') seat.members.delete(person);
    else if (seat.holder === person) seat.holder = undefined;
  }
}
