import { addDays, DEFAULT_POLICY, type Policy } from '@pm/domain';
import fc from 'fast-check';
import {
  choosePivotOption,
  closeFocus,
  cycle,
  enterFocus,
  hire,
  leave,
  nominate,
  on,
  placeInPivot,
  planFailed,
  type EventSpec,
  type Rated,
} from './replay-events';

const GRADES = ['TT', 'HV1', 'HV2', 'HV3', 'LE'];
const CYCLES = [
  { cycleId: 'c-2022', periodEnd: '2022-12-31' },
  { cycleId: 'c-2023', periodEnd: '2023-12-31' },
  { cycleId: 'c-2024', periodEnd: '2024-12-31' },
];
type FocusEnd = 'succeeded' | 'buyout' | 'appealWon' | 'appealLost' | 'passed' | 'failed';

const personArb = fc.record({
  orgId: fc.constantFrom('org-a', 'org-b'),
  hiredAfter: fc.integer({ min: 0, max: 300 }),
  grades: fc.array(fc.constantFrom(...GRADES), { minLength: 3, maxLength: 3 }),
  ranked: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  groupId: fc.option(fc.constantFrom('g-1', 'g-2'), { nil: undefined }),
  focus: fc.option(fc.constantFrom<FocusEnd>('succeeded', 'buyout', 'appealWon', 'appealLost', 'passed', 'failed'), { nil: undefined }),
  leaves: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 2 }),
      type: fc.constantFrom<'voluntary' | 'involuntary'>('voluntary', 'involuntary'),
      regretted: fc.boolean(),
      source: fc.constantFrom<'caller' | 'policy'>('caller', 'policy'),
    }),
    { nil: undefined },
  ),
  nominatedAfter: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
});
type PersonDraw = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

/** A recorded policy with a curve that bites in small groups, and one or two LE in a row as the Focus trigger. */
export const policyArb: fc.Arbitrary<Policy> = fc
  .record({ le: fc.constantFrom(0, 0.1, 0.25), minGroupSize: fc.integer({ min: 0, max: 6 }), consecutive: fc.constantFrom(1, 2) })
  .map(({ le, minGroupSize, consecutive }) => ({
    ...DEFAULT_POLICY,
    version: 1,
    curve: { targets: { TT: 0.2, LE: le }, minGroupSize },
    focus: { ...DEFAULT_POLICY.focus, triggers: [{ grades: ['LE'], consecutive }] },
  }));

/**
 * Up to 12 people rated in up to three yearly cycles (some ranked, some in a calibration group),
 * the first LE sometimes followed by Focus and whatever Pivot ending was drawn, some leaving with
 * `regretted` given by the caller or by the rule (not necessarily what the rule says: the replay
 * must not care), some nominated for promotion.
 */
export const historyArb: fc.Arbitrary<EventSpec[]> = fc.array(personArb, { minLength: 1, maxLength: 12 }).map(historyOf);

function historyOf(people: readonly PersonDraw[]): EventSpec[] {
  const id = (i: number): string => `e-${String(i + 1).padStart(2, '0')}`;
  const specs: EventSpec[] = people.map((p, i) => hire(id(i), addDays('2022-01-01', p.hiredAfter), p.orgId));
  const gone = new Set<number>();
  const focused = new Set<number>();
  CYCLES.forEach(({ cycleId, periodEnd }, c) => {
    const rated = people.map((p, i) => ({ p, i })).filter(({ i }) => !gone.has(i));
    specs.push(
      ...cycle(
        cycleId,
        periodEnd,
        rated.map(({ p, i }, n): Rated => ({
          employeeId: id(i),
          grade: p.grades[c],
          ...(p.ranked[c] ? { rank: n + 1 } : {}),
          ...(p.groupId ? { groupId: p.groupId } : {}),
        })),
      ),
    );
    for (const { p, i } of rated) {
      const employeeId = id(i);
      if (p.focus && p.grades[c] === 'LE' && !focused.has(i)) {
        focused.add(i);
        specs.push(...focusCase(employeeId, cycleId, addDays(periodEnd, 20), p.focus, p.grades[c]));
        if (['buyout', 'appealLost', 'failed'].includes(p.focus)) gone.add(i);
      }
      if (gone.has(i)) continue;
      if (p.nominatedAfter === c) specs.push(nominate(employeeId, `promo-${i}`, addDays(periodEnd, 150)));
      if (p.leaves?.after === c) {
        specs.push(leave(employeeId, addDays(periodEnd, 200), { ...p.leaves, lastGrade: p.grades[c] }));
        gone.add(i);
      }
    }
  });
  return specs;
}

function focusCase(employeeId: string, cycleId: string, start: string, end: FocusEnd, lastGrade: string): EventSpec[] {
  const due = addDays(start, 60);
  const steps = [enterFocus(employeeId, start, due, [cycleId]), closeFocus(employeeId, due, end === 'succeeded' ? 'succeeded' : 'escalated')];
  if (end === 'succeeded') return steps;
  const placed = addDays(due, 1);
  const chose = addDays(placed, 1);
  const decided = addDays(chose, 30);
  steps.push(placeInPivot(employeeId, placed));
  switch (end) {
    case 'buyout':
      return [
        ...steps,
        choosePivotOption(employeeId, chose, 'buyout'),
        on(chose, 'BuyoutAccepted', { employeeId, effectiveDate: chose }),
        on(chose, 'EmployeeSeparated', {
          employeeId,
          type: 'involuntary',
          reason: 'pivot_buyout',
          regretted: false,
          regrettedSource: 'policy',
          lastGrade,
          effectiveDate: chose,
        }),
      ];
    case 'appealWon':
    case 'appealLost': {
      const outcome = end === 'appealWon' ? 'overturned' : 'upheld';
      const decision = on(decided, 'AppealDecided', { employeeId, outcome, panel: ['p-1'], decidedAt: `${decided}T15:00:00.000Z` });
      const exit = on(decided, 'EmployeeSeparated', {
        employeeId,
        type: 'involuntary',
        reason: 'appeal_lost',
        regretted: false,
        regrettedSource: 'policy',
        lastGrade,
        effectiveDate: decided,
      });
      return [...steps, choosePivotOption(employeeId, chose, 'appeal'), decision, ...(end === 'appealLost' ? [exit] : [])];
    }
    case 'passed':
      return [
        ...steps,
        choosePivotOption(employeeId, chose, 'improvement_plan'),
        on(decided, 'PivotClosed', { employeeId, outcome: 'passed', effectiveDate: decided }),
      ];
    case 'failed':
      return [...steps, choosePivotOption(employeeId, chose, 'improvement_plan'), ...planFailed(employeeId, decided, lastGrade)];
  }
}
