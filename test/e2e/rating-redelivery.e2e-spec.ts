import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { reviewCycleStreamId } from '@pm/domain';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';

describe.each<TestEngine>(['sqlite', 'postgres'])('rating redelivery on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  it('delivers a final rating whose delivery was lost (a crash right after the cycle was finalized)', async () => {
    const hr = as(app, 'hr');
    await hr.post('/v1/employees', hireBody('rd-1')).expect(201);
    await hr.post('/v1/review-cycles', { cycleId: 'rd-c', name: 'RD', periodStart: '2025-01-01', periodEnd: '2025-06-30' }).expect(201);
    const proposed = await hr.post('/v1/review-cycles/rd-c/ratings', { employeeId: 'rd-1', managerId: 'm-1', rating: 'HV1' }).expect(200);
    // What the finalize command appends to the cycle, written without the delivery that follows it.
    const store = app.get<EventStore>(EVENT_STORE);
    const metadata = {
      actor: { id: 'hr-test', role: 'hr' },
      occurredAt: '2025-07-01T00:00:00.000Z',
      correlationId: 'lost-delivery',
      tenantId: 'default',
      policyVersion: 'default@1',
    };
    await store.append(
      reviewCycleStreamId('rd-c'),
      [
        { id: '6d1d3a52-7d6a-4c52-9a43-000000000001', type: 'ReviewCycleFinalized', data: { cycleId: 'rd-c', ratedEmployees: 1 }, metadata },
        {
          id: '6d1d3a52-7d6a-4c52-9a43-000000000002',
          type: 'RatingFinalized',
          data: { cycleId: 'rd-c', employeeId: 'rd-1', rating: 'HV1', calibrated: false, periodEnd: '2025-06-30', policy: 'default@1' },
          metadata,
        },
      ],
      { expectedRevision: proposed.body.revision },
    );

    const deadline = Date.now() + 10_000;
    let view = (await hr.get('/v1/employees/rd-1').expect(200)).body;
    while (!view.lastRating && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = (await hr.get('/v1/employees/rd-1').expect(200)).body;
    }
    expect(view.lastRating).toEqual({ cycleId: 'rd-c', rating: 'HV1', policy: 'default@1' });
    const own = await store.readStream('employee-rd-1');
    const received = own.events.filter((e) => e.type === 'RatingReceived');
    expect(received).toHaveLength(1);
    expect(received[0].metadata).toMatchObject({ causationId: '6d1d3a52-7d6a-4c52-9a43-000000000002', actor: { id: 'rating-redelivery', role: 'system' } });
  });
});
