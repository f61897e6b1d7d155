import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { startTestApp } from '../support/app';
import { as, hireBody } from '../support/http';
import { createTestDatabase } from '../support/postgres';

async function run(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function asRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

describe('the service on PostgreSQL as a role that may only read and append events', () => {
  let app: NestFastifyApplication;
  let ownerUrl: string;
  let serviceUrl: string;
  beforeAll(async () => {
    ownerUrl = await createTestDatabase('append_only');
    const role = `svc_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await run(ownerUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await run(ownerUrl, `GRANT CONNECT ON DATABASE "${new URL(ownerUrl).pathname.slice(1)}" TO ${role}`);
    // As an operator sets it up: the service keeps its own tables (keys, idempotency, read models).
    await run(ownerUrl, `GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
    serviceUrl = asRole(ownerUrl, role, password);
    app = await startTestApp('postgres', { DATABASE_URL: serviceUrl, DATABASE_OWNER_URL: ownerUrl });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves writes and reads through that role', async () => {
    await as(app, 'hr').post('/v1/employees', hireBody('ao-1')).expect(201);
    expect((await as(app, 'hr').get('/v1/employees/ao-1').expect(200)).body).toMatchObject({ employeeId: 'ao-1' });
  });

  it.each([
    ['UPDATE', "UPDATE es_events SET data = '{}'"],
    ['DELETE', 'DELETE FROM es_events'],
    ['TRUNCATE', 'TRUNCATE es_events'],
    ['DROP', 'DROP TABLE es_events'],
  ])('refuses %s on the events through the service connection', async (_verb, sql) => {
    await expect(run(serviceUrl, sql)).rejects.toThrow(/permission denied|must be owner/);
  });

  it('refuses to start when the service connects as the owner of the events', async () => {
    await expect(startTestApp('postgres', { DATABASE_URL: ownerUrl, DATABASE_OWNER_URL: ownerUrl })).rejects.toThrow(/owner of the events/);
  });
});

describe('data keys in a PostgreSQL database of their own (KEYS_DATABASE_URL)', () => {
  it('keeps no key row beside the events, and reads personal data through the keys database', async () => {
    const keysUrl = await createTestDatabase('keys_apart');
    const app = await startTestApp('postgres', { KEYS_DATABASE_URL: keysUrl });
    try {
      await as(app, 'hr').post('/v1/employees', hireBody('ka-1')).expect(201);
      expect((await as(app, 'compliance').get('/v1/employees/ka-1/timeline').expect(200)).text).toContain('Dana Kim');
      const eventsUrl = (app.get<AppConfig>(APP_CONFIG).eventStore as { url: string }).url;
      const tables = async (url: string) => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.name);
        } finally {
          await client.end();
        }
      };
      expect(await tables(eventsUrl)).not.toContain('personal_data_keys');
      expect(await tables(keysUrl)).toContain('personal_data_keys');
    } finally {
      await app.close();
    }
  });
});
