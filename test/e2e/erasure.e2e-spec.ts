import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, verifyStreamChain, type EventStore } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { eventsAfter, expectRefused, streamEvents } from '../support/problems';

describe.each<TestEngine>(['sqlite', 'postgres'])('erasure of personal data on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
    const hr = as(app, 'hr');
    await hr.post('/v1/employees', hireBody('gone-1')).expect(201);
    await hr
      .post('/v1/employees/gone-1/feedback', { fromEmployeeId: 'p-1', kind: 'peer360', sentiment: 'positive', text: 'Mentored two new hires' })
      .expect(200);
    await hr.post('/v1/employees/gone-1/separations', { type: 'voluntary', reason: 'moving to Lisbon', effectiveDate: '2026-03-31' }).expect(200);
    await hr.post('/v1/employees', hireBody('stays-1')).expect(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('records PersonalDataErased, shows every personal field as erased, keeps the rest and the hash chain', async () => {
    const before = await streamEvents(app, 'employee-gone-1');
    expect(before[0].data).toMatchObject({ name: 'Dana Kim' });

    const erased = await as(app, 'admin').post('/v1/employees/gone-1/erasure', { reason: 'request 2026-11-22/17' }).expect(200);
    expect(erased.body.events.map((e: { type: string }) => e.type)).toEqual(['PersonalDataErased']);

    const after = await streamEvents(app, 'employee-gone-1');
    expect(after[0].data).toMatchObject({ employeeId: 'gone-1', level: 'L5', orgId: 'payments', name: '[erased]', email: '[erased]', attributes: '[erased]' });
    expect(after[1].data).toMatchObject({ fromEmployeeId: 'p-1', sentiment: 'positive', text: '[erased]' });
    expect(after[2].data).toMatchObject({ type: 'voluntary', regretted: true, reason: '[erased]', effectiveDate: '2026-03-31' });
    expect(after.map((e) => e.hash)).toEqual([...before.map((e) => e.hash), after[3].hash]);

    const stored = await app.get<EventStore>(EVENT_STORE).readStream('employee-gone-1');
    expect(verifyStreamChain(stored.events)).toMatchObject({ ok: true, checkedEvents: 4 });
    expect((await as(app, 'hr').get('/v1/employees/gone-1').expect(200)).body).toMatchObject({ status: 'separated', level: 'L5' });

    const others = await streamEvents(app, 'employee-stays-1');
    expect(others[0].data).toMatchObject({ name: 'Dana Kim' });
  });

  it('answers a repeated request without appending again', async () => {
    const head = (await eventsAfter(app, 0)).length;
    const again = await as(app, 'admin').post('/v1/employees/gone-1/erasure', {}).expect(200);
    expect(again.body.events).toEqual([]);
    expect((await eventsAfter(app, 0)).length).toBe(head);
  });

  it('refuses new personal data for an erased person, an unknown employee, and callers other than admin', async () => {
    await expectRefused(app, () => as(app, 'hr').post('/v1/employees/gone-1/erasure', {}), { status: 403, type: 'forbidden' });
    await expectRefused(app, () => as(app, 'admin').post('/v1/employees/nobody-1/erasure', {}), { status: 404, rule: 'employee-not-found' });
    await as(app, 'admin').post('/v1/employees/stays-1/erasure', {}).expect(200);
    await expectRefused(
      app,
      () => as(app, 'hr').post('/v1/employees/stays-1/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'neutral', text: 'again' }),
      {
        status: 409,
        rule: 'personal-data-erased',
      },
    );
  });
});
