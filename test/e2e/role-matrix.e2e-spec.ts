import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp, TEST_KEYS } from '../support/app';
import { declaredRoutes } from '../support/routes';

type Role = keyof typeof TEST_KEYS;
const ALL: Role[] = ['hr', 'compliance', 'analyst', 'admin'];

/** The contract's role rules, written out by hand: the test fails if a route is missing here. */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /dashboard': 'public',
  'GET /dashboard/dashboard.js': 'public',
  'GET /dashboard/charts.js': 'public',
  'GET /dashboard/dashboard.css': 'public',
  'POST /v1/employees': ['hr'],
  'GET /v1/employees/:employeeId': ['hr', 'compliance', 'admin'],
  'POST /v1/employees/:employeeId/manager': ['hr'],
  'POST /v1/employees/:employeeId/transfers': ['hr'],
  'POST /v1/employees/:employeeId/separations': ['hr'],
  'POST /v1/employees/:employeeId/feedback': ['hr'],
  'POST /v1/employees/:employeeId/rehire': ['hr'],
  'POST /v1/employees/:employeeId/leave': ['hr'],
  'POST /v1/employees/:employeeId/leave/end': ['hr'],
  'POST /v1/employees/:employeeId/job-changes': ['hr'],
  'POST /v1/employees/:employeeId/pay': ['hr'],
  'POST /v1/employees/:employeeId/sign-on': ['hr'],
  'POST /v1/employees/:employeeId/equity-grants': ['hr'],
  'POST /v1/employees/:employeeId/corrections': ['hr', 'admin'],
  'POST /v1/employees/:employeeId/focus': ['hr'],
  'POST /v1/employees/:employeeId/focus/goals/:goalId': ['hr'],
  'POST /v1/employees/:employeeId/focus/close': ['hr'],
  'POST /v1/employees/:employeeId/pivot': ['hr'],
  'POST /v1/employees/:employeeId/pivot/choice': ['hr'],
  'POST /v1/employees/:employeeId/pivot/appeal': ['hr'],
  'POST /v1/employees/:employeeId/pivot/close': ['hr'],
  'POST /v1/employees/:employeeId/promotions': ['hr'],
  'POST /v1/employees/:employeeId/promotions/:promotionId/decision': ['hr'],
  'POST /v1/review-cycles': ['hr'],
  'POST /v1/review-cycles/:cycleId/self-assessments': ['hr'],
  'POST /v1/review-cycles/:cycleId/ratings': ['hr'],
  'POST /v1/review-cycles/:cycleId/calibrations': ['hr'],
  'POST /v1/review-cycles/:cycleId/finalize': ['hr'],
  'GET /v1/policies/:policyId': ['hr', 'compliance', 'analyst', 'admin'],
  'PUT /v1/policies/:policyId': ['admin'],
  'GET /v1/events': ['hr', 'admin'],
  'POST /v1/employees/:employeeId/erasure': ['admin'],
  'GET /v1/audit/access-log': ['admin'],
  'GET /v1/audit/verify': ['compliance', 'admin'],
  'GET /v1/audit/digest': ['compliance', 'admin'],
  'GET /v1/audit/public-key': 'public',
  'POST /v1/audit/checkpoints': ['compliance', 'admin'],
  'GET /v1/audit/checkpoints': ['compliance', 'admin'],
  'GET /v1/employees/:employeeId/proof': ['compliance', 'admin'],
  'GET /v1/employees/:employeeId/timeline': ['compliance', 'admin', 'hr'],
  'GET /v1/employees/:employeeId/history.ndjson': ['compliance', 'admin'],
  'GET /v1/review-cycles/:cycleId/distribution': ['hr', 'analyst', 'admin'],
  'GET /v1/review-cycles': ['hr', 'analyst', 'admin'],
  'GET /v1/stats/attrition': ['analyst', 'admin'],
  'GET /v1/stats/hire-to-fire': ['analyst', 'compliance', 'admin'],
  'GET /v1/stats/feedback-divergence': ['analyst', 'compliance', 'admin'],
  'GET /v1/stats/adverse-impact': ['analyst', 'compliance', 'admin'],
  'GET /v1/admin/projections': ['admin'],
  'POST /v1/replays': ['analyst', 'admin'],
  'GET /v1/replays/:replayId': ['analyst', 'admin'],
  'GET /v1/admin/projections/dead-letters': ['admin'],
  'GET /v1/employees/:employeeId/pay-trajectory': ['hr', 'compliance'],
  'GET /v1/retention-risks': ['hr', 'admin'],
  'GET /v1/stats/retention-risks': ['analyst', 'admin'],
};

describe('role rules', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await app.close();
  });

  it('every route declares a role rule, and the table below lists every route', () => {
    const routes = declaredRoutes(app).map((r) => ({ key: `${r.method} ${r.path}`, rule: r.rule }));
    expect(routes.filter((r) => !r.rule).map((r) => r.key)).toEqual([]);
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([key, rule]) => {
    const callers: (Role | 'none')[] = ['none', ...ALL];
    return callers.map((caller) => [key, caller, rule] as const);
  });

  it.each(cases)('%s as %s', async (key, caller, rule) => {
    const [method, path] = key.split(' ');
    const url = path.replace(/:(\w+)/g, 'x-1');
    let call = request(app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'put'](url);
    if (caller !== 'none') call = call.set('authorization', `Bearer ${TEST_KEYS[caller]}`);
    const response = method === 'GET' ? await call : await call.send({});
    if (rule === 'public') {
      expect(response.status).toBeLessThan(400);
    } else if (caller === 'none') {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    } else if (rule.includes(caller)) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 403, type: expect.stringMatching(/forbidden$/) });
    }
  });

  it('refuses an unknown key with 401 and a WWW-Authenticate challenge', async () => {
    const response = await request(app.getHttpServer()).get('/v1/events').set('authorization', 'Bearer not-a-key-at-all-xxxx');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});
