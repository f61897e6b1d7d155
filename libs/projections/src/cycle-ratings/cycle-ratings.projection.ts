import type {
  EmployeeHired,
  EmployeeTransferred,
  ManagerChanged,
  Promoted,
  RatingCalibrated,
  RatingFinalized,
  FinalRatingCorrected,
  JobChanged,
  EmployeeRehired,
  RatingProposed,
  ReviewCycleFinalized,
  ReviewCycleOpened,
} from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Documents, Projection } from '../projection';

export interface CycleHeaderDoc {
  cycleId: string;
  /** The cycle's title (not a person's name). */
  title: string;
  /** `policyId@version` the cycle was opened under. */
  policy: string;
  periodStart: string;
  periodEnd: string;
  finalized: boolean;
  /** recordedAt of ReviewCycleFinalized. */
  finalizedAt?: string;
}

/** One calibration decision: who moved whom, from what to what. */
export interface CalibrationMove {
  from: string;
  to: string;
  /** The actor who recorded the calibration. */
  by: string;
  /** recordedAt of the calibration. */
  at: string;
  position: number;
  rank?: number;
  groupId?: string;
}

/** An employee's rating in one cycle. Org, level and job family are as they were at the latest proposal; null if the employee was unknown. */
export interface CycleRatingDoc {
  employeeId: string;
  managerId: string;
  orgId: string | null;
  level: string | null;
  jobFamily: string | null;
  proposed: string;
  calibrated?: string;
  final?: string;
  rank?: number;
  groupId?: string;
  moves: CalibrationMove[];
}

/** Where an employee sits now; only what ratings are grouped by, nothing personal. */
export interface EmployeeAssignmentDoc {
  orgId: string;
  managerId: string | null;
  level: string;
  jobFamily: string;
}

export type CycleRatingsDoc = CycleHeaderDoc | CycleRatingDoc | EmployeeAssignmentDoc;

/** Cycle headers under their own prefix, so listing the cycles never reads their ratings. */
export const CYCLES_PREFIX = 'cycles/';
export const cycleKey = (cycleId: string): string => `${CYCLES_PREFIX}${cycleId}`;
export const cycleRatingsPrefix = (cycleId: string): string => `cycle/${cycleId}/`;
export const cycleRatingKey = (cycleId: string, employeeId: string): string => `${cycleRatingsPrefix(cycleId)}${employeeId}`;
export const employeeAssignmentKey = (employeeId: string): string => `employee/${employeeId}`;

/** Drops absent optional fields, keeping the key order of the literal it is given: documents are compared as JSON bytes. */
function defined<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined)) as T;
}

const headerDoc = (h: CycleHeaderDoc): CycleHeaderDoc =>
  defined({
    cycleId: h.cycleId,
    title: h.title,
    policy: h.policy,
    periodStart: h.periodStart,
    periodEnd: h.periodEnd,
    finalized: h.finalized,
    finalizedAt: h.finalizedAt,
  });

const ratingDoc = (r: CycleRatingDoc): CycleRatingDoc =>
  defined({
    employeeId: r.employeeId,
    managerId: r.managerId,
    orgId: r.orgId,
    level: r.level,
    jobFamily: r.jobFamily,
    proposed: r.proposed,
    calibrated: r.calibrated,
    final: r.final,
    rank: r.rank,
    groupId: r.groupId,
    moves: r.moves,
  });

const assignmentDoc = (a: EmployeeAssignmentDoc): EmployeeAssignmentDoc => ({ orgId: a.orgId, managerId: a.managerId, level: a.level, jobFamily: a.jobFamily });

type DataOf<E extends { data: unknown }> = E['data'];
const dataOf = <E extends { data: unknown }>(event: EventEnvelope): DataOf<E> => event.data;

function ratingKeyOf(event: EventEnvelope): string {
  const { cycleId, employeeId } = dataOf<RatingProposed | RatingCalibrated | RatingFinalized>(event);
  return cycleRatingKey(cycleId, employeeId);
}

const assignmentKeyOf = (event: EventEnvelope): string => employeeAssignmentKey(dataOf<{ data: { employeeId: string } }>(event).employeeId);

function proposed(event: EventEnvelope, docs: Documents<CycleRatingsDoc>): void {
  const { employeeId, managerId, rating } = dataOf<RatingProposed>(event);
  const assignment = docs.get(assignmentKeyOf(event)) as EmployeeAssignmentDoc | undefined;
  const current = docs.get(ratingKeyOf(event)) as CycleRatingDoc | undefined;
  // A revised proposal keeps the calibrations already made: they still decide the grade (as in the cycle's own fold).
  docs.put(
    ratingKeyOf(event),
    ratingDoc({
      ...current,
      employeeId,
      managerId,
      orgId: assignment?.orgId ?? null,
      level: assignment?.level ?? null,
      jobFamily: assignment?.jobFamily ?? null,
      proposed: rating,
      moves: current?.moves ?? [],
    }),
  );
}

function calibrated(event: EventEnvelope, docs: Documents<CycleRatingsDoc>): void {
  const { fromRating, rating, rank, groupId } = dataOf<RatingCalibrated>(event);
  const current = docs.get(ratingKeyOf(event)) as CycleRatingDoc | undefined;
  if (current === undefined) return; // the cycle refuses a calibration without a proposal
  const move = defined<CalibrationMove>({
    from: fromRating,
    to: rating,
    by: event.metadata.actor.id,
    at: event.metadata.recordedAt,
    position: event.position,
    rank,
    groupId,
  });
  docs.put(ratingKeyOf(event), ratingDoc({ ...current, calibrated: rating, rank, groupId, moves: [...current.moves, move] }));
}

function finalizedRating(event: EventEnvelope, docs: Documents<CycleRatingsDoc>): void {
  const { rating, rank, groupId } = dataOf<RatingFinalized>(event);
  const current = docs.get(ratingKeyOf(event)) as CycleRatingDoc | undefined;
  if (current === undefined) return; // the cycle finalizes only proposed ratings
  docs.put(ratingKeyOf(event), ratingDoc({ ...current, final: rating, rank, groupId }));
}

/** A final rating corrected in the employee's record: the distribution counts the corrected grade, or none once retracted. */
function correctedRating(event: EventEnvelope, docs: Documents<CycleRatingsDoc>): void {
  const { toRating } = dataOf<FinalRatingCorrected>(event);
  const current = docs.get(ratingKeyOf(event)) as CycleRatingDoc | undefined;
  if (current === undefined) return;
  const { final: _final, ...rest } = current;
  docs.put(ratingKeyOf(event), ratingDoc(toRating === undefined ? rest : { ...rest, final: toRating }));
}

function reassigned(event: EventEnvelope, docs: Documents<CycleRatingsDoc>, change: (current: EmployeeAssignmentDoc) => EmployeeAssignmentDoc): void {
  const key = assignmentKeyOf(event);
  const current = docs.get(key) as EmployeeAssignmentDoc | undefined;
  if (current === undefined) return; // an employee stream starts with EmployeeHired
  docs.put(key, assignmentDoc(change(current)));
}

const KEYS_OF: Partial<Record<string, (event: EventEnvelope) => string[]>> = {
  RatingProposed: (e) => [assignmentKeyOf(e), ratingKeyOf(e)],
  RatingCalibrated: (e) => [ratingKeyOf(e)],
  RatingFinalized: (e) => [ratingKeyOf(e)],
  FinalRatingCorrected: (e) => [ratingKeyOf(e)],
  EmployeeRehired: (e) => [assignmentKeyOf(e)],
  JobChanged: (e) => [assignmentKeyOf(e)],
  ReviewCycleFinalized: (e) => [cycleKey(dataOf<ReviewCycleFinalized>(e).cycleId)],
  EmployeeTransferred: (e) => [assignmentKeyOf(e)],
  ManagerChanged: (e) => [assignmentKeyOf(e)],
  Promoted: (e) => [assignmentKeyOf(e)],
};

/**
 * Each cycle's ratings with their calibration history, for the distribution against the curve.
 * Keeps a directory of employees' current org, manager, level and job family, so that a rating
 * records where the employee sat when it was proposed.
 */
export const cycleRatings: Projection<CycleRatingsDoc> = {
  name: 'cycle-ratings',
  version: 2,
  handles: new Set([
    'ReviewCycleOpened',
    'RatingProposed',
    'RatingCalibrated',
    'ReviewCycleFinalized',
    'RatingFinalized',
    'FinalRatingCorrected',
    'EmployeeHired',
    'EmployeeRehired',
    'JobChanged',
    'EmployeeTransferred',
    'ManagerChanged',
    'Promoted',
  ]),
  keysOf: (event) => KEYS_OF[event.type]?.(event) ?? [],
  apply(event, docs) {
    switch (event.type) {
      case 'ReviewCycleOpened': {
        const { cycleId, name, policy, periodStart, periodEnd } = dataOf<ReviewCycleOpened>(event);
        docs.put(cycleKey(cycleId), headerDoc({ cycleId, title: name, policy, periodStart, periodEnd, finalized: false }));
        return;
      }
      case 'RatingProposed':
        return proposed(event, docs);
      case 'RatingCalibrated':
        return calibrated(event, docs);
      case 'ReviewCycleFinalized': {
        const header = docs.get(cycleKey(dataOf<ReviewCycleFinalized>(event).cycleId)) as CycleHeaderDoc | undefined;
        if (header !== undefined) docs.put(cycleKey(header.cycleId), headerDoc({ ...header, finalized: true, finalizedAt: event.metadata.recordedAt }));
        return;
      }
      case 'RatingFinalized':
        return finalizedRating(event, docs);
      case 'EmployeeHired': {
        const { employeeId, orgId, managerId, level, jobFamily } = dataOf<EmployeeHired>(event);
        docs.put(employeeAssignmentKey(employeeId), assignmentDoc({ orgId, managerId: managerId ?? null, level, jobFamily }));
        return;
      }
      case 'EmployeeTransferred': {
        const { toOrgId, toManagerId } = dataOf<EmployeeTransferred>(event);
        return reassigned(event, docs, (a) => ({ ...a, orgId: toOrgId, managerId: toManagerId ?? a.managerId }));
      }
      case 'ManagerChanged':
        return reassigned(event, docs, (a) => ({ ...a, managerId: dataOf<ManagerChanged>(event).toManagerId }));
      case 'Promoted':
        return reassigned(event, docs, (a) => ({ ...a, level: dataOf<Promoted>(event).toLevel }));
      case 'JobChanged': {
        const { toLevel, toJobFamily } = dataOf<JobChanged>(event);
        return reassigned(event, docs, (a) => ({ ...a, level: toLevel, jobFamily: toJobFamily }));
      }
      case 'EmployeeRehired': {
        const { orgId, managerId, level, jobFamily } = dataOf<EmployeeRehired>(event);
        docs.put(assignmentKeyOf(event), assignmentDoc({ orgId, managerId: managerId ?? null, level, jobFamily }));
        return;
      }
      case 'FinalRatingCorrected':
        return correctedRating(event, docs);
    }
  },
};
