import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { eventsAfter, expectRefused, headPosition, streamEvents } from '../support/problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each<TestEngine>(['sqlite', 'postgres'])('employees on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');

  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Opens a cycle, proposes each grade and finalizes, so each employee has a final rating. */
  async function rate(cycleId: string, grades: Record<string, string>): Promise<void> {
    await hr().post('/v1/review-cycles', { cycleId, name: cycleId, periodStart: '2026-01-01', periodEnd: '2026-06-30' }).expect(201);
    for (const [employeeId, rating] of Object.entries(grades)) {
      await hr().post(`/v1/review-cycles/${cycleId}/ratings`, { employeeId, managerId: 'm-1', rating }).expect(200);
    }
    await hr().post(`/v1/review-cycles/${cycleId}/finalize`).expect(200);
  }

  describe('hiring', () => {
    it('answers 201 with the stream, its first revision, the global position and the appended event, and the revision as ETag', async () => {
      const before = await headPosition(app);
      const hired = await hr()
        .post('/v1/employees', hireBody('h-1', { location: 'Seattle' }))
        .expect(201);

      expect(hired.body).toEqual({
        streamId: 'employee-h-1',
        revision: 0,
        position: expect.any(Number),
        events: [{ id: expect.stringMatching(UUID), type: 'EmployeeHired' }],
      });
      expect(hired.body.position).toBeGreaterThan(before);
      expect(hired.headers.etag).toBe('"0"');
      const [stored] = await eventsAfter(app, before);
      expect(stored).toMatchObject({
        id: hired.body.events[0].id,
        type: 'EmployeeHired',
        streamId: 'employee-h-1',
        revision: 0,
        position: hired.body.position,
      });
      expect(stored.data).toMatchObject({
        employeeId: 'h-1',
        level: 'L5',
        jobFamily: 'SDE',
        orgId: 'payments',
        managerId: 'm-1',
        hireDate: '2024-01-15',
        location: 'Seattle',
      });
      expect(stored.metadata.occurredAt).toBe('2024-01-15T00:00:00.000Z');
    });

    it('shows the hired employee: active, level, org, manager, no rating, no plan, revision 0', async () => {
      await hr().post('/v1/employees', hireBody('h-2')).expect(201);
      const view = await hr().get('/v1/employees/h-2').expect(200);
      expect(view.body).toEqual({
        employeeId: 'h-2',
        status: 'active',
        level: 'L5',
        jobFamily: 'SDE',
        orgId: 'payments',
        managerId: 'm-1',
        hireDate: '2024-01-15',
        lastRating: null,
        scheduled: [],
        revision: 0,
      });
      expect(view.headers.etag).toBe('"0"');
    });

    it('lets compliance and admin read the employee, but not analysts', async () => {
      await hr().post('/v1/employees', hireBody('h-3')).expect(201);
      await as(app, 'compliance').get('/v1/employees/h-3').expect(200);
      await as(app, 'admin').get('/v1/employees/h-3').expect(200);
      await expectRefused(app, () => as(app, 'analyst').get('/v1/employees/h-3'), { status: 403, type: 'forbidden' });
    });

    it('refuses to hire the same employee twice with 409 and appends nothing', async () => {
      await hr().post('/v1/employees', hireBody('h-4')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees', hireBody('h-4', { level: 'L6' })), { status: 409, rule: 'employee-already-exists' });
      const view = await hr().get('/v1/employees/h-4').expect(200);
      expect(view.body).toMatchObject({ level: 'L5', revision: 0 });
    });

    it('refuses a hire with missing, malformed and unknown fields, naming every one', async () => {
      const { name: _name, ...withoutName } = hireBody('h-5');
      const response = await expectRefused(
        app,
        () => hr().post('/v1/employees', { ...withoutName, employeeId: 'not an id!', email: 'not-an-email', hireDate: '2026-02-30', salary: 100 }),
        { status: 400, type: 'invalid-input', fields: ['employeeId', 'name', 'email', 'hireDate', 'salary'] },
      );
      expect(response.body.errors).toEqual(expect.arrayContaining([{ field: 'salary', message: 'is not a known field' }]));
    });

    it('refuses an employee who would manage themselves (409 self-manager)', async () => {
      await expectRefused(app, () => hr().post('/v1/employees', hireBody('h-6', { managerId: 'h-6' })), { status: 409, rule: 'self-manager' });
      await expectRefused(app, () => hr().get('/v1/employees/h-6'), { status: 404, rule: 'employee-not-found' });
    });

    it('answers 404 for an employee who was never hired', async () => {
      await expectRefused(app, () => hr().get('/v1/employees/nobody'), { status: 404, rule: 'employee-not-found' });
    });

    it('answers 400 for an employee id that is not an id', async () => {
      await expectRefused(app, () => hr().get('/v1/employees/-bad'), { status: 400, type: 'invalid-input', fields: ['employeeId'] });
    });
  });

  describe('manager change', () => {
    it('records the old and the new manager and shows the new one', async () => {
      await hr().post('/v1/employees', hireBody('mc-1')).expect(201);
      const changed = await hr().post('/v1/employees/mc-1/manager', { managerId: 'm-2', effectiveDate: '2025-03-01' }).expect(200);
      expect(changed.body).toMatchObject({ streamId: 'employee-mc-1', revision: 1, events: [{ id: expect.stringMatching(UUID), type: 'ManagerChanged' }] });
      expect(changed.headers.etag).toBe('"1"');
      const [event] = (await streamEvents(app, 'employee-mc-1')).slice(-1);
      expect(event.data).toEqual({ employeeId: 'mc-1', fromManagerId: 'm-1', toManagerId: 'm-2', effectiveDate: '2025-03-01' });
      expect((await hr().get('/v1/employees/mc-1').expect(200)).body).toMatchObject({ managerId: 'm-2', revision: 1 });
    });

    it('refuses a change with a bad manager id and no date, naming both fields', async () => {
      await hr().post('/v1/employees', hireBody('mc-2')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/mc-2/manager', { managerId: '../boss' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['managerId', 'effectiveDate'],
      });
    });

    it('refuses naming the current manager again (409 manager-unchanged)', async () => {
      await hr().post('/v1/employees', hireBody('mc-3')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/mc-3/manager', { managerId: 'm-1', effectiveDate: '2025-03-01' }), {
        status: 409,
        rule: 'manager-unchanged',
      });
    });

    it('refuses a change dated before the hire (409 date-before-hire, naming effectiveDate)', async () => {
      await hr().post('/v1/employees', hireBody('mc-4')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/mc-4/manager', { managerId: 'm-2', effectiveDate: '2023-12-31' }), {
        status: 409,
        rule: 'date-before-hire',
        fields: ['effectiveDate'],
      });
    });

    it('answers 404 for an employee who was never hired', async () => {
      await expectRefused(app, () => hr().post('/v1/employees/nobody/manager', { managerId: 'm-2', effectiveDate: '2025-03-01' }), {
        status: 404,
        rule: 'employee-not-found',
      });
    });
  });

  describe('transfer', () => {
    it('moves the employee to the new org and manager, recording where from', async () => {
      await hr().post('/v1/employees', hireBody('t-1')).expect(201);
      const moved = await hr().post('/v1/employees/t-1/transfers', { toOrgId: 'search', toManagerId: 'm-7', effectiveDate: '2025-06-01' }).expect(200);
      expect(moved.body).toMatchObject({ revision: 1, events: [{ type: 'EmployeeTransferred' }] });
      const [event] = (await streamEvents(app, 'employee-t-1')).slice(-1);
      expect(event.data).toEqual({
        employeeId: 't-1',
        fromOrgId: 'payments',
        toOrgId: 'search',
        fromManagerId: 'm-1',
        toManagerId: 'm-7',
        effectiveDate: '2025-06-01',
        duringFocus: false,
      });
      expect((await hr().get('/v1/employees/t-1').expect(200)).body).toMatchObject({ orgId: 'search', managerId: 'm-7', status: 'active' });
    });

    it('leaves the person without a manager when the transfer names none: the old org’s manager does not follow', async () => {
      await hr().post('/v1/employees', hireBody('t-2')).expect(201);
      await hr().post('/v1/employees/t-2/transfers', { toOrgId: 'search', effectiveDate: '2025-06-01' }).expect(200);
      const employee = (await hr().get('/v1/employees/t-2').expect(200)).body;
      expect(employee).toMatchObject({ orgId: 'search' });
      expect(employee.managerId).toBeUndefined();
    });

    it('refuses a transfer with a bad org id, an impossible date and an unknown field, naming each', async () => {
      await hr().post('/v1/employees', hireBody('t-3')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/t-3/transfers', { toOrgId: 'a b', effectiveDate: '2025-13-01', reason: 'x' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['toOrgId', 'effectiveDate', 'reason'],
      });
    });

    it('refuses a transfer to the org the employee is already in (409 transfer-to-same-org)', async () => {
      await hr().post('/v1/employees', hireBody('t-4')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/t-4/transfers', { toOrgId: 'payments', effectiveDate: '2025-06-01' }), {
        status: 409,
        rule: 'transfer-to-same-org',
      });
    });

    it('answers 404 for an employee who was never hired', async () => {
      await expectRefused(app, () => hr().post('/v1/employees/nobody/transfers', { toOrgId: 'search', effectiveDate: '2025-06-01' }), {
        status: 404,
        rule: 'employee-not-found',
      });
    });
  });

  describe('separation', () => {
    it('decides regretted by the policy when the caller says nothing: a voluntary leaver rated HV3 or better is regretted, one rated LE is not', async () => {
      for (const id of ['s-good', 's-low', 's-new']) await hr().post('/v1/employees', hireBody(id)).expect(201);
      await rate('sep-cycle-1', { 's-good': 'HV2', 's-low': 'LE' });

      for (const id of ['s-good', 's-low', 's-new']) {
        await hr().post(`/v1/employees/${id}/separations`, { type: 'voluntary', reason: 'new job', effectiveDate: '2026-08-01' }).expect(200);
      }
      const separated = async (id: string) => (await streamEvents(app, `employee-${id}`)).find((e) => e.type === 'EmployeeSeparated')?.data;
      expect(await separated('s-good')).toEqual({
        employeeId: 's-good',
        type: 'voluntary',
        reason: 'new job',
        regretted: true,
        regrettedSource: 'policy',
        lastGrade: 'HV2',
        effectiveDate: '2026-08-01',
      });
      expect(await separated('s-low')).toMatchObject({ regretted: false, regrettedSource: 'policy', lastGrade: 'LE' });
      // Never rated: unknown history counts as regretted.
      expect(await separated('s-new')).toMatchObject({ regretted: true, regrettedSource: 'policy' });
      expect((await hr().get('/v1/employees/s-good').expect(200)).body).toMatchObject({ status: 'separated', separatedOn: '2026-08-01' });
    });

    it('records a dismissal for misconduct as unregretted by default', async () => {
      await hr().post('/v1/employees', hireBody('s-inv')).expect(201);
      await hr()
        .post('/v1/employees/s-inv/separations', {
          type: 'involuntary',
          reason: 'Broke the code of conduct',
          reasonCode: 'misconduct',
          effectiveDate: '2025-08-01',
        })
        .expect(200);
      const [event] = (await streamEvents(app, 'employee-s-inv')).slice(-1);
      expect(event.data).toMatchObject({ type: 'involuntary', reasonCode: 'misconduct', regretted: false, regrettedSource: 'policy' });
    });

    it("lets the caller's regretted value win over the policy", async () => {
      for (const id of ['s-c1', 's-c2']) await hr().post('/v1/employees', hireBody(id)).expect(201);
      await rate('sep-cycle-2', { 's-c1': 'LE', 's-c2': 'TT' });
      await hr().post('/v1/employees/s-c1/separations', { type: 'voluntary', reason: 'moved', regretted: true, effectiveDate: '2026-08-01' }).expect(200);
      await hr().post('/v1/employees/s-c2/separations', { type: 'voluntary', reason: 'moved', regretted: false, effectiveDate: '2026-08-01' }).expect(200);
      expect((await streamEvents(app, 'employee-s-c1')).at(-1)?.data).toMatchObject({ regretted: true, regrettedSource: 'caller', lastGrade: 'LE' });
      expect((await streamEvents(app, 'employee-s-c2')).at(-1)?.data).toMatchObject({ regretted: false, regrettedSource: 'caller', lastGrade: 'TT' });
    });

    it('refuses a separation with an unknown type, a non-boolean regretted and no date, naming each', async () => {
      await hr().post('/v1/employees', hireBody('s-bad')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/s-bad/separations', { type: 'fired', reason: 'x', regretted: 'yes' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['type', 'regretted', 'effectiveDate'],
      });
    });

    it('refuses a reason that only the Pivot steps may record (409 reserved-separation-reason)', async () => {
      await hr().post('/v1/employees', hireBody('s-res')).expect(201);
      await expectRefused(
        app,
        () => hr().post('/v1/employees/s-res/separations', { type: 'involuntary', reason: 'pivot_buyout', effectiveDate: '2025-08-01' }),
        {
          status: 409,
          rule: 'reserved-separation-reason',
          fields: ['reason'],
        },
      );
    });

    it('records nothing more once the employee is separated (409 employee-separated)', async () => {
      await hr().post('/v1/employees', hireBody('s-twice')).expect(201);
      await hr().post('/v1/employees/s-twice/separations', { type: 'voluntary', reason: 'moved', effectiveDate: '2025-08-01' }).expect(200);
      await expectRefused(app, () => hr().post('/v1/employees/s-twice/separations', { type: 'voluntary', reason: 'moved', effectiveDate: '2025-08-02' }), {
        status: 409,
        rule: 'employee-separated',
      });
      await expectRefused(app, () => hr().post('/v1/employees/s-twice/manager', { managerId: 'm-9', effectiveDate: '2025-08-02' }), {
        status: 409,
        rule: 'employee-separated',
      });
    });

    it('answers 404 for an employee who was never hired', async () => {
      await expectRefused(app, () => hr().post('/v1/employees/nobody/separations', { type: 'voluntary', reason: 'moved', effectiveDate: '2025-08-01' }), {
        status: 404,
        rule: 'employee-not-found',
      });
    });
  });

  describe('feedback', () => {
    it('records peer feedback with everything sent', async () => {
      await hr().post('/v1/employees', hireBody('f-1')).expect(201);
      const body = {
        fromEmployeeId: 'p-1',
        kind: 'peer360',
        sentiment: 'positive',
        principles: ['Ownership', 'Deliver Results'],
        text: 'Carried the launch',
        cycleId: '2026-H1',
      };
      const recorded = await hr().post('/v1/employees/f-1/feedback', body).expect(200);
      expect(recorded.body).toMatchObject({ streamId: 'employee-f-1', revision: 1, events: [{ type: 'FeedbackRecorded' }] });
      const [event] = (await streamEvents(app, 'employee-f-1')).slice(-1);
      expect(event.data).toEqual({ employeeId: 'f-1', ...body });
      // Feedback changes nothing of the employee's standing.
      expect((await hr().get('/v1/employees/f-1').expect(200)).body).toMatchObject({ status: 'active', revision: 1 });
    });

    it('refuses feedback with an unknown kind, no sentiment and blank text, naming each', async () => {
      await hr().post('/v1/employees', hireBody('f-2')).expect(201);
      await expectRefused(app, () => hr().post('/v1/employees/f-2/feedback', { fromEmployeeId: 'p-1', kind: 'gossip', text: '   ' }), {
        status: 400,
        type: 'invalid-input',
        fields: ['kind', 'sentiment', 'text'],
      });
    });

    it('refuses feedback an employee gives themselves (409 self-feedback)', async () => {
      await hr().post('/v1/employees', hireBody('f-3')).expect(201);
      await expectRefused(
        app,
        () => hr().post('/v1/employees/f-3/feedback', { fromEmployeeId: 'f-3', kind: 'anytime', sentiment: 'positive', text: 'I am great' }),
        {
          status: 409,
          rule: 'self-feedback',
        },
      );
    });

    it('answers 404 for an employee who was never hired', async () => {
      await expectRefused(app, () => hr().post('/v1/employees/nobody/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'neutral', text: 'ok' }), {
        status: 404,
        rule: 'employee-not-found',
      });
    });
  });
});

describe.each<TestEngine>(['sqlite', 'postgres'])('personal data on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  it('is stored encrypted and shown decrypted in the feed', async () => {
    const hr = as(app, 'hr');
    await hr.post('/v1/employees', hireBody('pii-1')).expect(201);
    await hr.post('/v1/employees/pii-1/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text: 'Led the outage review' }).expect(200);

    const stored = await app.get<EventStore>(EVENT_STORE).readStream('employee-pii-1');
    const raw = JSON.stringify(stored.events.map((e) => e.data));
    expect(raw).not.toMatch(/Dana Kim|pii-1@example\.com|Led the outage|30-39/);
    expect(stored.events[0].data).toMatchObject({ employeeId: 'pii-1', level: 'L5', name: { $pii: expect.any(String) } });

    const feed = await hr.get('/v1/events?after=0&limit=1000').expect(200);
    const mine = feed.body.events.filter((e: { streamId: string }) => e.streamId === 'employee-pii-1');
    expect(mine[0].data).toMatchObject({ name: 'Dana Kim', email: 'pii-1@example.com', attributes: { gender: 'f', ageBand: '30-39' } });
    expect(mine[1].data).toMatchObject({ text: 'Led the outage review' });
  });
});
