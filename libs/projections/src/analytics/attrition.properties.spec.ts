import { addDays, type Policy } from '@pm/domain';
import fc from 'fast-check';
import type { EventSpec } from '../../test/envelopes';
import { attritionStats, type AttritionRow, type AttritionStats } from './attrition';
import type { GroupBy } from './employment';
import {
  choosePivotOption,
  closeFocus,
  decideAppeal,
  enterFocus,
  hire,
  on,
  placeInPivot,
  POLICY,
  recordsOf,
  separate,
  transfer,
} from '../../test/workforce-events';

/**
 * Random companies: hires, transfers, manager changes, promotions, separations and Focus/Pivot
 * chains around 2025, over random periods. Whatever they hold, the rows must add up to the total.
 */

const ORIGIN = '2025-01-01';
const at = (offset: number): string => addDays(ORIGIN, offset);

type PivotEnd = 'buyout' | 'appealWon' | 'appealLost' | 'passed' | 'failed';

const employeeArb = fc.record({
  hire: fc.integer({ min: -400, max: 300 }),
  orgId: fc.constantFrom('org-a', 'org-b', 'org-c'),
  managerId: fc.option(fc.constantFrom('m-1', 'm-2'), { nil: undefined }),
  level: fc.constantFrom('L3', 'L4'),
  jobFamily: fc.constantFrom('eng', 'sales'),
  changes: fc.array(
    fc.record({ after: fc.integer({ min: 0, max: 400 }), kind: fc.constantFrom('transfer', 'manager', 'promotion'), to: fc.constantFrom('1', '2', '3') }),
    { maxLength: 3 },
  ),
  focus: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 300 }),
      escalated: fc.boolean(),
      pivotEnd: fc.option(fc.constantFrom<PivotEnd>('buyout', 'appealWon', 'appealLost', 'passed', 'failed'), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  separation: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 500 }),
      type: fc.constantFrom<'voluntary' | 'involuntary'>('voluntary', 'involuntary'),
      regretted: fc.boolean(),
    }),
    {
      nil: undefined,
    },
  ),
});
type EmployeeDraw = typeof employeeArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(id: string, e: EmployeeDraw): EventSpec[] {
  const hired = at(e.hire);
  const events: EventSpec[] = [hire(id, hired, e.orgId, { managerId: e.managerId, level: e.level, jobFamily: e.jobFamily })];
  for (const change of e.changes) {
    const date = at(e.hire + change.after);
    if (change.kind === 'transfer') events.push(transfer(id, date, e.orgId, `org-${change.to}`));
    if (change.kind === 'manager') events.push(on(date, 'ManagerChanged', { employeeId: id, toManagerId: `m-${change.to}`, effectiveDate: date }));
    if (change.kind === 'promotion')
      events.push(on(date, 'Promoted', { employeeId: id, promotionId: `p-${change.to}`, fromLevel: e.level, toLevel: `L${change.to}`, effectiveDate: date }));
  }
  if (e.focus) {
    const start = e.hire + e.focus.after;
    events.push(enterFocus(id, at(start), at(start + 60)), closeFocus(id, at(start + 60), e.focus.escalated ? 'escalated' : 'succeeded'));
    if (e.focus.pivotEnd) events.push(placeInPivot(id, at(start + 61)), ...pivotEnd(id, at(start + 70), e.focus.pivotEnd));
  }
  if (e.separation) events.push(separate(id, at(e.hire + e.separation.after), e.separation));
  return events;
}

function pivotEnd(id: string, date: string, end: PivotEnd): EventSpec[] {
  switch (end) {
    case 'buyout':
      return [choosePivotOption(id, date, 'buyout'), on(date, 'BuyoutAccepted', { employeeId: id, effectiveDate: date })];
    case 'appealWon':
    case 'appealLost':
      return [choosePivotOption(id, date, 'appeal'), decideAppeal(id, date, end === 'appealWon' ? 'overturned' : 'upheld')];
    case 'passed':
    case 'failed':
      return [choosePivotOption(id, date, 'improvement_plan'), on(date, 'PivotClosed', { employeeId: id, outcome: end, effectiveDate: date })];
  }
}

const companyArb = fc.record({
  employees: fc.array(employeeArb, { minLength: 1, maxLength: 25 }),
  start: fc.integer({ min: -200, max: 200 }),
  days: fc.integer({ min: 1, max: 500 }),
  groupBy: fc.constantFrom<GroupBy>('org', 'manager', 'level', 'jobFamily'),
});

const withMinGroupSize = (minGroupSize: number): Policy => ({ ...POLICY, analytics: { ...POLICY.analytics, minGroupSize } });

type Company = typeof companyArb extends fc.Arbitrary<infer T> ? T : never;

function statsOf(company: Company, policy: Policy): AttritionStats {
  const records = recordsOf(company.employees.flatMap((e, i) => eventsOf(`e-${i}`, e)));
  return attritionStats(records, { from: at(company.start), to: at(company.start + company.days - 1), groupBy: company.groupBy, policy });
}

const COUNTS = ['separations', 'voluntary', 'involuntary', 'regretted', 'unregretted', 'focusEntries'] as const;
const sum = (rows: readonly AttritionRow[], value: (row: AttritionRow) => number): number => rows.reduce((total, row) => total + value(row), 0);

describe('attritionStats properties', () => {
  it('adds the rows up to the total when nothing is suppressed, and never has more heads than people', () => {
    fc.assert(
      fc.property(companyArb, (company) => {
        const { rows, total, suppressed } = statsOf(company, withMinGroupSize(1));
        if (total === null) return rows.length === 0;

        expect(suppressed).toEqual([]);
        for (const field of COUNTS) expect(sum(rows, (r) => r[field])).toBe(total[field]);
        for (const outcome of Object.keys(total.pivotOutcomes) as Array<keyof AttritionRow['pivotOutcomes']>) {
          expect(sum(rows, (r) => r.pivotOutcomes[outcome])).toBe(total.pivotOutcomes[outcome]);
        }
        // Each row is rounded to 2 decimals on its own: at most 0.005 off each.
        expect(Math.abs(sum(rows, (r) => r.averageHeadcount) - total.averageHeadcount)).toBeLessThanOrEqual(0.005 * (rows.length + 1) + 1e-9);
        // A mover is in two groups, once in the total.
        expect(total.population).toBeLessThanOrEqual(sum(rows, (r) => r.population));
        for (const row of [...rows, total]) expect(row.averageHeadcount).toBeLessThanOrEqual(row.population);
        return true;
      }),
    );
  });

  it('shows or suppresses every group, whatever the minimum size', () => {
    fc.assert(
      fc.property(companyArb, fc.integer({ min: 1, max: 12 }), (company, minGroupSize) => {
        const everyGroup = statsOf(company, withMinGroupSize(1)).rows.map((r) => r.group);
        const { rows, suppressed } = statsOf(company, withMinGroupSize(minGroupSize));

        expect([...rows.map((r) => r.group), ...suppressed].sort()).toEqual([...everyGroup].sort());
        for (const row of rows) expect(row.population).toBeGreaterThanOrEqual(minGroupSize);
      }),
    );
  });
});
