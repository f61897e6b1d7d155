import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { APP_CONFIG, KEY_STORE, PersonalData, type AppConfig, type KeyStore } from '@pm/platform';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { streamEvents } from '../support/problems';

describe.each<TestEngine>(['sqlite', 'postgres'])('an erasure interrupted by a crash, on %s', (engine) => {
  it('is finished at the next start when it was recorded, and forgotten when it was not', async () => {
    let app: NestFastifyApplication = await startTestApp(engine);
    const { dataDir, eventStore } = app.get<AppConfig>(APP_CONFIG);
    const restart = eventStore.engine === 'postgres' ? { DATA_DIR: dataDir, DATABASE_URL: eventStore.url } : { DATA_DIR: dataDir };
    await as(app, 'hr').post('/v1/employees', hireBody('cr-recorded')).expect(201);
    await as(app, 'hr').post('/v1/employees', hireBody('cr-unrecorded')).expect(201);

    // What a process dies after: the erasure marked and, for one person, recorded; no key destroyed.
    const keys = app.get<KeyStore>(KEY_STORE);
    await keys.beginErasure('cr-recorded');
    await keys.beginErasure('cr-unrecorded');
    const reason = await app.get(PersonalData).protect('PersonalDataErased', { employeeId: 'cr-recorded', reason: 'request 17' });
    await app.get<EventStore>(EVENT_STORE).append('employee-cr-recorded', [
      {
        id: randomUUID(),
        type: 'PersonalDataErased',
        data: reason,
        metadata: {
          actor: { id: 'admin:x', role: 'admin' },
          occurredAt: new Date().toISOString(),
          correlationId: 'crash',
          causationId: 'crash',
          tenantId: 'default',
        },
      },
    ]);
    expect((await streamEvents(app, 'employee-cr-recorded'))[0].data).toMatchObject({ name: 'Dana Kim' });
    await app.close();

    app = await startTestApp(engine, restart);
    try {
      expect((await streamEvents(app, 'employee-cr-recorded'))[0].data).toMatchObject({ name: '[erased]', email: '[erased]' });
      expect((await streamEvents(app, 'employee-cr-unrecorded'))[0].data).toMatchObject({ name: 'Dana Kim' });
      expect(await app.get<KeyStore>(KEY_STORE).erasuresUnderWay()).toEqual([]);
      // The unrecorded one can be asked again and then holds.
      await as(app, 'admin').post('/v1/employees/cr-unrecorded/erasure', {}).expect(200);
      expect((await streamEvents(app, 'employee-cr-unrecorded'))[0].data).toMatchObject({ name: '[erased]' });
    } finally {
      await app.close();
    }
  });
});
