import { CODED_SEPARATION_REASONS, withoutPersonalFields, type EmployeeEvent, type EmployeeHired } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import { followingCorrections } from '../corrections/following-corrections';
import type { Projection } from '../projection';
import { assignmentOn } from './assignment-on';
import * as canonical from './canonical-record';
import type { Assignment, PivotCaseFact, SealedValue, SeparationReasonCode, WorkforceRecord } from './workforce-record';

const HANDLED: ReadonlySet<EmployeeEvent['type']> = new Set([
  'EmployeeHired',
  'ManagerChanged',
  'EmployeeTransferred',
  'Promoted',
  'EmployeeSeparated',
  'RatingReceived',
  'FocusEntered',
  'FocusClosed',
  'PivotPlaced',
  'PivotOptionChosen',
  'BuyoutAccepted',
  'AppealDecided',
  'PivotClosed',
  'FeedbackRecorded',
  'PersonalDataErased',
  'EmployeeRehired',
  'JobChanged',
]);

const employeeIdOf = (event: EventEnvelope): string => (event.data as { employeeId: string }).employeeId;

/**
 * One document per employee (key: employeeId) with the facts attrition, hire-to-fire, divergence
 * and adverse-impact statistics need, dated by business dates. An event for an employee with no
 * hire on record is ignored: there is nothing to attach it to.
 */
const workforceFacts: Projection<WorkforceRecord> = {
  name: 'workforce',
  version: 1,
  handles: HANDLED,
  keysOf: (event) => [employeeIdOf(event)],
  apply(event, docs) {
    const key = employeeIdOf(event);
    const domainEvent = { type: event.type, data: event.data } as EmployeeEvent;
    if (domainEvent.type === 'EmployeeHired') {
      docs.put(key, hired(domainEvent.data));
      return;
    }
    const record = docs.get(key);
    if (!record) return;
    const next = evolve(record, domainEvent, event.metadata.occurredAt.slice(0, 10));
    // An event that changes nothing (anytime feedback, a goal update) leaves the stored record alone.
    if (next !== record) docs.put(key, canonical.workforceRecord(next));
  },
};

/**
 * An event as the correction log keeps it: without the personal fields the record never reads.
 * The hire's sealed attributes stay (the record keeps them), and so does a separation's coded
 * reason (a Pivot exit's, stored readable).
 */
function withoutFreeText(event: EventEnvelope): unknown {
  const data = event.data as Record<string, unknown>;
  const keep = event.type === 'EmployeeHired' ? ['attributes'] : CODED_SEPARATION_REASONS.includes(data.reason as string) ? ['reason'] : [];
  return withoutPersonalFields(event.type, data, keep);
}

/** The workforce facts, following corrections: a corrected hire, rating or separation reads as corrected. */
export const workforce = followingCorrections(workforceFacts, 2, withoutFreeText);

function hired(data: EmployeeHired['data']): WorkforceRecord {
  return canonical.workforceRecord({
    employeeId: data.employeeId,
    hireDate: data.hireDate,
    attributes: sealedOrNothing(data.attributes),
    assignments: [canonical.assignment({ from: data.hireDate, orgId: data.orgId, managerId: data.managerId, level: data.level, jobFamily: data.jobFamily })],
    ratings: [],
    focusCases: [],
    pivotCases: [],
    peer360ByCycle: {},
    untaggedPeer360: [],
    promotions: [],
    erased: false,
  });
}

/** Stored attributes are ciphertext; anything else would be plaintext personal data and is not kept. */
function sealedOrNothing(value: unknown): SealedValue | undefined {
  const sealed = value as SealedValue | undefined;
  return typeof sealed === 'object' && sealed !== null && typeof sealed.$pii === 'string' ? { $pii: sealed.$pii } : undefined;
}

function evolve(record: WorkforceRecord, event: EmployeeEvent, occurredOn: string): WorkforceRecord {
  switch (event.type) {
    case 'ManagerChanged':
      return assign(record, event.data.effectiveDate, { managerId: event.data.toManagerId });
    case 'EmployeeTransferred': {
      const { toOrgId, toManagerId, effectiveDate } = event.data;
      return assign(record, effectiveDate, toManagerId === undefined ? { orgId: toOrgId } : { orgId: toOrgId, managerId: toManagerId });
    }
    case 'Promoted': {
      const { promotionId, toLevel, effectiveDate } = event.data;
      const promoted = assign(record, effectiveDate, { level: toLevel });
      return { ...promoted, promotions: insertByDate(record.promotions, canonical.promotion({ promotionId, date: effectiveDate, toLevel }), (p) => p.date) };
    }
    case 'EmployeeSeparated': {
      const { effectiveDate, type, regretted, reason, lastGrade } = event.data;
      return { ...record, separation: canonical.separation({ date: effectiveDate, type, regretted, reasonCode: reasonCode(reason), lastGrade }) };
    }
    case 'RatingReceived': {
      const { cycleId, rating, periodEnd, calibrated, policy } = event.data;
      const others = record.ratings.filter((r) => r.cycleId !== cycleId);
      return { ...record, ratings: insertByDate(others, canonical.finalRating({ cycleId, grade: rating, periodEnd, calibrated, policy }), (r) => r.periodEnd) };
    }
    case 'FocusEntered': {
      const { startDate, dueDate } = event.data;
      return { ...record, focusCases: [...record.focusCases, canonical.focusCase({ startDate, dueDate, ledToPivot: false })] };
    }
    case 'FocusClosed': {
      const { outcome, effectiveDate } = event.data;
      return {
        ...record,
        focusCases: updateLast(
          record.focusCases,
          (c) => c.closedOn === undefined,
          (c) => canonical.focusCase({ ...c, closedOn: effectiveDate, outcome }),
        ),
      };
    }
    case 'PivotPlaced': {
      // Like the decider, the latest escalated Focus not yet used is the one this Pivot follows.
      const latest = record.focusCases.at(-1);
      const focusCases =
        latest?.outcome === 'escalated' && !latest.ledToPivot
          ? [...record.focusCases.slice(0, -1), canonical.focusCase({ ...latest, ledToPivot: true })]
          : record.focusCases;
      return { ...record, focusCases, pivotCases: [...record.pivotCases, canonical.pivotCase({ startDate: event.data.startDate })] };
    }
    case 'PivotOptionChosen':
      return withOpenPivot(record, (c) => ({ ...c, option: event.data.option }));
    case 'BuyoutAccepted':
      return withOpenPivot(record, (c) => ({ ...c, outcome: 'buyout', outcomeDate: event.data.effectiveDate }));
    case 'AppealDecided': {
      const { outcome, decidedAt } = event.data;
      return withOpenPivot(record, (c) => ({ ...c, outcome: outcome === 'upheld' ? 'appealLost' : 'appealWon', outcomeDate: decidedAt.slice(0, 10) }));
    }
    case 'PivotClosed':
      return withOpenPivot(record, (c) => ({ ...c, outcome: event.data.outcome, outcomeDate: event.data.effectiveDate }));
    case 'FeedbackRecorded': {
      const { kind, sentiment, cycleId } = event.data;
      // Only peer 360s feed a statistic (rating/feedback divergence); anytime feedback would only grow the record.
      if (kind !== 'peer360') return record;
      if (cycleId === undefined)
        return { ...record, untaggedPeer360: insertByDate(record.untaggedPeer360, canonical.feedback({ date: occurredOn, sentiment }), (f) => f.date) };
      const counts = record.peer360ByCycle[cycleId] ?? { positive: 0, neutral: 0, negative: 0 };
      return {
        ...record,
        peer360ByCycle: { ...record.peer360ByCycle, [cycleId]: canonical.sentimentCounts({ ...counts, [sentiment]: counts[sentiment] + 1 }) },
      };
    }
    case 'PersonalDataErased':
      return { ...record, erased: true };
    case 'JobChanged': {
      const { toLevel, toJobFamily, effectiveDate } = event.data;
      return assign(record, effectiveDate, { level: toLevel, jobFamily: toJobFamily });
    }
    case 'EmployeeRehired': {
      // The statistics count the latest employment period; the earlier exit stays in the stream.
      const { hireDate, orgId, managerId, level, jobFamily } = event.data;
      const { separation: _earlier, ...rest } = record;
      return { ...rest, hireDate, assignments: [...record.assignments, canonical.assignment({ from: hireDate, orgId, managerId, level, jobFamily })] };
    }
    default:
      return record;
  }
}

/**
 * A new assignment from `date`: the one in force that day with `change` applied. A backdated change
 * does not rewrite assignments that start later: each records the whole assignment from its date.
 */
function assign(record: WorkforceRecord, date: string, change: Partial<Omit<Assignment, 'from'>>): WorkforceRecord {
  const base = assignmentOn(record.assignments, date) ?? record.assignments[0];
  return { ...record, assignments: insertByDate(record.assignments, canonical.assignment({ ...base, ...change, from: date }), (a) => a.from) };
}

function withOpenPivot(record: WorkforceRecord, change: (c: PivotCaseFact) => PivotCaseFact): WorkforceRecord {
  return {
    ...record,
    pivotCases: updateLast(
      record.pivotCases,
      (c) => c.outcome === undefined,
      (c) => canonical.pivotCase(change(c)),
    ),
  };
}

function reasonCode(reason: unknown): SeparationReasonCode {
  return typeof reason === 'string' && CODED_SEPARATION_REASONS.includes(reason) ? (reason as SeparationReasonCode) : 'other';
}

/** A copy with `item` after every item dated on or before it. */
function insertByDate<T>(list: readonly T[], item: T, dateOf: (t: T) => string): T[] {
  const at = list.findIndex((t) => dateOf(t) > dateOf(item));
  return at < 0 ? [...list, item] : [...list.slice(0, at), item, ...list.slice(at)];
}

/** A copy with the last item matching `open` replaced by `change(item)`; unchanged when none matches. */
function updateLast<T>(list: readonly T[], open: (t: T) => boolean, change: (t: T) => T): T[] {
  const at = list.findLastIndex(open);
  return at < 0 ? [...list] : list.map((t, i) => (i === at ? change(t) : t));
}
