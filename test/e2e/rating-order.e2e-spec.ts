import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';

describe.each<TestEngine>(['sqlite', 'postgres'])('ratings in period order on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  async function rate(cycleId: string, periodStart: string, periodEnd: string, rating: string): Promise<void> {
    await hr().post('/v1/review-cycles', { cycleId, name: cycleId, periodStart, periodEnd }).expect(201);
    await hr().post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId: 'ro-1', managerId: 'm-1', rating }).expect(200);
  }

  it('H2 finalized before H1: lastRating is H2, and the Focus its LE allows is accepted', async () => {
    await hr()
      .post('/v1/employees', hireBody('ro-1', { hireDate: '2022-01-10' }))
      .expect(201);
    await rate('ro-2023-H1', '2023-01-01', '2023-06-30', 'HV2');
    await rate('ro-2023-H2', '2023-07-01', '2023-12-31', 'LE');
    await hr().post('/v1/review-cycles/ro-2023-H2/finalize').expect(200);
    await hr().post('/v1/review-cycles/ro-2023-H1/finalize').expect(200);

    const employee = await hr().get('/v1/employees/ro-1').expect(200);
    expect(employee.body.lastRating).toEqual({ cycleId: 'ro-2023-H2', rating: 'LE', policy: 'default@1' });

    const goals = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];
    const focus = await hr().post('/v1/employees/ro-1/focus', { startDate: '2024-02-05', dueDate: '2024-04-05', reason: 'LE in H2', goals }).expect(201);
    expect(focus.body.events).toEqual([{ id: expect.any(String), type: 'FocusEntered' }]);
  });
});
