import { CODED_SEPARATION_REASONS, monthsBetween, toDayNumber } from '@pm/domain';
import type { PayRecord } from '@pm/projections/pay/pay.projection';
import { assignmentOn, type WorkforceRecord } from '@pm/projections/workforce';
import type { CompactHistory, CycleHistory, FocusCase, GradeCount, Nomination, OrgStint, PersonHistory, RecordedRating, Separation } from './compact-history';
import type { ReplayFacts } from './replay-facts.projection';

export interface ProjectedDocuments {
  workforce: ReadonlyMap<string, WorkforceRecord>;
  facts: ReadonlyMap<string, ReplayFacts>;
  /** Absent: no pay is replayed. */
  pay?: ReadonlyMap<string, PayRecord>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const orgOn = (record: WorkforceRecord, date: string): string => (assignmentOn(record.assignments, date) ?? record.assignments[0]).orgId;

/** The replay's view of the projected documents: final ratings by cycle and by person, and each person's cases. */
export function compactHistory(docs: ProjectedDocuments, position: number): CompactHistory {
  const cycles = new Map<string, CycleHistory>();
  let ratingCount = 0;
  const add = (fields: Omit<RecordedRating, 'index'>): RecordedRating => {
    const rating = { index: ratingCount++, ...fields };
    let cycle = cycles.get(rating.cycleId);
    if (cycle === undefined)
      cycles.set(
        rating.cycleId,
        (cycle = { cycleId: rating.cycleId, periodEnd: rating.periodEnd, policy: rating.policy, ratings: [], groups: [], gradeCounts: [] }),
      );
    cycle.ratings.push(rating);
    return rating;
  };

  const people = [...docs.workforce.values()]
    .sort((a, b) => byText(a.employeeId, b.employeeId))
    .map((record) => {
      const facts = docs.facts.get(record.employeeId);
      const finals = new Map(
        Object.entries(facts?.finals ?? {}).map(([cycleId, { grade, periodEnd, policy, rank, groupId }]) => {
          // Ungrouped ratings were calibrated together by org: the org on the period end.
          const orgId = orgOn(record, periodEnd);
          return [cycleId, add({ cycleId, employeeId: record.employeeId, grade, periodEnd, policy, rank, group: groupId ?? orgId, orgId })];
        }),
      );
      // A person's own sequence is the ratings delivered to them, by period end, as the workforce
      // projection orders them (a rating finalized after they left stays in its calibration group
      // only). One whose cycle is not in the history joins a group of its own cycle and org.
      const received = [...(facts?.received ?? [])]
        .sort((a, b) => byText(a.periodEnd, b.periodEnd))
        .map(({ cycleId, grade, periodEnd, policy }) => {
          const orgId = orgOn(record, periodEnd);
          return finals.get(cycleId) ?? add({ cycleId, employeeId: record.employeeId, grade, periodEnd, policy, group: orgId, orgId });
        });
      const pay = docs.pay?.get(record.employeeId);
      return { ...person(record, received, [...finals.values()], facts), ...(pay ? { pay } : {}) };
    });
  const cycleList = [...cycles.values()].sort((a, b) => byText(a.periodEnd, b.periodEnd) || byText(a.cycleId, b.cycleId));
  for (const cycle of cycleList) {
    cycle.groups = calibrationGroups(cycle.ratings);
    cycle.gradeCounts = gradeCounts(cycle.ratings);
  }
  return { position, ratingCount, people, cycles: cycleList, policies: policiesNamed(people, cycleList), ...span(people, cycleList) };
}

const byRank = (a: RecordedRating, b: RecordedRating): number =>
  (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || byText(a.employeeId, b.employeeId);

function calibrationGroups(ratings: readonly RecordedRating[]): RecordedRating[][] {
  const groups = new Map<string, RecordedRating[]>();
  for (const rating of ratings) {
    const members = groups.get(rating.group);
    if (members === undefined) groups.set(rating.group, [rating]);
    else members.push(rating);
  }
  return [...groups.values()].map((members) => members.sort(byRank));
}

function gradeCounts(ratings: readonly RecordedRating[]): GradeCount[] {
  const counts = new Map<string, GradeCount>();
  for (const { orgId, grade } of ratings) {
    const key = `${orgId}\n${grade}`;
    const count = counts.get(key);
    if (count === undefined) counts.set(key, { orgId, grade, count: 1 });
    else count.count++;
  }
  return [...counts.values()];
}

function person(record: WorkforceRecord, ratings: RecordedRating[], finals: readonly RecordedRating[], facts: ReplayFacts | undefined): PersonHistory {
  const focusCases = record.focusCases.map(({ startDate, outcome, closedOn, ledToPivot }, i): FocusCase & { closedOn?: string; ledToPivot: boolean } => ({
    startDate,
    outcome,
    triggerCycleId: triggerOf(ratings, facts?.focusTriggers[i] ?? [], startDate),
    closedOn,
    ledToPivot,
  }));
  // The workforce marks the escalation a Pivot followed; the Pivot is the next one placed after it closed.
  let next = 0;
  for (const focus of focusCases) {
    if (!focus.ledToPivot) continue;
    const at = record.pivotCases.findIndex((pivot, j) => j >= next && pivot.startDate >= (focus.closedOn ?? focus.startDate));
    if (at < 0) continue;
    focus.pivot = at;
    next = at + 1;
  }
  return {
    employeeId: record.employeeId,
    hireDate: record.hireDate,
    hireDay: toDayNumber(record.hireDate),
    orgs: orgStints(record),
    ratings,
    ratedOn: [...new Set([...finals, ...ratings].map((r) => r.periodEnd))],
    focusCases: focusCases.map(({ startDate, outcome, triggerCycleId, pivot }) => ({ startDate, outcome, triggerCycleId, pivot })),
    pivotCases: record.pivotCases.map(({ startDate, outcome }) => ({ startDate, outcome })),
    separation: record.separation && separation(record, facts),
    nominations: (facts?.nominations ?? []).map(({ promotionId, date, levelSince, policy, lastRating, recentRatings }): Nomination => ({
      promotionId,
      date,
      monthsInLevel: monthsBetween(levelSince, date),
      policy: policy ?? lastRating?.policy,
      recentRatings: recentRatings.map(({ cycleId, grade }) => ({ cycleId, grade })),
    })),
  };
}

/** One stint per change of org: manager and level changes do not move anyone between orgs. */
function orgStints(record: WorkforceRecord): OrgStint[] {
  const stints: OrgStint[] = [];
  for (const { from, orgId } of record.assignments) {
    if (stints.at(-1)?.orgId !== orgId) stints.push({ from, fromDay: toDayNumber(from), orgId });
  }
  return stints;
}

/** The last cycle named by the Focus event, else the latest rating whose period ended by the start. */
function triggerOf(ratings: readonly RecordedRating[], triggeredBy: readonly string[], startDate: string): string | undefined {
  const named = triggeredBy.at(-1);
  if (named !== undefined && ratings.some((r) => r.cycleId === named)) return named;
  return ratings.findLast((r) => r.periodEnd <= startDate)?.cycleId;
}

function separation(record: WorkforceRecord, facts: ReplayFacts | undefined): Separation {
  const { date, type, regretted, reasonCode, lastGrade } = record.separation!;
  const decision = facts?.separation;
  const endsPivot = CODED_SEPARATION_REASONS.includes(reasonCode) && record.pivotCases.length > 0;
  return {
    date,
    day: toDayNumber(date),
    type,
    regretted,
    regrettedSource: decision?.regrettedSource ?? 'caller',
    reasonCode,
    policy: decision?.policy ?? decision?.lastRating?.policy,
    lastGrade,
    lastCycleId: decision?.lastRating?.cycleId,
    pivot: endsPivot ? record.pivotCases.length - 1 : undefined,
  };
}

function policiesNamed(people: readonly PersonHistory[], cycles: readonly CycleHistory[]): string[] {
  const refs = new Set<string>();
  for (const cycle of cycles) for (const rating of cycle.ratings) refs.add(rating.policy);
  for (const { separation, nominations } of people) {
    if (separation?.policy) refs.add(separation.policy);
    for (const n of nominations) if (n.policy) refs.add(n.policy);
  }
  return [...refs].sort();
}

function span(people: readonly PersonHistory[], cycles: readonly CycleHistory[]): { firstDate?: string; lastDate?: string } {
  let firstDate: string | undefined;
  let lastDate: string | undefined;
  const see = (date: string): void => {
    if (firstDate === undefined || date < firstDate) firstDate = date;
    if (lastDate === undefined || date > lastDate) lastDate = date;
  };
  for (const cycle of cycles) see(cycle.periodEnd);
  for (const p of people) {
    see(p.hireDate);
    p.orgs.forEach((o) => see(o.from));
    p.focusCases.forEach((c) => see(c.startDate));
    p.pivotCases.forEach((c) => see(c.startDate));
    p.nominations.forEach((n) => see(n.date));
    if (p.separation) see(p.separation.date);
  }
  return { firstDate, lastDate };
}
