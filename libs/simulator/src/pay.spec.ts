import { DEFAULT_POLICY, isBelowBar, toDayNumber, type Policy } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import { redecideAll } from '../test/redecide';
import { addMonths, reviewWindows } from './calendar';
import { payDrops, SIGN_ON_CLAWBACK_MONTHS, SIGN_ON_INSTALMENT_MONTHS, UNIT_VALUE, type PayTrack } from './pay';
import { simulateHistory } from './simulate-org';
import type { AppendBatch } from './simulation-options';
import { DEFAULT_SIMULATION_PARAMETERS as DEFAULTS } from './simulation-parameters';

type Data = Record<string, any>;

/** The default policy without refreshers (as policies stored before `compensation.refreshers` read): the year-5 cliff in full. */
const { refreshers: _shipped, ...withoutRefreshers } = DEFAULT_POLICY.compensation as NonNullable<Policy['compensation']> & { refreshers?: unknown };
const policy = { ...DEFAULT_POLICY, version: 1, compensation: withoutRefreshers } as Policy;
const compensation = policy.compensation!;
/** The default policy with its own refresher grades: 20% of the band's max at TT, 10% at HV1. */
const withRefreshers = {
  ...policy,
  compensation: { ...compensation, refreshers: { grades: { TT: 0.2, HV1: 0.1 } } },
} as Policy;

const eventsOf = (batches: readonly AppendBatch[]): NewEvent[] => batches.flatMap((b) => b.events);
const ofType = (events: readonly NewEvent[], type: string): Data[] => events.filter((e) => e.type === type).map((e) => e.data as Data);
const bandOf = (d: Data) => compensation.bands[d.jobFamily][d.level];

describe('the pay a simulated company grants', () => {
  let batches: AppendBatch[];
  let events: NewEvent[];
  beforeAll(() => {
    // Given a 600-person company simulated over 5 years under the default policy (without refreshers)
    batches = [...simulateHistory({ employees: 600, years: 5, policy, seed: 7 })];
    events = eventsOf(batches);
  });

  it('passes the deciders: every pay event is what decide gives on the folded stream', () => {
    // When every command is decided again from the events it produced, then none is refused or differs
    expect(redecideAll(batches, policy)).toEqual([]);
    for (const type of ['BaseSalaryChanged', 'SignOnBonusGranted', 'EquityGranted']) expect(ofType(events, type).length).toBeGreaterThan(0);
  });

  it('keeps every base inside its band (up to the top-grade cap), hires in the lower-middle of it', () => {
    const bases = ofType(events, 'BaseSalaryChanged');
    for (const d of bases) {
      const band = bandOf(d);
      expect(d.baseSalary.currency).toBe(band.currency);
      expect(d.baseSalary.amount).toBeGreaterThanOrEqual(band.min);
      expect(d.baseSalary.amount).toBeLessThanOrEqual(Math.round(compensation.topGradeCap.share * band.max));
    }
    const [low, high] = DEFAULTS.hireBandPosition;
    for (const d of bases.filter((b) => b.reason === 'hire')) {
      const band = bandOf(d);
      const position = (d.baseSalary.amount - band.min) / (band.max - band.min);
      expect(position).toBeGreaterThanOrEqual(low - 0.001);
      expect(position).toBeLessThanOrEqual(high + 0.001);
    }
    expect(new Set(bases.map((b) => b.reason))).toEqual(new Set(['hire', 'review', 'promotion']));
  });

  it('gives every hire one base, one sign-on paid in years 1 and 2 with a 12-month clawback, and one initial grant vesting 5/15/40/40', () => {
    const hires = ofType(events, 'EmployeeHired');
    const byEmployee = (type: string) => new Map(ofType(events, type).map((d) => [d.employeeId, d]));
    const signOns = byEmployee('SignOnBonusGranted');
    const initial = new Map(
      ofType(events, 'EquityGranted')
        .filter((d) => d.kind === 'initial')
        .map((d) => [d.employeeId, d]),
    );
    expect(signOns.size).toBe(hires.length);
    expect(initial.size).toBe(hires.length);
    for (const hired of hires) {
      const signOn = signOns.get(hired.employeeId) as Data;
      expect(signOn.grantDate).toBe(hired.hireDate);
      expect(signOn.instalments.map((i: Data) => i.payDate)).toEqual(SIGN_ON_INSTALMENT_MONTHS.map((m) => addMonths(hired.hireDate, m)));
      expect(signOn.clawback).toEqual({ months: SIGN_ON_CLAWBACK_MONTHS });
      const grant = initial.get(hired.employeeId) as Data;
      expect(grant.grantDate).toBe(hired.hireDate);
      expect(grant.vesting).toEqual([
        { monthsAfterGrant: 12, share: 0.05 },
        { monthsAfterGrant: 24, share: 0.15 },
        { monthsAfterGrant: 36, share: 0.4 },
        { monthsAfterGrant: 48, share: 0.4 },
      ]);
      const worth = grant.units * grant.unitValue.amount;
      expect(Math.abs(worth - DEFAULTS.initialGrantShareOfBandMax * bandOf(hired).max)).toBeLessThanOrEqual(UNIT_VALUE / 2);
    }
  });

  it('raises by grade at reviews: none below the bar, more at the top grade than at the lowest grade above it', () => {
    // Each review raise follows the RatingReceived just before it on the employee's stream
    const raises = new Map<string, number[]>();
    const ratingOf = new Map<string, Data>();
    const baseOf = new Map<string, number>();
    for (const batch of batches) {
      for (const event of batch.events) {
        const rating = ratingOf.get(batch.streamId);
        const base = baseOf.get(batch.streamId);
        const d = event.data as Data;
        if (event.type === 'RatingReceived') ratingOf.set(batch.streamId, d);
        if (event.type === 'BaseSalaryChanged' && d.reason === 'review' && rating && base) {
          const list = raises.get(rating.rating) ?? [];
          list.push(d.baseSalary.amount / base - 1);
          raises.set(rating.rating, list);
        }
        if (event.type === 'BaseSalaryChanged') baseOf.set(batch.streamId, d.baseSalary.amount);
      }
    }
    for (const grade of policy.scale.grades.filter((g) => isBelowBar(policy, g.code))) expect(raises.get(grade.code) ?? []).toEqual([]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(raises.get('TT') ?? [])).toBeGreaterThan(mean(raises.get('HV3') ?? [1]));
  });

  it('grants no refresher when the policy has no refresher grades', () => {
    expect(ofType(events, 'EquityGranted').filter((d) => d.kind === 'refresher')).toEqual([]);
  });
});

describe('refreshers under a policy with compensation.refreshers.grades', () => {
  it('follow the final grade: share × band max at TT and HV1, none at other grades, all accepted by the deciders', () => {
    // Given a policy with refreshers at TT (20%) and HV1 (10%)
    const batches = [...simulateHistory({ employees: 300, years: 3, policy: withRefreshers, seed: 11 })];
    expect(redecideAll(batches, withRefreshers)).toEqual([]);
    // When ratings are delivered, then each TT or HV1 is followed on the stream by a refresher worth its share
    let checked = 0;
    const ratingOf = new Map<string, Data>();
    const bandOfStream = new Map<string, { max: number }>();
    for (const batch of batches) {
      for (const event of batch.events) {
        const d = event.data as Data;
        if (event.type === 'RatingReceived') ratingOf.set(batch.streamId, d);
        if (event.type === 'BaseSalaryChanged') bandOfStream.set(batch.streamId, bandOf(d));
        const rating = ratingOf.get(batch.streamId);
        const band = bandOfStream.get(batch.streamId);
        if (event.type === 'EquityGranted' && d.kind === 'refresher') {
          expect(rating && ['TT', 'HV1']).toBeTruthy();
          const share = rating!.rating === 'TT' ? 0.2 : 0.1;
          expect(d.grantId).toBe(`refresher-${rating!.cycleId}`);
          expect(Math.abs(d.units * d.unitValue.amount - share * band!.max)).toBeLessThanOrEqual(UNIT_VALUE / 2);
          checked++;
        }
      }
    }
    const deliveredTopGrades = eventsOf(batches).filter((e) => e.type === 'RatingReceived' && ['TT', 'HV1'].includes((e.data as Data).rating)).length;
    expect(checked).toBe(deliveredTopGrades);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('a policy without a compensation section (stored before pay was recorded)', () => {
  it('gets no pay events, and every other event is still accepted by the deciders', () => {
    const { compensation: _none, ...draft } = policy;
    const unpaid = draft as Policy;
    const batches = [...simulateHistory({ employees: 200, years: 2, policy: unpaid, seed: 5 })];
    expect(redecideAll(batches, unpaid)).toEqual([]);
    const types = new Set(eventsOf(batches).map((e) => e.type));
    for (const type of ['BaseSalaryChanged', 'SignOnBonusGranted', 'EquityGranted']) expect(types.has(type)).toBe(false);
  });
});

/**
 * At each half-year's start (a calibration day), who is a top performer by the retention rule and
 * whether their pay drops (the simulator's estimate, re-read from the events), and who of them
 * quits by the next calibration day.
 */
function quitRates(events: readonly NewEvent[], startDate: string, years: number, seed: number) {
  const rule = compensation.retentionRisk;
  const bar = policy.scale.grades.findIndex((g) => g.code === rule.minGrade);
  const people = new Map<
    string,
    { hired: number; left?: number; voluntary: boolean; bases: Data[]; grants: { day: number; payouts: PayTrack['payouts'] }[]; ratings: Data[] }
  >();
  const person = (id: string) => people.get(id)!;
  for (const { type, data } of events) {
    const d = data as Data;
    if (type === 'EmployeeHired') people.set(d.employeeId, { hired: toDayNumber(d.hireDate), voluntary: false, bases: [], grants: [], ratings: [] });
    if (type === 'EmployeeSeparated') Object.assign(person(d.employeeId), { left: toDayNumber(d.effectiveDate), voluntary: d.type === 'voluntary' });
    if (type === 'BaseSalaryChanged') person(d.employeeId).bases.push(d);
    if (type === 'RatingReceived') person(d.employeeId).ratings.push(d);
    if (type === 'SignOnBonusGranted')
      person(d.employeeId).grants.push({
        day: toDayNumber(d.grantDate),
        payouts: d.instalments.map((i: Data) => ({ day: toDayNumber(i.payDate), amount: i.amount })),
      });
    if (type === 'EquityGranted')
      person(d.employeeId).grants.push({
        day: toDayNumber(d.grantDate),
        payouts: d.vesting.map((v: Data) => ({
          day: toDayNumber(addMonths(d.grantDate, v.monthsAfterGrant)),
          amount: Math.round(d.units * d.unitValue.amount * v.share),
        })),
      });
  }
  const days = reviewWindows(startDate, years, seed).map((w) => w.calibrationDay);
  const tally = { atRisk: { exposed: 0, quit: 0 }, others: { exposed: 0, quit: 0 } };
  for (const [k, day] of days.slice(0, -1).entries()) {
    const until = days[k + 1];
    for (const p of people.values()) {
      if (p.hired > day || (p.left !== undefined && p.left <= day)) continue;
      const latest = p.ratings.filter((r) => toDayNumber(r.periodEnd) < day).slice(-rule.latest);
      const top = latest.length === rule.latest && latest.every((r) => policy.scale.grades.findIndex((g) => g.code === r.rating) <= bar);
      if (!top) continue;
      const base = p.bases.filter((b) => toDayNumber(b.effectiveDate) <= day).at(-1);
      const track: PayTrack = {
        currency: 'USD',
        base: base?.baseSalary.amount ?? 0,
        payouts: p.grants.filter((g) => g.day <= day).flatMap((g) => g.payouts),
      };
      const group = payDrops(track, day, rule.drop) ? tally.atRisk : tally.others;
      group.exposed++;
      if (p.voluntary && p.left! < until) group.quit++;
    }
  }
  return tally;
}

describe('retention risk drives attrition', () => {
  it('top performers whose pay drops quit at least 1.5 times as often as other top performers over a seeded run', () => {
    // Given a 3,000-person company over 6 years under the default policy without refreshers
    const events = eventsOf([...simulateHistory({ employees: 3000, years: 6, policy, seed: 2024 })]);
    // When each half-year's top performers are split by whether their projected pay drops
    const { atRisk, others } = quitRates(events, '2021-01-01', 6, 2024);
    const rate = (g: { exposed: number; quit: number }) => g.quit / g.exposed;
    // Then the at-risk group is large enough to measure and quits much more often (the factor is 2)
    expect(atRisk.exposed).toBeGreaterThanOrEqual(500);
    expect(rate(atRisk)).toBeGreaterThan(1.5 * rate(others));
  });
});
