import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp, TEST_KEYS } from '../support/app';

const SECOND_HR_KEY = 'second-hr-key-000000000';
const API_KEYS = [...Object.entries(TEST_KEYS).map(([role, key]) => `${role}:${key}`), `hr:${SECOND_HR_KEY}`].join(',');

type Answer = { statusCode: number; headers: Record<string, unknown>; json: <T>() => T };

/** A request from a chosen client address (light-my-request sets the socket's remote address). */
function from(app: NestFastifyApplication, address: string, url: string, authorization?: string): Promise<Answer> {
  return app.inject({ method: 'GET', url, remoteAddress: address, headers: authorization === undefined ? {} : { authorization } });
}

function expectTooMany(response: Answer, type: string): void {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status: 429, type: expect.stringMatching(new RegExp(`/${type}$`)) });
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
}

describe('request budgets per authenticated key (5 a minute)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { API_KEYS, RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('counts every spelling of one key against that key, from any address; another key of the same role keeps its own budget', async () => {
    const key = TEST_KEYS.hr;
    const spellings = [`Bearer ${key}`, `bearer ${key}`, `Bearer   ${key}`, `BEARER ${key}  `, `Bearer\t${key}`];
    for (const [i, authorization] of spellings.entries())
      expect((await from(app, `10.1.0.${i + 1}`, '/v1/events?limit=1', authorization)).statusCode).toBe(200);
    expectTooMany(await from(app, '10.1.0.9', '/v1/events?limit=1', `Bearer ${key}`), 'rate-limited');
    expectTooMany(await from(app, '10.1.0.10', '/v1/events?limit=1', `bearer  ${key}`), 'rate-limited');
    expect((await from(app, '10.1.0.9', '/v1/events?limit=1', `Bearer ${SECOND_HR_KEY}`)).statusCode).toBe(200);
  });

  it('gives unknown and re-spaced unknown keys no budget of their own: they share their address budget', async () => {
    const bogus = ['Bearer not-a-key-0000000001', 'Bearer  not-a-key-0000000002', 'bearer not-a-key-0000000003', 'Basic dXNlcjpwYXNz', 'Bearer'];
    for (const authorization of bogus) expect((await from(app, '10.2.0.1', '/v1/events?limit=1', authorization)).statusCode).toBe(401);
    expectTooMany(await from(app, '10.2.0.1', '/v1/events?limit=1', 'Bearer not-a-key-0000000006'), 'rate-limited');
    expectTooMany(await from(app, '10.2.0.1', '/v1/events?limit=1'), 'rate-limited');
    // The same unknown keys from another address: that address's own budget, untouched so far.
    expect((await from(app, '10.2.0.2', '/v1/events?limit=1', 'Bearer not-a-key-0000000001')).statusCode).toBe(401);
  });

  it('limits public routes by address, whatever key the request carries', async () => {
    for (let i = 0; i < 5; i++) expect((await from(app, '10.3.0.1', '/health', `Bearer fresh-spelling-${i}-000000000`)).statusCode).toBe(200);
    expectTooMany(await from(app, '10.3.0.1', '/health', `Bearer ${TEST_KEYS.admin}`), 'rate-limited');
    expect((await from(app, '10.3.0.2', '/health')).statusCode).toBe(200);
    // An IPv6 host is one address for its whole /64.
    for (let i = 1; i <= 5; i++) expect((await from(app, `2001:db8:7:7::${i}`, '/health')).statusCode).toBe(200);
    expectTooMany(await from(app, '2001:db8:7:7:ffff::1', '/health'), 'rate-limited');
  });

  it('answers over HTTP with the budget headers and a plain Retry-After', async () => {
    const agent = request(app.getHttpServer());
    for (let i = 0; i < 5; i++) await agent.get('/v1/events?limit=1').set('authorization', `Bearer ${TEST_KEYS.compliance}`);
    const refused = await agent.get('/v1/events?limit=1').set('authorization', `bearer   ${TEST_KEYS.compliance}`);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/\/rate-limited$/), status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['retry-after-per-minute']).toBeDefined();
  });
});

describe('failed authentications per address (3 a minute)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp('sqlite', { API_KEYS, RATE_LIMIT_PER_MINUTE: '1000', AUTH_FAILURES_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 401 to the first three unknown keys of an address and 429 with Retry-After after, even to a right key', async () => {
    for (const authorization of ['Bearer guess-000000000000001', 'bearer  guess-000000000000002', 'Basic Z3Vlc3M6Z3Vlc3M=']) {
      const refused = await from(app, '10.4.0.1', '/v1/events?limit=1', authorization);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer');
    }
    expectTooMany(await from(app, '10.4.0.1', '/v1/events?limit=1', 'Bearer guess-000000000000004'), 'too-many-auth-failures');
    // Locked out: a right key from that address learns nothing either.
    expectTooMany(await from(app, '10.4.0.1', '/v1/events?limit=1', `Bearer ${TEST_KEYS.hr}`), 'too-many-auth-failures');
    // Nothing presented is no attempt; public routes take no key.
    expect((await from(app, '10.4.0.1', '/v1/events?limit=1')).statusCode).toBe(401);
    expect((await from(app, '10.4.0.1', '/health')).statusCode).toBe(200);
    // Other addresses are not affected, and the key itself is not locked.
    expect((await from(app, '10.4.0.2', '/v1/events?limit=1', `Bearer ${TEST_KEYS.hr}`)).statusCode).toBe(200);
    expect((await from(app, '10.4.0.2', '/v1/events?limit=1', 'Bearer guess-000000000000001')).statusCode).toBe(401);
  });

  it('counts a missing key as no attempt: forty requests without a key stay 401', async () => {
    for (let i = 0; i < 40; i++) expect((await from(app, '10.5.0.1', '/v1/events?limit=1')).statusCode).toBe(401);
    expect((await from(app, '10.5.0.1', '/v1/events?limit=1', `Bearer ${TEST_KEYS.hr}`)).statusCode).toBe(200);
  });

  it('counts unknown keys on public routes as no attempt', async () => {
    for (let i = 0; i < 5; i++) expect((await from(app, '10.6.0.1', '/health', `Bearer guess-00000000000000${i}`)).statusCode).toBe(200);
    expect((await from(app, '10.6.0.1', '/v1/events?limit=1', `Bearer ${TEST_KEYS.hr}`)).statusCode).toBe(200);
  });
});
