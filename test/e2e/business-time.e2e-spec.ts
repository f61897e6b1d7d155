import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { expectRefused, streamEvents } from '../support/problems';

/** Two clocks: `occurredAt` is when it happened in the business (from the command), `recordedAt` when it was stored. */
describe.each<TestEngine>(['sqlite', 'postgres'])('business time on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  const occurredOn = (event: { metadata: { occurredAt: string } }) => event.metadata.occurredAt.slice(0, 10);

  it('a 2023 cycle recorded today is dated in 2023 end to end: opening on its first day, the rest and the delivered ratings on its last', async () => {
    await hr()
      .post('/v1/employees', hireBody('bt-1', { hireDate: '2022-02-01' }))
      .expect(201);
    await hr().post('/v1/review-cycles', { cycleId: 'bt-2023', name: '2023', periodStart: '2023-01-01', periodEnd: '2023-12-31' }).expect(201);
    await hr().post('/v1/review-cycles/bt-2023/self-assessments', { employeeId: 'bt-1', text: 'Shipped the ledger' }).expect(200);
    await hr().post('/v1/review-cycles/bt-2023/ratings', { employeeId: 'bt-1', managerId: 'm-1', rating: 'HV2' }).expect(200);
    await hr().post('/v1/review-cycles/bt-2023/calibrations', { employeeId: 'bt-1', rating: 'HV1', rationale: 'strong year' }).expect(200);
    await hr().post('/v1/review-cycles/bt-2023/finalize').expect(200);

    const cycle = await streamEvents(app, 'review-cycle-bt-2023');
    expect(cycle.map((e) => [e.type, occurredOn(e)])).toEqual([
      ['ReviewCycleOpened', '2023-01-01'],
      ['SelfAssessmentSubmitted', '2023-12-31'],
      ['RatingProposed', '2023-12-31'],
      ['RatingCalibrated', '2023-12-31'],
      ['ReviewCycleFinalized', '2023-12-31'],
      ['RatingFinalized', '2023-12-31'],
    ]);
    for (const event of cycle) expect(event.metadata.recordedAt.slice(0, 10)).toBe(today);
    const received = (await streamEvents(app, 'employee-bt-1')).find((e) => e.type === 'RatingReceived')!;
    expect(occurredOn(received)).toBe('2023-12-31');
  });

  it('takes occurredAt from the body where given, and the finalization’s business time onto the delivered ratings', async () => {
    await hr()
      .post('/v1/employees', hireBody('bt-2', { hireDate: '2022-02-01' }))
      .expect(201);
    await hr()
      .post('/v1/review-cycles', { cycleId: 'bt-h1', name: 'H1', periodStart: '2024-01-01', periodEnd: '2024-06-30', occurredAt: '2023-12-15' })
      .expect(201);
    await hr().post('/v1/review-cycles/bt-h1/ratings', { employeeId: 'bt-2', managerId: 'm-1', rating: 'HV2', occurredAt: '2024-07-03T09:30:00Z' }).expect(200);
    await hr().post('/v1/review-cycles/bt-h1/finalize', { occurredAt: '2024-07-20T16:00:00+02:00' }).expect(200);

    const cycle = await streamEvents(app, 'review-cycle-bt-h1');
    expect(cycle.map((e) => e.metadata.occurredAt)).toEqual([
      '2023-12-15T00:00:00.000Z',
      '2024-07-03T09:30:00.000Z',
      '2024-07-20T14:00:00.000Z',
      '2024-07-20T14:00:00.000Z',
    ]);
    const received = (await streamEvents(app, 'employee-bt-2')).find((e) => e.type === 'RatingReceived')!;
    expect(received.metadata.occurredAt).toBe('2024-07-20T14:00:00.000Z');
  });

  it('dates feedback on a cycle by the cycle’s end, other feedback and goal updates by occurredAt when given', async () => {
    await hr()
      .post('/v1/employees', hireBody('bt-3', { hireDate: '2022-02-01' }))
      .expect(201);
    await hr().post('/v1/review-cycles', { cycleId: 'bt-fb', name: 'FB', periodStart: '2023-01-01', periodEnd: '2023-06-30' }).expect(201);
    const feedback = { fromEmployeeId: 'm-1', kind: 'peer360', sentiment: 'positive', text: 'Great partner' };
    await hr()
      .post('/v1/employees/bt-3/feedback', { ...feedback, cycleId: 'bt-fb' })
      .expect(200);
    await hr()
      .post('/v1/employees/bt-3/feedback', { ...feedback, kind: 'anytime', occurredAt: '2023-03-14' })
      .expect(200);

    const recorded = (await streamEvents(app, 'employee-bt-3')).filter((e) => e.type === 'FeedbackRecorded');
    expect(recorded.map(occurredOn)).toEqual(['2023-06-30', '2023-03-14']);
    expect(recorded.every((e) => !('occurredAt' in (e.data as object)))).toBe(true);
  });

  it('a command with its own date happened on it: occurredAt may add the time of day, never another day', async () => {
    await hr()
      .post('/v1/employees', hireBody('bt-4', { hireDate: '2024-01-15', occurredAt: '2024-01-15T08:00:00Z' }))
      .expect(201);
    const [hired] = await streamEvents(app, 'employee-bt-4');
    expect(hired.metadata.occurredAt).toBe('2024-01-15T08:00:00.000Z');
    expect(hired.data).not.toHaveProperty('occurredAt');

    await expectRefused(app, () => hr().post('/v1/employees/bt-4/manager', { managerId: 'm-9', effectiveDate: '2024-03-01', occurredAt: '2024-02-28' }), {
      status: 400,
      fields: ['occurredAt'],
    });
    await expectRefused(app, () => hr().post('/v1/employees/bt-4/manager', { managerId: 'm-9', effectiveDate: '2024-03-01', occurredAt: 'yesterday' }), {
      status: 400,
      fields: ['occurredAt'],
    });
  });
});
