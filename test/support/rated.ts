import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { as, hireBody } from './http';

export interface OwnCycle {
  /** Overrides of the hire (`hireBody`); hired on 2022-01-10 unless said. */
  hire?: Record<string, unknown>;
  /** 2023-07-01 to 2023-12-31 unless said. */
  periodStart?: string;
  periodEnd?: string;
  /** The policy the cycle is opened under; the tenant's default unless said. */
  policyId?: string;
  /** Calibrated (at the same grade) by this employee id before finalizing; not calibrated otherwise. */
  calibratedBy?: string;
}

/** Hires someone and rates them `grade` in a finalized review cycle of their own, `c-<employeeId>`; answers its id. */
export async function hiredAndRated(app: NestFastifyApplication, employeeId: string, grade: string, options: OwnCycle = {}): Promise<string> {
  const hr = as(app, 'hr');
  const cycleId = `c-${employeeId}`;
  const { periodStart = '2023-07-01', periodEnd = '2023-12-31', policyId, calibratedBy } = options;
  await hr.post('/v1/employees', hireBody(employeeId, { hireDate: '2022-01-10', ...options.hire })).expect(201);
  await hr.post('/v1/review-cycles', { cycleId, name: cycleId, periodStart, periodEnd, ...(policyId ? { policyId } : {}) }).expect(201);
  await hr.post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId, managerId: 'm-1', rating: grade }).expect(200);
  if (calibratedBy) {
    await hr.post(`/v1/review-cycles/${cycleId}/calibrations`, { employeeId, rating: grade, rationale: 'held', decidedBy: calibratedBy }).expect(200);
  }
  await hr.post(`/v1/review-cycles/${cycleId}/finalize`).expect(200);
  return cycleId;
}
