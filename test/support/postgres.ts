import { Client } from 'pg';

let counter = 0;

/** A new, empty database on the test server (embedded, or TEST_DATABASE_URL); returns its URL. */
export async function createTestDatabase(prefix: string): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through jest (its global setup starts PostgreSQL)');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
