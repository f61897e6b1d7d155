import { startPostgres } from './postgres-server.mjs';

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  const server = await startPostgres();
  globalThis.__embeddedPostgres = server;
  process.env.TEST_DATABASE_URL = server.url;
  // Where the server keeps its files, for tests that search every file for erased values.
  process.env.TEST_DATABASE_DIR = server.dataDir;
}
