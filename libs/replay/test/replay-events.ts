import { DEFAULT_POLICY, type Policy } from '@pm/domain';
import { envelopes, type EventSpec } from '../../projections/test/envelopes';
import { on } from '../../projections/test/workforce-events';
import { ReplayHistory } from '../src/replay-history';

export { envelopes, type EventSpec } from '../../projections/test/envelopes';
export { choosePivotOption, closeFocus, hire, on, placeInPivot, team, transfer } from '../../projections/test/workforce-events';

/** The recorded policy of the hand-built histories: the default one, its curve enforced from groups of 10. */
export const RECORDED: Policy = { ...DEFAULT_POLICY, version: 1, curve: { targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 10 } };
export const RECORDED_REF = 'default@1';

/** A proposed policy: the recorded one changed as given, published as the next version. */
export const proposal = (change: Partial<Policy>): Policy => ({ ...RECORDED, version: 2, ...change });

export const policyOf = (ref: string): Policy => {
  if (ref !== RECORDED_REF) throw new Error(`no policy ${ref}`);
  return RECORDED;
};

export interface Rated {
  employeeId: string;
  grade: string;
  rank?: number;
  groupId?: string;
}

/**
 * A review cycle as the API records it, all on `periodEnd`: opened, a proposal per person, the
 * finalization with each final rating (rank and group when calibrated), and each rating delivered
 * to the person's own stream.
 */
export function cycle(cycleId: string, periodEnd: string, rated: readonly Rated[], policy = RECORDED_REF): EventSpec[] {
  const periodStart = `${periodEnd.slice(0, 4)}-01-01`;
  return [
    on(periodEnd, 'ReviewCycleOpened', { cycleId, name: cycleId, periodStart, periodEnd, policy }),
    ...rated.map(({ employeeId, grade }) => on(periodEnd, 'RatingProposed', { cycleId, employeeId, managerId: 'm-1', rating: grade })),
    on(periodEnd, 'ReviewCycleFinalized', { cycleId, ratedEmployees: rated.length }),
    ...rated.map(({ employeeId, grade, rank, groupId }) =>
      on(periodEnd, 'RatingFinalized', { cycleId, employeeId, rating: grade, calibrated: rank !== undefined, rank, groupId, periodEnd, policy }),
    ),
    ...rated.map(({ employeeId, grade, rank }) =>
      on(periodEnd, 'RatingReceived', { employeeId, cycleId, rating: grade, calibrated: rank !== undefined, periodEnd, policy }),
    ),
  ];
}

/** `grades[i]` for `<prefix>-01`, `<prefix>-02`...; ranked 1, 2... in that order unless `ranked` is false. */
export function group(prefix: string, grades: readonly string[], options: { ranked?: boolean; groupId?: string } = {}): Rated[] {
  return grades.map((grade, i) => ({
    employeeId: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    grade,
    ...(options.ranked === false ? {} : { rank: i + 1 }),
    ...(options.groupId ? { groupId: options.groupId } : {}),
  }));
}

export const enterFocus = (employeeId: string, startDate: string, dueDate: string, triggeredBy: string[]): EventSpec =>
  on(startDate, 'FocusEntered', { employeeId, startDate, dueDate, reason: { $pii: 'v1.iv.reason.tag' }, goals: [], triggeredBy });

/** The plan failed: the Pivot step records the exit itself, involuntary and unregretted. */
export const planFailed = (employeeId: string, date: string, lastGrade: string): EventSpec[] => [
  on(date, 'PivotClosed', { employeeId, outcome: 'failed', effectiveDate: date }),
  on(date, 'EmployeeSeparated', {
    employeeId,
    type: 'involuntary',
    reason: 'pivot_failed',
    regretted: false,
    regrettedSource: 'policy',
    lastGrade,
    effectiveDate: date,
  }),
];

/** A separation whose `regretted` the caller gave (`caller`) or the policy's rule decided (`policy`). */
export const leave = (
  employeeId: string,
  date: string,
  how: { type: 'voluntary' | 'involuntary'; regretted: boolean; source: 'caller' | 'policy'; lastGrade?: string },
): EventSpec => ({
  ...on(date, 'EmployeeSeparated', {
    employeeId,
    type: how.type,
    reason: { $pii: 'v1.iv.reason.tag' },
    regretted: how.regretted,
    regrettedSource: how.source,
    ...(how.lastGrade ? { lastGrade: how.lastGrade } : {}),
    effectiveDate: date,
  }),
  policyVersion: RECORDED_REF,
});

export const nominate = (employeeId: string, promotionId: string, date: string): EventSpec => ({
  ...on(date, 'PromotionNominated', { employeeId, promotionId, fromLevel: 'L4', toLevel: 'L5', nominatedBy: 'm-1', document: { $pii: 'v1.iv.document.tag' } }),
  policyVersion: RECORDED_REF,
});

export const historyOf = (specs: readonly EventSpec[]): ReplayHistory => {
  const history = new ReplayHistory();
  history.apply(envelopes(specs));
  return history;
};
