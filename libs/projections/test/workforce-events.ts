import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import { envelopes, type EventSpec } from './envelopes';
import { isCorrectionLogKey, type CorrectionLog } from '../src/corrections/following-corrections';
import { project } from '../src/document-batch';
import { workforce } from '../src/workforce/workforce.projection';
import type { WorkforceRecord } from '../src/workforce/workforce-record';

/** Stored events for analytics specs: personal fields sealed as they are in the store. */

export const POLICY: Policy = { ...DEFAULT_POLICY, version: 1 };

const sealed = (what: string) => ({ $pii: `v1.iv.${what}.tag` });

/** An event that happened on `date` (business time). */
export const on = (date: string, type: string, data: Record<string, unknown>): EventSpec => ({ type, data, occurredAt: date });

export interface Placement {
  managerId?: string;
  level?: string;
  jobFamily?: string;
}

export const hire = (employeeId: string, hireDate: string, orgId: string, placement: Placement = {}): EventSpec =>
  on(hireDate, 'EmployeeHired', {
    employeeId,
    name: sealed('name'),
    email: sealed('email'),
    level: placement.level ?? 'L4',
    jobFamily: placement.jobFamily ?? 'engineering',
    orgId,
    ...(placement.managerId ? { managerId: placement.managerId } : {}),
    hireDate,
    attributes: sealed('attributes'),
  });

/** `size` hires with ids `<prefix>-01`, `<prefix>-02`... */
export const team = (prefix: string, size: number, hireDate: string, orgId: string, placement: Placement = {}): EventSpec[] =>
  Array.from({ length: size }, (_, i) => hire(`${prefix}-${String(i + 1).padStart(2, '0')}`, hireDate, orgId, placement));

export const transfer = (employeeId: string, effectiveDate: string, fromOrgId: string, toOrgId: string): EventSpec =>
  on(effectiveDate, 'EmployeeTransferred', { employeeId, fromOrgId, toOrgId, effectiveDate, duringFocus: false });

export const separate = (
  employeeId: string,
  effectiveDate: string,
  how: { type: 'voluntary' | 'involuntary'; regretted: boolean; reason?: string; lastGrade?: string },
): EventSpec =>
  on(effectiveDate, 'EmployeeSeparated', {
    employeeId,
    type: how.type,
    reason: how.reason ?? sealed('reason'),
    regretted: how.regretted,
    regrettedSource: 'caller',
    ...(how.lastGrade ? { lastGrade: how.lastGrade } : {}),
    effectiveDate,
  });

export const enterFocus = (employeeId: string, startDate: string, dueDate: string): EventSpec =>
  on(startDate, 'FocusEntered', { employeeId, startDate, dueDate, reason: sealed('reason'), goals: [], triggeredBy: [] });

export const closeFocus = (employeeId: string, effectiveDate: string, outcome: 'succeeded' | 'escalated'): EventSpec =>
  on(effectiveDate, 'FocusClosed', { employeeId, outcome, effectiveDate });

export const placeInPivot = (employeeId: string, startDate: string): EventSpec =>
  on(startDate, 'PivotPlaced', { employeeId, startDate, reason: sealed('reason'), choiceDeadline: startDate });

export const choosePivotOption = (employeeId: string, effectiveDate: string, option: 'buyout' | 'appeal' | 'improvement_plan'): EventSpec =>
  on(effectiveDate, 'PivotOptionChosen', { employeeId, option, effectiveDate });

export const decideAppeal = (employeeId: string, decidedAt: string, outcome: 'upheld' | 'overturned'): EventSpec =>
  on(decidedAt, 'AppealDecided', { employeeId, outcome, panel: ['p-1'], decidedAt: `${decidedAt}T15:00:00.000Z` });

export const receiveRating = (employeeId: string, cycleId: string, rating: string, periodEnd: string, calibrated = false, policy = 'bytedance@1'): EventSpec =>
  on(periodEnd, 'RatingReceived', { employeeId, cycleId, rating, calibrated, periodEnd, policy });

export const feedback = (
  employeeId: string,
  date: string,
  sentiment: 'positive' | 'neutral' | 'negative',
  more: { kind?: 'peer360' | 'anytime'; cycleId?: string } = {},
): EventSpec =>
  on(date, 'FeedbackRecorded', {
    employeeId,
    fromEmployeeId: 'peer-1',
    kind: more.kind ?? 'peer360',
    sentiment,
    text: sealed('text'),
    ...(more.cycleId ? { cycleId: more.cycleId } : {}),
  });

/** The workforce documents the events project to, as the API loads them. */
export const recordsOf = (specs: readonly EventSpec[]): WorkforceRecord[] => [...recordsIn(project(workforce, envelopes(specs))).values()];

/** The workforce records of a projected view, without the logs that let them follow corrections. */
export function recordsIn(documents: ReadonlyMap<string, WorkforceRecord | CorrectionLog>): Map<string, WorkforceRecord> {
  return new Map([...documents].filter((entry): entry is [string, WorkforceRecord] => !isCorrectionLogKey(entry[0])));
}
