import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEFAULT_POLICY } from '@pm/domain';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { hiredAndRated } from '../support/rated';
import { expectRefused, streamEvents } from '../support/problems';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const typesIn = (body: { events: { type: string }[] }) => body.events.map((e) => e.type);

describe.each<TestEngine>(['sqlite', 'postgres'])('pay as events, on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Hired as SDE L5 on 2024-01-15: the default band is USD 100,000 to 170,000. */
  const hire = (employeeId: string) => hr().post('/v1/employees', hireBody(employeeId)).expect(201);
  const pay = (employeeId: string, body: Record<string, unknown> = {}) =>
    hr().post(`/v1/employees/${employeeId}/pay`, { effectiveDate: '2024-01-15', baseSalary: usd(15_000_000), reason: 'hire', ...body });

  describe('POST /v1/employees/{id}/pay', () => {
    it('records the base with the job it was judged against', async () => {
      await hire('pay-1');
      const response = await pay('pay-1').expect(200);
      expect(typesIn(response.body)).toEqual(['BaseSalaryChanged']);
      const changed = (await streamEvents(app, 'employee-pay-1')).find((e) => e.type === 'BaseSalaryChanged')!;
      expect(changed.data).toEqual({
        employeeId: 'pay-1',
        effectiveDate: '2024-01-15',
        baseSalary: usd(15_000_000),
        reason: 'hire',
        level: 'L5',
        jobFamily: 'SDE',
      });
      expect(changed.metadata).toMatchObject({ policyVersion: 'default@1', actor: { role: 'hr' } });
    });

    it('shows the base in force to hr and compliance on GET /v1/employees/{id}, not to admin', async () => {
      for (const role of ['hr', 'compliance'] as const) {
        expect((await as(app, role).get('/v1/employees/pay-1').expect(200)).body.pay).toEqual({ baseSalary: usd(15_000_000), effectiveDate: '2024-01-15' });
      }
      expect((await as(app, 'admin').get('/v1/employees/pay-1').expect(200)).body).not.toHaveProperty('pay');
    });

    it('refuses a base outside the band or in another currency with 409, naming the field, and appends nothing', async () => {
      await hire('pay-2');
      await expectRefused(app, () => pay('pay-2', { baseSalary: usd(9_999_999) }), { status: 409, rule: 'salary-outside-band', fields: ['baseSalary.amount'] });
      await expectRefused(app, () => pay('pay-2', { baseSalary: usd(17_000_001) }), {
        status: 409,
        rule: 'salary-outside-band',
        fields: ['baseSalary.amount'],
      });
      await expectRefused(app, () => pay('pay-2', { baseSalary: { amount: 15_000_000, currency: 'EUR' } }), {
        status: 409,
        rule: 'currency-not-of-band',
        fields: ['baseSalary.currency'],
      });
    });

    it('refuses bad fields with 400, naming each', async () => {
      await hire('pay-3');
      await expectRefused(app, () => pay('pay-3', { baseSalary: usd(15_000_000.5) }), { status: 400, fields: ['baseSalary.amount'] });
      await expectRefused(app, () => pay('pay-3', { baseSalary: usd(-1) }), { status: 400, fields: ['baseSalary.amount'] });
      await expectRefused(app, () => pay('pay-3', { baseSalary: { amount: 15_000_000, currency: 'usd' } }), { status: 400, fields: ['baseSalary.currency'] });
      await expectRefused(app, () => pay('pay-3', { reason: 'bonus', effectiveDate: '2024-02-30' }), { status: 400, fields: ['reason', 'effectiveDate'] });
      await expectRefused(app, () => pay('pay-3', { baseSalary: undefined }), { status: 400, fields: ['baseSalary'] });
      await expectRefused(app, () => pay('pay-3', { baseSalary: 15_000_000 }), { status: 400, fields: ['baseSalary'] });
      await expectRefused(app, () => pay('pay-3', { effectiveDate: '2023-12-31' }), { status: 409, rule: 'date-before-hire', fields: ['effectiveDate'] });
    });

    it('refuses an unknown or separated employee', async () => {
      await expectRefused(app, () => pay('pay-nobody'), { status: 404, rule: 'employee-not-found' });
      await hire('pay-4');
      await hr()
        .post('/v1/employees/pay-4/separations', { type: 'voluntary', reason: 'Moved on', reasonCode: 'resignation', effectiveDate: '2024-03-31' })
        .expect(200);
      await expectRefused(app, () => pay('pay-4', { effectiveDate: '2024-04-01' }), { status: 409, rule: 'employee-separated' });
    });

    it('refuses with compensation-not-configured under a policy published without compensation', async () => {
      const { compensation: _none, ...legacy } = DEFAULT_POLICY;
      await as(app, 'admin')
        .put('/v1/policies/legacy', { ...legacy, policyId: 'legacy', name: 'Stored before pay was recorded' })
        .expect(200);
      await hiredAndRated(app, 'pay-legacy', 'HV2', { policyId: 'legacy' });
      // A compensation section is checked field by field when published.
      const bad = structuredClone(DEFAULT_POLICY.compensation!);
      bad.vesting[0].share = 0.5;
      bad.bands.SDE.L6.currency = 'usd';
      await expectRefused(app, () => as(app, 'admin').put('/v1/policies/legacy', { ...legacy, policyId: 'legacy', compensation: bad }), {
        status: 400,
        rule: 'invalid-policy',
        fields: ['compensation.vesting', 'compensation.bands.SDE.L6.currency'],
      });
      await expectRefused(app, () => pay('pay-legacy', { effectiveDate: '2024-02-01' }), { status: 409, rule: 'compensation-not-configured' });
    });
  });

  describe('POST /v1/employees/{id}/sign-on', () => {
    const signOn = { grantDate: '2024-01-15', currency: 'USD', instalments: [{ payDate: '2024-01-31', amount: 1_200_000 }], clawback: { months: 12 } };

    it('records the bonus and its instalments', async () => {
      await hire('so-1');
      const response = await hr().post('/v1/employees/so-1/sign-on', signOn).expect(201);
      expect(typesIn(response.body)).toEqual(['SignOnBonusGranted']);
      const granted = (await streamEvents(app, 'employee-so-1')).find((e) => e.type === 'SignOnBonusGranted')!;
      expect(granted.data).toEqual({ employeeId: 'so-1', ...signOn });
    });

    it('refuses 0 or more than 8 instalments, amounts that are not positive whole cents, dates before the grant, with 400 naming the field', async () => {
      await hire('so-2');
      const post = (body: Record<string, unknown>) => () => hr().post('/v1/employees/so-2/sign-on', { ...signOn, ...body });
      const nine = Array.from({ length: 9 }, () => ({ payDate: '2024-02-01', amount: 100 }));
      await expectRefused(app, post({ instalments: nine }), { status: 400, fields: ['instalments'] });
      await expectRefused(app, post({ instalments: [] }), { status: 400, fields: ['instalments'] });
      await expectRefused(app, post({ instalments: [{ payDate: '2024-02-01', amount: 0 }] }), { status: 400, fields: ['instalments[0].amount'] });
      await expectRefused(app, post({ instalments: [{ payDate: '2024-02-01', amount: 10.5 }] }), { status: 400, fields: ['instalments[0].amount'] });
      await expectRefused(
        app,
        post({
          instalments: [
            { payDate: '2024-02-01', amount: 1 },
            { payDate: '2024-01-14', amount: 1 },
          ],
        }),
        {
          status: 400,
          rule: 'instalment-before-grant',
          fields: ['instalments[1].payDate'],
        },
      );
      await expectRefused(app, post({ clawback: { months: 0 } }), { status: 400, fields: ['clawback.months'] });
      await expectRefused(app, post({ currency: 'dollars' }), { status: 400, fields: ['currency'] });
      await expectRefused(app, post({ clawback: 12 }), { status: 400, fields: ['clawback'] });
    });
  });

  describe('POST /v1/employees/{id}/equity-grants', () => {
    const grant = { grantId: 'rsu-2024', kind: 'initial', grantDate: '2024-01-15', units: 400, unitValue: usd(15_000) };

    it("records the policy's vesting when none is given, and refuses the same grant id again", async () => {
      await hire('eq-1');
      const response = await hr().post('/v1/employees/eq-1/equity-grants', grant).expect(201);
      expect(typesIn(response.body)).toEqual(['EquityGranted']);
      const granted = (await streamEvents(app, 'employee-eq-1')).find((e) => e.type === 'EquityGranted')!;
      expect(granted.data).toEqual({ employeeId: 'eq-1', ...grant, vesting: DEFAULT_POLICY.compensation!.vesting });
      await expectRefused(app, () => hr().post('/v1/employees/eq-1/equity-grants', grant), { status: 409, rule: 'equity-grant-exists' });
    });

    it('keeps a vesting given, and refuses one whose shares do not add up to 1, naming vesting', async () => {
      await hire('eq-2');
      const cliff = [{ monthsAfterGrant: 12, share: 1 }];
      await hr()
        .post('/v1/employees/eq-2/equity-grants', { ...grant, vesting: cliff })
        .expect(201);
      expect((await streamEvents(app, 'employee-eq-2')).find((e) => e.type === 'EquityGranted')!.data).toMatchObject({ vesting: cliff });
      const post = (body: Record<string, unknown>) => () => hr().post('/v1/employees/eq-2/equity-grants', { ...grant, grantId: 'rsu-2', ...body });
      await expectRefused(
        app,
        post({
          vesting: [
            { monthsAfterGrant: 12, share: 0.5 },
            { monthsAfterGrant: 24, share: 0.4 },
          ],
        }),
        { status: 400, rule: 'vesting-invalid', fields: ['vesting'] },
      );
      await expectRefused(app, post({ vesting: [{ monthsAfterGrant: 12, share: 1.5 }] }), { status: 400, fields: ['vesting[0].share'] });
      await expectRefused(app, post({ kind: 'bonus', units: 1.5 }), { status: 400, fields: ['kind', 'units'] });
      await expectRefused(app, post({ unitValue: { amount: 1 } }), { status: 400, fields: ['unitValue.currency'] });
      await expectRefused(app, post({ unitValue: undefined }), { status: 400, fields: ['unitValue'] });
    });
  });

  describe('separations', () => {
    it('a voluntary exit within the clawback months records what is owed back, pro rata, in the same append', async () => {
      await hire('cb-1');
      await hr()
        .post('/v1/employees/cb-1/sign-on', {
          grantDate: '2024-01-15',
          currency: 'USD',
          instalments: [
            { payDate: '2024-01-31', amount: 1_200_000 },
            { payDate: '2024-07-31', amount: 600_000 },
            { payDate: '2024-12-31', amount: 600_000 },
          ],
          clawback: { months: 12 },
        })
        .expect(201);
      const response = await hr()
        .post('/v1/employees/cb-1/separations', { type: 'voluntary', reason: 'Moved on', reasonCode: 'resignation', effectiveDate: '2024-09-30' })
        .expect(200);
      expect(typesIn(response.body)).toEqual(['EmployeeSeparated', 'SignOnClawbackOwed']);
      const owed = (await streamEvents(app, 'employee-cb-1')).find((e) => e.type === 'SignOnClawbackOwed')!;
      // 7 whole months after the first instalment (5 of 12 left), 1 after the second (11 left); the third was not paid yet.
      expect(owed.data).toEqual({ employeeId: 'cb-1', grantDate: '2024-01-15', separationDate: '2024-09-30', owed: usd(500_000 + 550_000) });
    });

    it('a Pivot buyout carries severance from the base in force', async () => {
      // Hired 2022-01-10 and rated LE for 2023 H2: two whole years of tenure by April 2024, so 10 + 1 x 2 weeks.
      await hiredAndRated(app, 'sev-1', 'LE');
      await pay('sev-1', { effectiveDate: '2022-01-10', baseSalary: usd(15_600_000) }).expect(200);
      const goals = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];
      await hr().post('/v1/employees/sev-1/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE', goals }).expect(201);
      await hr().post('/v1/employees/sev-1/focus/close', { outcome: 'escalated', effectiveDate: '2024-04-05' }).expect(200);
      await hr().post('/v1/employees/sev-1/pivot', { startDate: '2024-04-08', reason: 'Focus escalated' }).expect(201);
      const response = await hr().post('/v1/employees/sev-1/pivot/choice', { option: 'buyout', effectiveDate: '2024-04-09' }).expect(200);
      expect(typesIn(response.body)).toEqual(['PivotOptionChosen', 'BuyoutAccepted', 'EmployeeSeparated']);
      const separated = (await streamEvents(app, 'employee-sev-1')).find((e) => e.type === 'EmployeeSeparated')!;
      // USD 156,000 a year is 300,000 cents a week; 12 weeks.
      expect(separated.data).toMatchObject({ reasonCode: 'pivot_buyout', severance: usd(3_600_000) });
    });
  });
});
