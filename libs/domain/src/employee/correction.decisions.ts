import { DomainError, notFound, ruleViolation } from '../core/domain-error';
import type { Policy } from '../policy/policy';
import type { CorrectEvent } from './employee.commands';
import { SEPARATION_REASON_CODES, type EmployeeEvent, type EmployeeEventType } from './employee.events';
import type { Hired } from './employee.guards';
import { correctedFacts, type RecordedFact } from './corrections';
import { PIVOT_REASONS } from './pivot.decisions';

type Check = (value: unknown, policy: Policy) => boolean;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate: Check = (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));
const isText: Check = (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 200;
const isTextOrNone: Check = (v, p) => v === null || isText(v, p);
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const isGrade: Check = (v, policy) => policy.scale.grades.some((g) => g.code === v);
const isHrReasonCode: Check = (v) => SEPARATION_REASON_CODES.includes(v as never) && !(PIVOT_REASONS as readonly unknown[]).includes(v);

interface Correctable {
  /** The fields a correction may set, with what a value must be. */
  fields: Record<string, Check>;
  retract: boolean;
}

/** What can be corrected, and how: the facts HR keys in by hand. */
const CORRECTABLE: { [T in EmployeeEventType]?: Correctable } = {
  EmployeeHired: { fields: { level: isText, jobFamily: isText, orgId: isText, managerId: isTextOrNone, hireDate: isDate }, retract: false },
  RatingReceived: { fields: { rating: isGrade }, retract: true },
  EmployeeSeparated: {
    fields: { effectiveDate: isDate, type: oneOf('voluntary', 'involuntary'), regretted: oneOf(true, false), reasonCode: isHrReasonCode },
    retract: true,
  },
  ManagerChanged: { fields: { toManagerId: isText, effectiveDate: isDate }, retract: true },
  EmployeeTransferred: { fields: { toOrgId: isText, toManagerId: isTextOrNone, effectiveDate: isDate }, retract: true },
  FeedbackRecorded: {
    fields: { kind: oneOf('peer360', 'anytime'), sentiment: oneOf('positive', 'neutral', 'negative'), cycleId: isTextOrNone },
    retract: true,
  },
  FocusGoalUpdated: { fields: { status: oneOf('met', 'missed', 'in_progress') }, retract: true },
};

/**
 * A later event that corrects or retracts an earlier one, with a reason and who approved it. The
 * state then follows the corrected history; the original stays in the stream for compliance.
 */
export function correctEvent(command: CorrectEvent, employee: Hired): EmployeeEvent[] {
  const { eventId, reason, retract, correctedData, decidedBy } = command.data;
  const revision = command.eventIds.indexOf(eventId);
  if (revision < 0 || revision >= employee.history.length) throw notFound('event-not-found', `Employee ${employee.employeeId} has no event ${eventId}`);
  const original = employee.history[revision];
  const rule = CORRECTABLE[original.type];
  if (!rule) throw ruleViolation('correction-not-allowed', `A ${original.type} cannot be corrected`, { field: 'eventId' });
  const facts = correctedFacts(employee.history);
  const current = facts[revision];
  if (!current) throw ruleViolation('event-already-retracted', `Event ${eventId} was retracted; there is nothing left to correct`, { field: 'eventId' });
  if (original.type === 'EmployeeSeparated' && PIVOT_REASONS.some((code) => code === original.data.reasonCode)) {
    throw ruleViolation('correction-not-allowed', 'A Pivot exit is the outcome of the Pivot steps; it is not corrected as a separation', { field: 'eventId' });
  }
  const correction = { employeeId: employee.employeeId, eventId, revision, eventType: original.type, reason, ...(decidedBy ? { decidedBy } : {}) };

  if (retract) {
    if (correctedData !== undefined)
      throw new DomainError('retract-or-correct', 'A retraction carries no correctedData', 'invalid', { field: 'correctedData' });
    if (!rule.retract) throw ruleViolation('correction-not-allowed', `A ${original.type} can be corrected, not retracted`, { field: 'retract' });
    requireNoDependents(employee, command.eventIds, facts, revision, current, undefined);
    return [{ type: 'EventRetracted', data: correction }];
  }

  const changed = changedFields(rule, current, correctedData, command.ratedUnder ?? command.policy);
  if (Object.keys(changed).length === 0) return [];
  requireNoDependents(employee, command.eventIds, facts, revision, current, changed);
  return [{ type: 'EventCorrected', data: { ...correction, correctedData: changed } }];
}

function changedFields(rule: Correctable, current: RecordedFact, correctedData: Record<string, unknown> | undefined, policy: Policy): Record<string, unknown> {
  if (correctedData === undefined || Object.keys(correctedData).length === 0) {
    throw new DomainError('corrected-data-required', 'A correction names the fields it corrects in correctedData, or retracts the event', 'invalid', {
      field: 'correctedData',
    });
  }
  const data = current.data as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(correctedData)) {
    const check = Object.hasOwn(rule.fields, field) ? rule.fields[field] : undefined;
    if (!check)
      throw new DomainError('field-not-correctable', `${field} of a ${current.type} cannot be corrected`, 'invalid', { field: `correctedData.${field}` });
    if (!check(value, policy))
      throw new DomainError('invalid-corrected-value', `${JSON.stringify(value)} is not a valid ${field}`, 'invalid', { field: `correctedData.${field}` });
    if ((data[field] ?? null) !== value) changed[field] = value;
  }
  return changed;
}

/** Where an event sits on the business calendar, when it has a date of its own. */
function businessDateOf(fact: RecordedFact): string | undefined {
  const data = fact.data as Record<string, unknown>;
  const date = data.effectiveDate ?? data.startDate ?? data.endDate ?? data.nominatedOn ?? data.decidedAt;
  return typeof date === 'string' ? date.slice(0, 10) : undefined;
}

/** Later events that rest on the corrected fact as recorded: the correction would leave them standing on nothing. */
function requireNoDependents(
  employee: Hired,
  eventIds: readonly string[],
  facts: readonly (RecordedFact | undefined)[],
  revision: number,
  current: RecordedFact,
  changed: Record<string, unknown> | undefined,
): void {
  const others = facts.map((fact, at) => ({ fact, at })).filter((f): f is { fact: RecordedFact; at: number } => f.fact !== undefined && f.at !== revision);
  const dependents = others.filter(({ fact, at }) => (at > revision ? restsOn(fact, current, changed) : endsAfter(fact, current, changed)));
  const hireDate = current.type === 'EmployeeHired' ? current.data.hireDate : employee.hireDate;
  const newDate = changed?.effectiveDate ?? changed?.hireDate;
  if (typeof newDate === 'string' && current.type !== 'EmployeeHired' && newDate < hireDate) {
    throw ruleViolation('date-before-hire', `${newDate} is before the hire date ${hireDate}`, { field: 'correctedData.effectiveDate' });
  }
  if (dependents.length === 0) return;
  const named = dependents.map(({ fact, at }) => ({ eventId: eventIds[at], type: fact.type, revision: at }));
  throw ruleViolation(
    'correction-conflicts-with-later-events',
    `Other events rest on this ${current.type}: ${named.map((e) => `${e.type} (${e.eventId})`).join(', ')}; correct or retract them first`,
    { field: 'eventId', events: named },
  );
}

/** An earlier event dated after the corrected last day of employment: the person was still there. */
function endsAfter(earlier: RecordedFact, target: RecordedFact, changed: Record<string, unknown> | undefined): boolean {
  const lastDay = changed?.effectiveDate;
  const date = businessDateOf(earlier);
  return target.type === 'EmployeeSeparated' && typeof lastDay === 'string' && date !== undefined && date > lastDay;
}

/** Does `later` depend on `target` as it stands, given what the correction changes (`undefined`: a retraction)? */
function restsOn(later: RecordedFact, target: RecordedFact, changed: Record<string, unknown> | undefined): boolean {
  const touches = (field: string): boolean => changed === undefined || Object.hasOwn(changed, field);
  switch (target.type) {
    case 'RatingReceived':
      // A Focus started on this grade; it would have had no trigger.
      return later.type === 'FocusEntered' && later.data.triggeredBy.includes(target.data.cycleId);
    case 'EmployeeHired': {
      if (touches('level') && (later.type === 'Promoted' || later.type === 'PromotionNominated' || later.type === 'JobChanged')) return true;
      const hireDate = changed?.hireDate;
      const date = businessDateOf(later);
      return typeof hireDate === 'string' && date !== undefined && date < hireDate;
    }
    case 'EmployeeSeparated': {
      if (later.type === 'EmployeeRehired')
        return changed === undefined || (typeof changed.effectiveDate === 'string' && later.data.hireDate <= changed.effectiveDate);
      return false;
    }
    case 'FocusGoalUpdated':
      // The Focus was closed on its goals as they then stood.
      return later.type === 'FocusClosed';
    default:
      return false;
  }
}
