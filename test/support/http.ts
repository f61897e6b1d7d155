import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TEST_KEYS } from './app';

export type RoleName = keyof typeof TEST_KEYS;

/** supertest with a role's key: `as(app, 'hr').post(...)`. */
export function as(app: NestFastifyApplication, role: RoleName) {
  const agent = request(app.getHttpServer());
  const auth = `Bearer ${TEST_KEYS[role]}`;
  return {
    get: (url: string) => agent.get(url).set('authorization', auth),
    post: (url: string, body?: object) =>
      agent
        .post(url)
        .set('authorization', auth)
        .send(body ?? {}),
    put: (url: string, body?: object) =>
      agent
        .put(url)
        .set('authorization', auth)
        .send(body ?? {}),
  };
}

export const hireBody = (employeeId: string, extra: Record<string, unknown> = {}) => ({
  employeeId,
  name: 'Dana Kim',
  email: `${employeeId}@example.com`,
  level: 'L5',
  jobFamily: 'SDE',
  orgId: 'payments',
  managerId: 'm-1',
  hireDate: '2024-01-15',
  attributes: { gender: 'f', ageBand: '30-39' },
  ...extra,
});
