import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HeavyJobs } from '../../apps/api/src/common/heavy-job';
import { startTestApp, TEST_KEYS } from '../support/app';
import { as } from '../support/http';
import { expectProblem } from '../support/problems';

/** The key id a principal is known by (the first 12 hex characters of the key's SHA-256). */
const callerOf = (key: string): string => `key:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;

describe('one heavy request at a time per API key', () => {
  let app: NestFastifyApplication;
  let jobs: HeavyJobs;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { RATE_LIMIT_PER_MINUTE: '1000000' });
    jobs = app.get(HeavyJobs);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a heavy request (429 heavy-job-in-progress, Retry-After) while the same key runs one, on every heavy route; other keys and light routes go on', async () => {
    // A heavy job of the compliance key in progress: held here, so the test does not depend on timing.
    const release = jobs.tryStart(callerOf(TEST_KEYS.compliance), 'GET /v1/audit/verify');
    expect(release).toBeDefined();
    try {
      const verify = await as(app, 'compliance').get('/v1/audit/verify');
      expectProblem(verify, { status: 429, type: 'heavy-job-in-progress' });
      expect(verify.headers['retry-after']).toBe('5');
      expect(verify.body.running).toBe('GET /v1/audit/verify');
      expectProblem(await as(app, 'compliance').get('/v1/stats/adverse-impact?attribute=gender'), { status: 429, type: 'heavy-job-in-progress' });

      await as(app, 'admin').get('/v1/audit/verify').expect(200);
      await as(app, 'compliance').get('/v1/audit/digest').expect(200);
    } finally {
      release?.();
    }
    await as(app, 'compliance').get('/v1/audit/verify').expect(200);
    await as(app, 'compliance').get('/v1/stats/adverse-impact?attribute=gender').expect(200);
    expect(jobs.runningFor(callerOf(TEST_KEYS.compliance))).toBeUndefined();
  });

  it('applies to replays, and gives the slot back when the heavy request fails', async () => {
    const analyst = callerOf(TEST_KEYS.analyst);
    const release = jobs.tryStart(analyst, 'POST /v1/replays');
    try {
      expectProblem(await as(app, 'analyst').post('/v1/replays', { policy: {} }), { status: 429, type: 'heavy-job-in-progress' });
    } finally {
      release?.();
    }
    // Refused by the replay itself (the proposed policy is checked in the handler): the slot is free again afterwards.
    const failed = await as(app, 'analyst').post('/v1/replays', { policy: {} });
    expectProblem(failed, { status: failed.status });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.body.type).not.toMatch(/heavy-job-in-progress$/);
    expect(jobs.runningFor(analyst)).toBeUndefined();
    expect(jobs.tryStart(analyst, 'check')).toBeDefined();
  });

  it('gives a slot back only once, and never frees a slot taken after it', () => {
    const first = jobs.tryStart('key:test', 'A');
    first?.();
    const second = jobs.tryStart('key:test', 'B');
    first?.();
    expect(jobs.runningFor('key:test')).toMatchObject({ route: 'B' });
    expect(jobs.tryStart('key:test', 'C')).toBeUndefined();
    second?.();
    expect(jobs.runningFor('key:test')).toBeUndefined();
  });
});
