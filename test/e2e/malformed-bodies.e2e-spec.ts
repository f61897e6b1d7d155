import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { DEFAULT_POLICY } from '@pm/domain';
import { COMMAND_BODY_LIMITS, ROUTE_BODY_LIMITS } from '../../apps/api/src/body-limits';
import { startTestApp, TEST_KEYS } from '../support/app';
import { hireBody } from '../support/http';
import { declaredRoutes } from '../support/routes';

/** A valid body per write endpoint; every mutation below makes it invalid. */
const ENDPOINTS: { method: 'POST' | 'PUT'; url: string; valid: Record<string, unknown>; required: string[] }[] = [
  { method: 'POST', url: '/v1/employees', valid: hireBody('fz-new'), required: ['employeeId', 'name', 'email', 'level', 'jobFamily', 'orgId', 'hireDate'] },
  { method: 'POST', url: '/v1/employees/fz-1/manager', valid: { managerId: 'm-9', effectiveDate: '2026-01-01' }, required: ['managerId', 'effectiveDate'] },
  { method: 'POST', url: '/v1/employees/fz-1/transfers', valid: { toOrgId: 'search', effectiveDate: '2026-01-01' }, required: ['toOrgId', 'effectiveDate'] },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/separations',
    valid: { type: 'voluntary', reason: 'moved', effectiveDate: '2026-01-01' },
    required: ['type', 'reason', 'effectiveDate'],
  },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/feedback',
    valid: { fromEmployeeId: 'p-1', kind: 'peer360', sentiment: 'positive', text: 'great' },
    required: ['fromEmployeeId', 'kind', 'sentiment', 'text'],
  },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/focus',
    valid: { startDate: '2026-07-06', dueDate: '2026-09-04', reason: 'LE', goals: [{ goalId: 'g1', description: 'd', measure: 'm' }] },
    required: ['startDate', 'dueDate', 'reason', 'goals'],
  },
  { method: 'POST', url: '/v1/employees/fz-1/focus/goals/g1', valid: { status: 'met' }, required: ['status'] },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/focus/close',
    valid: { outcome: 'succeeded', effectiveDate: '2026-09-04' },
    required: ['outcome', 'effectiveDate'],
  },
  { method: 'POST', url: '/v1/employees/fz-1/pivot', valid: { startDate: '2026-09-07', reason: 'escalated' }, required: ['startDate', 'reason'] },
  { method: 'POST', url: '/v1/employees/fz-1/pivot/choice', valid: { option: 'appeal', effectiveDate: '2026-09-08' }, required: ['option', 'effectiveDate'] },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/pivot/appeal',
    valid: { outcome: 'upheld', panel: ['p-1'], decidedAt: '2026-09-30T10:00:00Z' },
    required: ['outcome', 'panel', 'decidedAt'],
  },
  { method: 'POST', url: '/v1/employees/fz-1/pivot/close', valid: { outcome: 'passed', effectiveDate: '2026-10-30' }, required: ['outcome', 'effectiveDate'] },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/promotions',
    valid: { promotionId: 'pr-1', toLevel: 'L6', nominatedBy: 'm-1' },
    required: ['promotionId', 'toLevel', 'nominatedBy'],
  },
  {
    method: 'POST',
    url: '/v1/employees/fz-1/promotions/pr-1/decision',
    valid: { approved: true, panel: ['p-1'], effectiveDate: '2026-10-01' },
    required: ['approved', 'panel', 'effectiveDate'],
  },
  {
    method: 'POST',
    url: '/v1/review-cycles',
    valid: { cycleId: 'fz-c', name: 'c', periodStart: '2026-01-01', periodEnd: '2026-06-30' },
    required: ['cycleId', 'name', 'periodStart', 'periodEnd'],
  },
  { method: 'POST', url: '/v1/review-cycles/fz-c/self-assessments', valid: { employeeId: 'fz-1', text: 'did things' }, required: ['employeeId', 'text'] },
  {
    method: 'POST',
    url: '/v1/review-cycles/fz-c/ratings',
    valid: { employeeId: 'fz-1', managerId: 'm-1', rating: 'HV2' },
    required: ['employeeId', 'managerId', 'rating'],
  },
  {
    method: 'POST',
    url: '/v1/review-cycles/fz-c/calibrations',
    valid: { employeeId: 'fz-1', rating: 'LE', rationale: 'why' },
    required: ['employeeId', 'rating', 'rationale'],
  },
];

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0007b'),
  fc.constantFrom('x'.repeat(100_001), 'é'.repeat(60_000)),
);
const badDate = fc.constantFrom('2026-02-30', '26-1-1', '2026-13-01', '2026-01-01T00:00:00Z', 'yesterday');
const badId = fc.constantFrom('not an id!', '../../etc/passwd', '-leading-dash', 'x'.repeat(65), 'é');

const isDateField = (field: string): boolean => /Date$|^period(Start|End)$/.test(field);
const isIdField = (field: string): boolean => /Id$/.test(field);

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A raw JSON body (string), so keys like __proto__ survive as they would on the wire. */
const malformed = fc.nat({ max: ENDPOINTS.length - 1 }).chain((i) => {
  const endpoint = ENDPOINTS[i];
  const json = (body: Record<string, unknown>) => JSON.stringify(body);
  const mutation = fc.oneof(
    fc.constantFrom(...endpoint.required).map((field) => {
      const { [field]: _dropped, ...rest } = endpoint.valid;
      return json(rest);
    }),
    fc
      .tuple(fc.constantFrom(...endpoint.required), wrongValue)
      .filter(([field, value]) => typeof value !== typeof endpoint.valid[field] || typeof value === 'string')
      .map(([field, value]) => json({ ...endpoint.valid, [field]: value })),
    ...(endpoint.required.some(isDateField)
      ? [fc.tuple(fc.constantFrom(...endpoint.required.filter(isDateField)), badDate).map(([f, v]) => json({ ...endpoint.valid, [f]: v }))]
      : []),
    ...(endpoint.required.some(isIdField)
      ? [fc.tuple(fc.constantFrom(...endpoint.required.filter(isIdField)), badId).map(([f, v]) => json({ ...endpoint.valid, [f]: v }))]
      : []),
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(k in endpoint.valid) && k !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([k, v]) => json({ ...endpoint.valid, [k]: v })),
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => json(endpoint.valid).replace(/^\{/, `{"${k}":{"polluted":true},`)),
    fc.integer({ min: 20, max: 2000 }).map((depth) => json(endpoint.valid).replace(/^\{/, `{"deep":${nested(depth)},`)),
    fc.constantFrom('', 'null', '[]', '"text"', '42', '{', '{"a":}', 'true'),
  );
  return mutation.map((payload) => ({ endpoint, payload }));
});

describe('malformed bodies on every write endpoint', () => {
  let app: NestFastifyApplication;
  let store: EventStore;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { RATE_LIMIT_PER_MINUTE: '1000000' });
    store = app.get(EVENT_STORE);
    const hired = await app.inject({ method: 'POST', url: '/v1/employees', headers: { authorization: `Bearer ${TEST_KEYS.hr}` }, payload: hireBody('fz-1') });
    expect(hired.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 10,000 generated malformed bodies with a 4xx problem+json and appends nothing', async () => {
    const head = await store.headPosition();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformed, async ({ endpoint, payload }) => {
        const response = await app.inject({
          method: endpoint.method,
          url: endpoint.url,
          headers: { authorization: `Bearer ${TEST_KEYS.hr}`, 'content-type': 'application/json' },
          payload,
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = response.json<{ type: unknown; title: unknown; status: unknown; detail: unknown }>();
        expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.statusCode, detail: expect.any(String) });
      }),
      { numRuns: 10_000, seed: 20261122 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await store.headPosition()).toBe(head);
    console.log(`malformed bodies: ${[...statuses].map(([s, n]) => `${s}x${n}`).join(', ')}`);
  }, 300_000);
});

/** `{"u0000":"vv","u0001":"vv",...}`: `count` unknown members, 13 bytes each. */
function unknownKeys(count: number, base: Record<string, unknown> = {}): string {
  const members = Array.from({ length: count }, (_v, i) => `"u${i.toString(36).padStart(4, '0')}":"vv"`);
  const head = JSON.stringify(base).slice(1, -1);
  return `{${[head, ...members].filter(Boolean).join(',')}}`;
}

describe('bounded work per request', () => {
  let app: NestFastifyApplication;
  let store: EventStore;
  const send = (method: 'POST' | 'PUT', url: string, payload: string, key: string = TEST_KEYS.hr) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload });
  const problemOf = (response: { headers: Record<string, unknown>; json: <T>() => T }) => {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return response.json<{ type: string; status: number; detail: string; limit?: string; max?: number; errors?: unknown[]; errorCount?: number }>();
  };

  beforeAll(async () => {
    app = await startTestApp('sqlite', { RATE_LIMIT_PER_MINUTE: '1000000' });
    store = app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a 900 KB body of 70,000 unknown members to a command with 413 and a short answer, appending nothing', async () => {
    const head = await store.headPosition();
    const payload = unknownKeys(70_000, hireBody('hostile-1'));
    expect(payload.length).toBeGreaterThan(900_000);
    const response = await send('POST', '/v1/employees', payload);
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).type).toMatch(/\/payload-too-large$/);
    expect(response.body.length).toBeLessThan(1024);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a body within the byte limit but with more members than the route allows (400 body-too-complex naming the limit)', async () => {
    const payload = unknownKeys(4_000, hireBody('hostile-2'));
    expect(payload.length).toBeLessThan(COMMAND_BODY_LIMITS.bytes);
    const response = await send('POST', '/v1/employees', payload);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ type: expect.stringMatching(/\/body-too-complex$/), limit: 'keys', max: COMMAND_BODY_LIMITS.keys });
    expect(response.body.length).toBeLessThan(1024);
  });

  it('refuses too many array elements and too deep a nesting by name', async () => {
    const panel = Array.from({ length: COMMAND_BODY_LIMITS.arrayItems + 1 }, (_v, i) => `p-${i}`);
    const many = await send('POST', '/v1/employees/x-1/pivot/appeal', JSON.stringify({ outcome: 'upheld', panel, decidedAt: '2026-09-30T10:00:00Z' }));
    expect(many.statusCode).toBe(400);
    expect(problemOf(many)).toMatchObject({ type: expect.stringMatching(/\/body-too-complex$/), limit: 'array-items', max: COMMAND_BODY_LIMITS.arrayItems });

    const deep = `{"a":${'['.repeat(COMMAND_BODY_LIMITS.depth)}${']'.repeat(COMMAND_BODY_LIMITS.depth)}}`;
    const tooDeep = await send('POST', '/v1/employees', deep);
    expect(tooDeep.statusCode).toBe(400);
    expect(problemOf(tooDeep)).toMatchObject({ limit: 'depth', max: COMMAND_BODY_LIMITS.depth });
    // Strings are skipped: brackets, colons and commas inside them count for nothing.
    const text = '[{:,'.repeat(2_000);
    const feedback = await send('POST', '/v1/employees/x-1/feedback', JSON.stringify({ fromEmployeeId: 'p-1', kind: 'anytime', sentiment: 'positive', text }));
    expect(problemOf(feedback)).toMatchObject({ status: 404, type: expect.stringMatching(/\/rules\/employee-not-found$/) });
  });

  it('names at most 20 bad fields and counts the rest', async () => {
    const response = await send('POST', '/v1/employees', unknownKeys(200, hireBody('hostile-3')));
    expect(response.statusCode).toBe(400);
    const body = problemOf(response);
    expect(body.type).toMatch(/\/invalid-input$/);
    expect(body.errors).toHaveLength(20);
    expect(body.errorCount).toBe(200);
    expect(body.detail).toMatch(/^200 field\(s\) are invalid: u0000, u0001, .* and 180 more$/);
  });

  it("keeps a limit per route: a long text within its route's limit is judged, the same bytes elsewhere are refused", async () => {
    // 10,000 characters written as \u escapes: 60 KB, within the command limit of 64 KiB.
    const escaped = (n: number) => '\\u00e9'.repeat(n);
    const feedback = await send(
      'POST',
      '/v1/employees/x-1/feedback',
      `{"fromEmployeeId":"p-1","kind":"anytime","sentiment":"positive","text":"${escaped(10_000)}"}`,
    );
    expect(problemOf(feedback)).toMatchObject({ status: 404, type: expect.stringMatching(/\/rules\/employee-not-found$/) });
    // A promotion document of 50,000 characters (300 KB) reaches the command on its own route ...
    const document = `"${escaped(50_000)}"`;
    const promotion = await send('POST', '/v1/employees/x-1/promotions', `{"promotionId":"pr-1","toLevel":"L6","nominatedBy":"m-1","document":${document}}`);
    expect(problemOf(promotion)).toMatchObject({ status: 404, type: expect.stringMatching(/\/rules\/employee-not-found$/) });
    // ... and the same bytes as feedback text are too large for the feedback route.
    const refused = await send('POST', '/v1/employees/x-1/feedback', `{"fromEmployeeId":"p-1","kind":"anytime","sentiment":"positive","text":${document}}`);
    expect(refused.statusCode).toBe(413);
  });

  it('takes a policy document larger than a command body on PUT /v1/policies/{id}', async () => {
    const padded = JSON.stringify({ ...DEFAULT_POLICY, policyId: 'big-policy' }).replace('{', `{${' '.repeat(2 * COMMAND_BODY_LIMITS.bytes + 1)}`);
    expect(padded.length).toBeGreaterThan(2 * COMMAND_BODY_LIMITS.bytes);
    const published = await send('PUT', '/v1/policies/big-policy', padded, TEST_KEYS.admin);
    expect(published.statusCode).toBe(200);
    const asHire = await send('POST', '/v1/employees', padded);
    expect(asHire.statusCode).toBe(413);
  });

  it('gives every route named in the limits table larger limits than a command, and names only declared routes', () => {
    const declared = new Set(declaredRoutes(app).map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(ROUTE_BODY_LIMITS).filter((route) => !declared.has(route))).toEqual([]);
    for (const limits of Object.values(ROUTE_BODY_LIMITS)) expect(limits.bytes).toBeGreaterThan(COMMAND_BODY_LIMITS.bytes);
  });

  it('refuses a query of more than 32 parameters (400 too-many-query-parameters)', async () => {
    const query = Array.from({ length: 40 }, (_v, i) => `p${i}=1`).join('&');
    const response = await app.inject({ method: 'GET', url: `/v1/events?limit=1&${query}`, headers: { authorization: `Bearer ${TEST_KEYS.hr}` } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ type: expect.stringMatching(/\/too-many-query-parameters$/), limit: 'query-parameters', max: 32 });
  });

  it('refuses a form body (415): commands take JSON only', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/employees',
      headers: { authorization: `Bearer ${TEST_KEYS.hr}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'employeeId=f-1&name=x',
    });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).type).toMatch(/\/unsupported-media-type$/);
  });
});
