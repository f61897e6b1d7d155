import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PivotLapseWatch } from '../../apps/api/src/employees/pivot-lapse.process';
import { startTestApp, type TestEngine } from '../support/app';
import { as } from '../support/http';
import { hiredAndRated } from '../support/rated';
import { expectRefused } from '../support/problems';

interface Entry {
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  summary: string;
  data: Record<string, unknown>;
}

const GOALS = [{ goalId: 'g1', description: 'Ship the migration', measure: 'in production by March' }];

describe.each<TestEngine>(['sqlite', 'postgres'])('a lapsed Pivot choice window on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');
  const timeline = async (employeeId: string): Promise<Entry[]> => (await hr().get(`/v1/employees/${employeeId}/timeline`).expect(200)).body.entries;

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /**
   * Rated LE for 2024-H2, Focus escalated, in Pivot from Monday 2025-03-10: the choice deadline is
   * Thursday 2025-03-13 and the window lapses on Friday 2025-03-14, long before the server's today.
   */
  async function inPivotLongAgo(employeeId: string): Promise<void> {
    await hiredAndRated(app, employeeId, 'LE', { hire: { hireDate: '2024-01-15' }, periodStart: '2024-07-01', periodEnd: '2024-12-31' });
    await hr().post(`/v1/employees/${employeeId}/focus`, { startDate: '2025-01-06', dueDate: '2025-03-07', reason: 'LE in 2024-H2', goals: GOALS }).expect(201);
    await hr().post(`/v1/employees/${employeeId}/focus/close`, { outcome: 'escalated', effectiveDate: '2025-03-07' }).expect(200);
    const placed = await hr().post(`/v1/employees/${employeeId}/pivot`, { startDate: '2025-03-10', reason: 'Focus escalated' }).expect(201);
    expect(placed.body.events.map((e: { type: string }) => e.type)).toEqual(['PivotPlaced']);
  }

  it('records the lapse once in the timeline, in business time; a late choice dated inside the window is still accepted', async () => {
    await inPivotLongAgo('pl-1');
    const watch = app.get(PivotLapseWatch);

    const check = await watch.checkNow();
    expect(check.recorded).toEqual(['pl-1']);
    expect(check.failed).toEqual([]);
    const lapses = (await timeline('pl-1')).filter((e) => e.type === 'PivotChoiceWindowLapsed');
    expect(lapses).toEqual([
      expect.objectContaining({
        occurredAt: '2025-03-14T00:00:00.000Z',
        actor: { id: 'pivot-lapse', role: 'system' },
        data: { employeeId: 'pl-1', choiceDeadline: '2025-03-13', lapsedOn: '2025-03-14', onLapse: 'record' },
        summary: 'Pivot choice window lapsed on 2025-03-14: no option chosen by 2025-03-13 (on lapse: record)',
      }),
    ]);
    const employee = await hr().get('/v1/employees/pl-1').expect(200);
    expect(employee.body).toMatchObject({ status: 'pivot' });

    // Checking again records nothing more.
    expect((await watch.checkNow()).recorded).toEqual([]);

    // The HR platform records late: a choice made on the deadline is accepted; one dated after it is not.
    await expectRefused(app, () => hr().post('/v1/employees/pl-1/pivot/choice', { option: 'appeal', effectiveDate: '2025-03-14' }), {
      status: 409,
      rule: 'pivot-choice-window-closed',
      fields: ['effectiveDate'],
    });
    const chosen = await hr().post('/v1/employees/pl-1/pivot/choice', { option: 'appeal', effectiveDate: '2025-03-13' }).expect(200);
    expect(chosen.body.events.map((e: { type: string }) => e.type)).toEqual(['PivotOptionChosen']);

    const types = (await timeline('pl-1')).map((e) => e.type);
    expect(types.filter((t) => t === 'PivotChoiceWindowLapsed' || t === 'PivotOptionChosen')).toEqual(['PivotChoiceWindowLapsed', 'PivotOptionChosen']);
    expect((await watch.checkNow()).recorded).toEqual([]);
  });

  it('records nothing for someone who chose in time', async () => {
    await inPivotLongAgo('pl-2');
    await hr().post('/v1/employees/pl-2/pivot/choice', { option: 'appeal', effectiveDate: '2025-03-11' }).expect(200);
    expect((await app.get(PivotLapseWatch).checkNow()).recorded).toEqual([]);
    expect((await timeline('pl-2')).map((e) => e.type)).not.toContain('PivotChoiceWindowLapsed');
  });
});
