import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, verifyStreamChain, type EventEnvelope, type EventStore } from '@pm/event-store';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { expectRefused } from '../support/problems';

interface Entry {
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  summary: string;
  data: Record<string, unknown>;
  streamId: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<TestEngine>(['sqlite', 'postgres'])('compliance reads on %s', (engine) => {
  let app: NestFastifyApplication;
  const hr = () => as(app, 'hr');
  /** recordedAt of the transfer: the instant between what was known before and after it. */
  let knownAfterTransfer: string;

  const timeline = async (query = '', role: 'compliance' | 'hr' | 'admin' = 'compliance'): Promise<Entry[]> =>
    (await as(app, role).get(`/v1/employees/t-1/timeline${query}`).expect(200)).body.entries;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await hr()
      .post('/v1/employees', hireBody('t-1', { name: 'Ada Lovelace' }))
      .expect(201);
    await hr().post('/v1/employees', hireBody('t-other')).expect(201);
    await hr().post('/v1/review-cycles', { cycleId: '2025-H1', name: 'H1 2025', periodStart: '2025-01-01', periodEnd: '2025-06-30' }).expect(201);
    await hr().post('/v1/review-cycles/2025-H1/self-assessments', { employeeId: 't-1', text: 'Shipped the ledger' }).expect(200);
    await hr().post('/v1/review-cycles/2025-H1/ratings', { employeeId: 't-1', managerId: 'm-1', rating: 'HV2', narrative: 'Solid year' }).expect(200);
    await hr().post('/v1/review-cycles/2025-H1/ratings', { employeeId: 't-other', managerId: 'm-1', rating: 'HV1' }).expect(200);
    await hr()
      .post('/v1/review-cycles/2025-H1/calibrations', { employeeId: 't-1', rating: 'HV3', rank: 4, groupId: 'payments', rationale: 'Peer comparison' })
      .expect(200);
    await hr().post('/v1/review-cycles/2025-H1/finalize').expect(200);
    await hr().post('/v1/employees/t-1/transfers', { toOrgId: 'ledger', effectiveDate: '2025-09-01' }).expect(200);
    await pause(20);
    knownAfterTransfer = (await timeline()).at(-1)!.recordedAt;
    await pause(20);
    // Learned late: a manager change that took effect before the transfer.
    await hr().post('/v1/employees/t-1/manager', { managerId: 'm-2', effectiveDate: '2025-08-01' }).expect(200);
    await hr().post('/v1/employees/t-1/separations', { type: 'voluntary', reason: 'moving abroad', effectiveDate: '2025-12-31' }).expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every event about the employee from every stream, in global order, with summaries and decrypted data', async () => {
    const entries = await timeline();
    expect(entries.map((e) => e.type)).toEqual([
      'EmployeeHired',
      'SelfAssessmentSubmitted',
      'RatingProposed',
      'RatingCalibrated',
      'RatingFinalized',
      'RatingReceived',
      'EmployeeTransferred',
      'ManagerChanged',
      'EmployeeSeparated',
    ]);
    const positions = entries.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(entries.map((e) => e.streamId))).toEqual(new Set(['employee-t-1', 'review-cycle-2025-H1']));
    expect(entries[0]).toMatchObject({ actor: { role: 'hr' }, data: { name: 'Ada Lovelace', employeeId: 't-1' }, occurredAt: '2024-01-15T00:00:00.000Z' });
    expect(entries[0].summary).toContain('Ada Lovelace');
    expect(entries[3].summary).toMatch(/HV2.*HV3/);
    expect(entries[1].data).toMatchObject({ text: 'Shipped the ledger' });
    for (const entry of entries) expect(entry.summary.length).toBeGreaterThan(5);
  });

  it('answers as known at an instant (asOf = recordedAt): the late manager change and the separation are not known yet', async () => {
    const entries = await timeline(`?asOf=${encodeURIComponent(knownAfterTransfer)}`);
    expect(entries.map((e) => e.type).slice(-2)).toEqual(['RatingReceived', 'EmployeeTransferred']);
    expect(entries.every((e) => e.recordedAt <= knownAfterTransfer)).toBe(true);
    expect(await timeline('?asOf=2000-01-01')).toEqual([]);
  });

  it('answers as true on a date (effectiveAt = occurredAt): the manager change counts from 2025-08-01 though recorded later', async () => {
    const types = (await timeline('?effectiveAt=2025-08-15')).map((e) => e.type);
    expect(types).toContain('ManagerChanged');
    expect(types).not.toContain('EmployeeTransferred');
    expect(types).not.toContain('EmployeeSeparated');
    const both = (await timeline(`?effectiveAt=2025-08-15&asOf=${encodeURIComponent(knownAfterTransfer)}`)).map((e) => e.type);
    expect(both).not.toContain('ManagerChanged');
  });

  it('exports the stored envelopes unchanged as NDJSON: same bytes as the store, personal fields sealed, chains verifiable', async () => {
    const response = await as(app, 'compliance').get('/v1/employees/t-1/history.ndjson').expect(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = response.text.trimEnd().split('\n');
    const envelopes = lines.map((line) => JSON.parse(line) as EventEnvelope);
    const store = app.get<EventStore>(EVENT_STORE);
    const own = (await store.readStream('employee-t-1')).events;
    expect(envelopes.filter((e) => e.streamId === 'employee-t-1')).toEqual(own);
    expect(verifyStreamChain(envelopes.filter((e) => e.streamId === 'employee-t-1'))).toMatchObject({ ok: true });
    expect(JSON.stringify(envelopes[0].data)).not.toContain('Ada Lovelace');
    expect(envelopes[0].data).toMatchObject({ name: { $pii: expect.stringMatching(/^v2\./) } });
    const cycle = (await store.readStream('review-cycle-2025-H1')).events.filter((e) => (e.data as { employeeId?: string }).employeeId === 't-1');
    expect(envelopes.filter((e) => e.streamId === 'review-cycle-2025-H1')).toEqual(cycle);
  });

  it('records every timeline and history read in the access log', async () => {
    await as(app, 'hr').get('/v1/employees/t-other/timeline').expect(200);
    await as(app, 'admin').get('/v1/employees/t-other/history.ndjson').expect(200);
    const log = await as(app, 'admin').get('/v1/audit/access-log?employeeId=t-other').expect(200);
    expect(log.body.entries.map((e: { endpoint: string; role: string }) => `${e.role} ${e.endpoint}`)).toEqual([
      'hr GET /v1/employees/:employeeId/timeline',
      'admin GET /v1/employees/:employeeId/history.ndjson',
    ]);
  });

  it('answers 404 for an unknown employee, 400 for a bad instant, 403 for analysts', async () => {
    await expectRefused(app, () => as(app, 'compliance').get('/v1/employees/nobody/timeline'), { status: 404, rule: 'employee-not-found' });
    await expectRefused(app, () => as(app, 'compliance').get('/v1/employees/nobody/history.ndjson'), { status: 404, rule: 'employee-not-found' });
    const bad = await as(app, 'compliance').get('/v1/employees/t-1/timeline?asOf=yesterday&effectiveAt=2025-13-01').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'effectiveAt']);
    await as(app, 'analyst').get('/v1/employees/t-1/timeline').expect(403);
    await as(app, 'hr').get('/v1/employees/t-1/history.ndjson').expect(403);
  });

  it('shows personal fields as erased after an erasure, keeps the rest, and the history still verifies', async () => {
    await as(app, 'admin').post('/v1/employees/t-1/erasure', { reason: 'request 17' }).expect(200);
    const entries = await timeline();
    expect(entries.at(-1)).toMatchObject({ type: 'PersonalDataErased' });
    expect(entries[0].data).toMatchObject({ name: '[erased]', email: '[erased]', level: 'L5' });
    expect(entries[0].summary).not.toContain('Ada Lovelace');
    expect(entries[1].data).toMatchObject({ text: '[erased]' });
    const lines = (await as(app, 'compliance').get('/v1/employees/t-1/history.ndjson').expect(200)).text.trimEnd().split('\n');
    const own = lines.map((l) => JSON.parse(l) as EventEnvelope).filter((e) => e.streamId === 'employee-t-1');
    expect(verifyStreamChain(own)).toMatchObject({ ok: true });
  });
});
