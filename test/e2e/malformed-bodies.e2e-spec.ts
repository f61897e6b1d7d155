import fc from 'fast-check';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { startTestApp, TEST_KEYS } from '../support/app';
import { hireBody } from '../support/http';

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
