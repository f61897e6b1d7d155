import { envelopes, type EventSpec } from '../../test/envelopes';
import { hire, on, receiveRating, separate, transfer } from '../../test/workforce-events';
import { SEED_CASE } from '../../test/pay-fixtures';
import { isCorrectionLogKey, type CorrectionLog } from '../corrections/following-corrections';
import { project } from '../document-batch';
import { ALL_PROJECTIONS } from '../all-projections';
import { pay, type PayRecord } from './pay.projection';

const recordOf = (specs: readonly EventSpec[], employeeId = 'e-1'): PayRecord | undefined => {
  const docs: ReadonlyMap<string, PayRecord | CorrectionLog> = project(pay, envelopes(specs));
  return docs.get(employeeId) as PayRecord | undefined;
};

const hired = hire('e-1', '2020-03-01', 'org-a', { level: 'L5', jobFamily: 'SDE' });
const base = (effectiveDate: string, dollars: number, reason = 'review'): EventSpec =>
  on(effectiveDate, 'BaseSalaryChanged', {
    employeeId: 'e-1',
    effectiveDate,
    baseSalary: { amount: dollars * 100, currency: 'USD' },
    reason,
    level: 'L5',
    jobFamily: 'SDE',
  });
const signOn = on('2020-03-01', 'SignOnBonusGranted', { employeeId: 'e-1', ...SEED_CASE.signOns[0] });
const grant = on('2020-03-01', 'EquityGranted', { employeeId: 'e-1', ...SEED_CASE.grants[0] });

describe('pay projection', () => {
  it('is listed with the other projections, versioned, one document per employee beside its correction log', () => {
    expect(ALL_PROJECTIONS).toContain(pay);
    expect(pay).toMatchObject({ name: 'pay', version: 1 });
    expect(pay.keysOf(envelopes([hired])[0])).toEqual(['e-1', '~log:e-1']);
  });

  it('given a hire, then the record starts with where the person sits and no pay yet, and no personal data', () => {
    const record = recordOf([hired]);
    expect(record).toEqual({
      employeeId: 'e-1',
      hireDate: '2020-03-01',
      assignments: [{ from: '2020-03-01', orgId: 'org-a', level: 'L5', jobFamily: 'SDE' }],
      ratings: [],
      salaries: [],
      signOns: [],
      grants: [],
      clawbacks: [],
    });
    const docs = project(pay, envelopes([hired]));
    for (const [key, doc] of docs) if (isCorrectionLogKey(key)) expect(JSON.stringify(doc)).not.toMatch(/v1\.iv\.(name|email)/);
  });

  it('given BaseSalaryChanged events out of order, then salaries are kept by effective date, and one on a date already recorded replaces it', () => {
    const record = recordOf([
      hired,
      base('2020-03-01', 150_000, 'hire'),
      base('2022-03-01', 170_000),
      base('2021-03-01', 160_000),
      base('2022-03-01', 171_000, 'adjustment'),
    ]);
    expect(record?.salaries.map((s) => [s.effectiveDate, s.baseSalary.amount, s.reason])).toEqual([
      ['2020-03-01', 150_000_00, 'hire'],
      ['2021-03-01', 160_000_00, 'review'],
      ['2022-03-01', 171_000_00, 'adjustment'],
    ]);
  });

  it('given SignOnBonusGranted, then the sign-on is kept with its instalments by pay date', () => {
    const reversed = on('2020-03-01', 'SignOnBonusGranted', {
      employeeId: 'e-1',
      ...SEED_CASE.signOns[0],
      instalments: [...SEED_CASE.signOns[0].instalments].reverse(),
    });
    expect(recordOf([hired, reversed])?.signOns).toEqual(SEED_CASE.signOns);
  });

  it('given EquityGranted, then the grant is kept by grant date, and one redelivered with the same grant id replaces it', () => {
    const refresher = on('2023-03-01', 'EquityGranted', { ...grant.data, grantId: 'g-2', kind: 'refresher', grantDate: '2023-03-01' });
    const record = recordOf([hired, refresher, grant, grant]);
    expect(record?.grants.map((g) => g.grantId)).toEqual(['g-initial', 'g-2']);
    expect(record?.grants[0]).toEqual(SEED_CASE.grants[0]);
  });

  it('given SignOnClawbackOwed with the separation, then both are kept: the owed amount and the separation with its severance', () => {
    const owed = on('2021-01-01', 'SignOnClawbackOwed', {
      employeeId: 'e-1',
      grantDate: '2020-03-01',
      separationDate: '2021-01-01',
      owed: { amount: 750_000, currency: 'USD' },
    });
    const left = on('2021-01-01', 'EmployeeSeparated', {
      ...separate('e-1', '2021-01-01', { type: 'voluntary', regretted: true }).data,
      severance: { amount: 1_000_000, currency: 'USD' },
    });
    const record = recordOf([hired, signOn, left, owed]);
    expect(record?.clawbacks).toEqual([{ grantDate: '2020-03-01', separationDate: '2021-01-01', owed: { amount: 750_000, currency: 'USD' } }]);
    expect(record?.separation).toEqual({ date: '2021-01-01', regretted: true, severance: { amount: 1_000_000, currency: 'USD' } });
  });

  it('given final ratings, transfers, promotions and job changes, then grades by period and placements by date are kept', () => {
    const record = recordOf([
      hired,
      receiveRating('e-1', 'c-2021', 'HV2', '2021-12-31'),
      receiveRating('e-1', 'c-2020', 'HV1', '2020-12-31'),
      receiveRating('e-1', 'c-2021', 'TT', '2021-12-31'),
      transfer('e-1', '2022-01-01', 'org-a', 'org-b'),
      on('2023-03-01', 'Promoted', { employeeId: 'e-1', promotionId: 'p-1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2023-03-01' }),
      on('2024-01-01', 'JobChanged', {
        employeeId: 'e-1',
        fromLevel: 'L6',
        toLevel: 'L6',
        fromJobFamily: 'SDE',
        toJobFamily: 'TPM',
        effectiveDate: '2024-01-01',
        reason: 'x',
      }),
    ]);
    expect(record?.ratings).toEqual([
      { cycleId: 'c-2020', grade: 'HV1', periodEnd: '2020-12-31' },
      { cycleId: 'c-2021', grade: 'TT', periodEnd: '2021-12-31' },
    ]);
    expect(record?.assignments).toEqual([
      { from: '2020-03-01', orgId: 'org-a', level: 'L5', jobFamily: 'SDE' },
      { from: '2022-01-01', orgId: 'org-b', level: 'L5', jobFamily: 'SDE' },
      { from: '2023-03-01', orgId: 'org-b', level: 'L6', jobFamily: 'SDE' },
      { from: '2024-01-01', orgId: 'org-b', level: 'L6', jobFamily: 'TPM' },
    ]);
  });

  it('given a corrected base salary and a retracted rating, then the record reads the corrected history', () => {
    const events = envelopes([hired, base('2020-03-01', 150_000, 'hire'), receiveRating('e-1', 'c-2020', 'LE', '2020-12-31')]);
    const [, salary, rating] = events;
    const corrections = envelopes(
      [
        on('2021-01-10', 'EventCorrected', {
          employeeId: 'e-1',
          eventId: salary.id,
          revision: salary.revision,
          eventType: 'BaseSalaryChanged',
          reason: 'typo',
          correctedData: { baseSalary: { amount: 155_000_00, currency: 'USD' } },
        }),
        on('2021-01-11', 'EventRetracted', {
          employeeId: 'e-1',
          eventId: rating.id,
          revision: rating.revision,
          eventType: 'RatingReceived',
          reason: 'wrong person',
        }),
      ],
      events.length + 1,
    ).map((e, i) => ({ ...e, revision: events.length + i }));
    const record = project(pay, [...events, ...corrections]).get('e-1') as PayRecord;
    expect(record.salaries.map((s) => s.baseSalary.amount)).toEqual([155_000_00]);
    expect(record.ratings).toEqual([]);
  });

  it('given pay events for nobody hired, or anything before the hire, then nothing is kept', () => {
    expect(recordOf([base('2020-03-01', 150_000, 'hire')])).toBeUndefined();
  });

  it('given a rehire, then pay counts from the new hire date and the earlier exit no longer stops it', () => {
    const record = recordOf([
      hired,
      separate('e-1', '2021-01-01', { type: 'voluntary', regretted: false }),
      on('2022-01-01', 'EmployeeRehired', { employeeId: 'e-1', hireDate: '2022-01-01', level: 'L6', jobFamily: 'SDE', orgId: 'org-c' }),
    ]);
    expect(record?.separation).toBeUndefined();
    expect(record?.hireDate).toBe('2022-01-01');
    expect(record?.assignments.at(-1)).toEqual({ from: '2022-01-01', orgId: 'org-c', level: 'L6', jobFamily: 'SDE' });
  });
});
