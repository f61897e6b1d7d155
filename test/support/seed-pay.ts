import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SEED_CASE } from '../../libs/projections/test/pay-fixtures';
import { as, hireBody } from './http';

/**
 * The first seed's pay history through the pay routes: an SDE hired 2020-03-01 at L5, the
 * recorded raises, a two-year sign-on and a four-year initial grant (no ratings, no refresher).
 */
export async function writeSeedPayHistory(app: NestFastifyApplication, employeeId: string): Promise<void> {
  const hr = as(app, 'hr');
  await hr.post('/v1/employees', hireBody(employeeId, { hireDate: '2020-03-01', level: 'L5', jobFamily: 'SDE', orgId: 'ledger' })).expect(201);
  for (const { effectiveDate, baseSalary, reason } of SEED_CASE.salaries)
    await hr.post(`/v1/employees/${employeeId}/pay`, { effectiveDate, baseSalary, reason }).expect(200);
  const { grantDate, currency, instalments, clawback } = SEED_CASE.signOns[0];
  await hr.post(`/v1/employees/${employeeId}/sign-on`, { grantDate, currency, instalments, clawback }).expect(201);
  const { grantId, kind, units, unitValue, vesting } = SEED_CASE.grants[0];
  await hr
    .post(`/v1/employees/${employeeId}/equity-grants`, { grantId, kind, grantDate: SEED_CASE.grants[0].grantDate, units, unitValue, vesting })
    .expect(201);
}
