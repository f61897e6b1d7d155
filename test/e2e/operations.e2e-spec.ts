import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp, type TestEngine } from '../support/app';
import { as, hireBody } from '../support/http';
import { eventsAfter, expectRefused, headPosition } from '../support/problems';
import { declaredRoutes } from '../support/routes';

interface Route {
  method: 'get' | 'post' | 'put';
  /** OpenAPI style: /v1/employees/{employeeId} */
  path: string;
}

/** OpenAPI style paths: /v1/employees/{employeeId} */
const routesOf = (app: NestFastifyApplication): Route[] =>
  declaredRoutes(app).map((r) => ({ method: r.method.toLowerCase() as Route['method'], path: r.path.replace(/:(\w+)/g, '{$1}') }));

/** Commands the contract gives no body. */
const WITHOUT_BODY = new Set(['post /v1/review-cycles/{cycleId}/finalize', 'post /v1/audit/checkpoints']);

type OpenApi = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { content?: Record<string, unknown> }> }
    >
  >;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
};

describe.each<TestEngine>(['sqlite', 'postgres'])('operations on %s', (engine) => {
  describe('with the default settings', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp(engine);
    });
    afterAll(async () => {
      await app.close();
    });

    describe('the OpenAPI document', () => {
      let doc: OpenApi;
      let routes: Route[];
      beforeAll(async () => {
        const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        doc = response.body as OpenApi;
        routes = routesOf(app);
      });

      it('is OpenAPI 3 and lists every route of the app, including /health and /metrics', () => {
        expect(doc.openapi).toMatch(/^3\./);
        expect(routes.length).toBeGreaterThanOrEqual(25);
        const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
        expect(missing).toEqual([]);
        expect(doc.paths['/health']?.get).toBeDefined();
        expect(doc.paths['/metrics']?.get).toBeDefined();
      });

      it('describes the JSON body of every POST and PUT route with a schema', () => {
        const writes = routes.filter((r) => r.method !== 'get' && !WITHOUT_BODY.has(`${r.method} ${r.path}`));
        expect(writes.length).toBeGreaterThanOrEqual(18);
        const undocumented = writes.filter((r) => {
          const schema = doc.paths[r.path][r.method].requestBody?.content['application/json']?.schema;
          if (!schema) return true;
          return schema.$ref !== undefined && !doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
        });
        expect(undocumented.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      });

      it("names the hire body's required fields and leaves the optional ones optional", () => {
        const ref = doc.paths['/v1/employees'].post.requestBody?.content['application/json'].schema.$ref ?? '';
        const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
        expect([...(schema.required ?? [])].sort()).toEqual(['email', 'employeeId', 'hireDate', 'jobFamily', 'level', 'name', 'orgId']);
        expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['managerId', 'location', 'attributes']));
      });

      it('documents 400, 401, 403 and 409 as application/problem+json on every command route', () => {
        const commands = routes.filter((r) => r.method !== 'get');
        const gaps = commands.flatMap((r) =>
          ['400', '401', '403', '409']
            .filter((status) => !doc.paths[r.path][r.method].responses[status]?.content?.['application/problem+json'])
            .map((status) => `${r.method} ${r.path} ${status}`),
        );
        expect(gaps).toEqual([]);
      });
    });

    it('serves the API explorer as HTML at /docs', async () => {
      const response = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(/swagger/i);
    });

    it('exposes Prometheus metrics that count requests by route and appends by commands', async () => {
      const appends = (text: string): number => Number(/^event_store_appends_total (\d+)/m.exec(text)?.[1] ?? NaN);
      const before = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(before.headers['content-type']).toMatch(/^text\/plain/);

      await as(app, 'hr').post('/v1/employees', hireBody('ops-1')).expect(201);
      const after = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(appends(after.text)).toBe(appends(before.text) + 1);
      expect(after.text).toMatch(/^# TYPE http_requests_total counter$/m);
      expect(after.text).toMatch(/^http_requests_total\{method="POST",route="\/v1\/employees",status="201"\} 1$/m);
      expect(after.text).toMatch(/^event_store_appended_events_total \d+$/m);
    });

    it('sends security headers on answers and on problems', async () => {
      const ok = await as(app, 'hr').get('/v1/events?limit=1').expect(200);
      const problem = await expectRefused(app, () => request(app.getHttpServer()).get('/v1/events'), { status: 401, type: 'unauthorized' });
      for (const response of [ok, problem]) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('with a 2 KiB body limit', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp(engine, { BODY_LIMIT_BYTES: '2048' });
      await as(app, 'hr').post('/v1/employees', hireBody('big-1')).expect(201);
    });
    afterAll(async () => {
      await app.close();
    });

    it('refuses a larger body with 413 problem+json and appends nothing', async () => {
      const text = 'x'.repeat(3000);
      await expectRefused(
        app,
        () => as(app, 'hr').post('/v1/employees/big-1/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text }),
        {
          status: 413,
          type: 'payload-too-large',
        },
      );
      await expectRefused(app, () => as(app, 'hr').post('/v1/employees', hireBody('big-2', { location: 'y'.repeat(3000) })), { status: 413 });
    });

    it('accepts a body under the limit', async () => {
      const before = await headPosition(app);
      await as(app, 'hr')
        .post('/v1/employees/big-1/feedback', { fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text: 'x'.repeat(1500) })
        .expect(200);
      expect(await eventsAfter(app, before)).toHaveLength(1);
    });
  });

  describe('with a limit of 5 requests per minute', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp(engine, { RATE_LIMIT_PER_MINUTE: '5' });
    });
    afterAll(async () => {
      await app.close();
    });

    it('answers 429 problem+json to the sixth request with one key, appends nothing, and still serves another key', async () => {
      for (let i = 0; i < 5; i++) await as(app, 'hr').get('/v1/events?limit=1').expect(200);
      await expectRefused(app, () => as(app, 'hr').post('/v1/employees', hireBody('rl-1')), { status: 429, type: 'rate-limited' });
      await expectRefused(app, () => as(app, 'hr').get('/v1/events?limit=1'), { status: 429 });
      await as(app, 'admin').get('/v1/events?limit=1').expect(200);
    });
  });
});
