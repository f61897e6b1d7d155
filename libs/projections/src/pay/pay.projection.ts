import { withoutPersonalFields, type EmployeeEvent } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import { followingCorrections } from '../corrections/following-corrections';
import type { Projection } from '../projection';
import { assignmentOn } from '../workforce/assignment-on';
import type { Assignment } from '../workforce/workforce-record';
import type { ClawbackFact, GrantFact, PayFacts, PaySeparationFact, SalaryFact, SignOnFact } from './pay-facts';

export interface PayRatingFact {
  cycleId: string;
  grade: string;
  periodEnd: string;
}

/**
 * One employee's pay document (key: employeeId): the pay facts the arithmetic reads, with where
 * the person sits (org, level, job family, effective-dated) and their final grades. No personal
 * data: no names, no free text.
 */
export interface PayRecord extends PayFacts {
  employeeId: string;
  hireDate: string;
  assignments: Assignment[];
  ratings: PayRatingFact[];
  separation?: PaySeparationFact;
}

const HANDLED: ReadonlySet<string> = new Set([
  'EmployeeHired',
  'EmployeeRehired',
  'EmployeeTransferred',
  'Promoted',
  'JobChanged',
  'EmployeeSeparated',
  'RatingReceived',
  'BaseSalaryChanged',
  'SignOnBonusGranted',
  'EquityGranted',
  'SignOnClawbackOwed',
]);

const employeeIdOf = (event: EventEnvelope): string => (event.data as { employeeId: string }).employeeId;

/** A copy with `item` after every item dated on or before it. */
function insertByDate<T>(list: readonly T[], item: T, dateOf: (t: T) => string): T[] {
  const at = list.findIndex((t) => dateOf(t) > dateOf(item));
  return at < 0 ? [...list, item] : [...list.slice(0, at), item, ...list.slice(at)];
}

function assign(record: PayRecord, date: string, change: Partial<Omit<Assignment, 'from'>>): PayRecord {
  const base = assignmentOn(record.assignments, date) ?? record.assignments[0];
  return { ...record, assignments: insertByDate(record.assignments, { ...base, ...change, from: date }, (a) => a.from) };
}

const placement = (data: { orgId: string; level: string; jobFamily: string }, from: string): Assignment => ({
  from,
  orgId: data.orgId,
  level: data.level,
  jobFamily: data.jobFamily,
});

function evolve(record: PayRecord, event: EmployeeEvent): PayRecord {
  switch (event.type) {
    case 'EmployeeTransferred':
      return assign(record, event.data.effectiveDate, { orgId: event.data.toOrgId });
    case 'Promoted':
      return assign(record, event.data.effectiveDate, { level: event.data.toLevel });
    case 'JobChanged':
      return assign(record, event.data.effectiveDate, { level: event.data.toLevel, jobFamily: event.data.toJobFamily });
    case 'EmployeeSeparated': {
      const { effectiveDate, regretted, severance } = event.data;
      return { ...record, separation: { date: effectiveDate, regretted, ...(severance ? { severance: { ...severance } } : {}) } };
    }
    case 'EmployeeRehired': {
      // A new employment period: pay counts from the rehire, and the earlier exit no longer stops it.
      const { separation: _earlier, ...rest } = record;
      return { ...rest, hireDate: event.data.hireDate, assignments: [...record.assignments, placement(event.data, event.data.hireDate)] };
    }
    case 'RatingReceived': {
      const { cycleId, rating, periodEnd } = event.data;
      const others = record.ratings.filter((r) => r.cycleId !== cycleId);
      return { ...record, ratings: insertByDate(others, { cycleId, grade: rating, periodEnd }, (r) => r.periodEnd) };
    }
    case 'BaseSalaryChanged': {
      const { employeeId: _id, ...salary } = event.data;
      const others = record.salaries.filter((s) => s.effectiveDate !== salary.effectiveDate);
      return { ...record, salaries: insertByDate<SalaryFact>(others, salary, (s) => s.effectiveDate) };
    }
    case 'SignOnBonusGranted': {
      const { employeeId: _id, ...signOn } = event.data;
      const instalments = [...signOn.instalments].sort((a, b) => (a.payDate < b.payDate ? -1 : a.payDate > b.payDate ? 1 : 0));
      return { ...record, signOns: insertByDate<SignOnFact>(record.signOns, { ...signOn, instalments }, (s) => s.grantDate) };
    }
    case 'EquityGranted': {
      const { employeeId: _id, ...grant } = event.data;
      const others = record.grants.filter((g) => g.grantId !== grant.grantId);
      return { ...record, grants: insertByDate<GrantFact>(others, grant, (g) => g.grantDate) };
    }
    case 'SignOnClawbackOwed': {
      const { employeeId: _id, ...clawback } = event.data;
      return { ...record, clawbacks: insertByDate<ClawbackFact>(record.clawbacks, clawback, (c) => c.separationDate) };
    }
    default:
      return record;
  }
}

/**
 * Pay documents keyed by employee id. An event for an employee with no hire on record is ignored.
 * A base salary effective on a date already recorded replaces it; an equity grant with a grant id
 * already recorded replaces it (a redelivery).
 */
const payFacts: Projection<PayRecord> = {
  name: 'pay',
  version: 1,
  handles: HANDLED,
  keysOf: (event) => [employeeIdOf(event)],
  apply(event, docs) {
    const key = employeeIdOf(event);
    const domainEvent = { type: event.type, data: event.data } as EmployeeEvent;
    if (domainEvent.type === 'EmployeeHired') {
      const data = domainEvent.data;
      docs.put(key, {
        employeeId: data.employeeId,
        hireDate: data.hireDate,
        assignments: [placement(data, data.hireDate)],
        ratings: [],
        salaries: [],
        signOns: [],
        grants: [],
        clawbacks: [],
      });
      return;
    }
    const record = docs.get(key);
    if (!record) return;
    const next = evolve(record, domainEvent);
    if (next !== record) docs.put(key, next);
  },
};

/** The correction log keeps no personal fields and no free text (a separation's reason). */
function loggedFields(event: EventEnvelope): unknown {
  const data = withoutPersonalFields(event.type, event.data as object);
  if (event.type !== 'EmployeeSeparated') return data;
  const { reason: _reason, ...rest } = data;
  return rest;
}

/** The pay documents, following corrections: a corrected base salary or grant reads as corrected. */
export const pay = followingCorrections(payFacts, 1, loggedFields);
