import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

/** A fresh sqlite file per measurement, removed (with its -wal and -shm) afterwards. */
export class SqliteFiles {
  private counter = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  fresh(name: string): string {
    const path = join(this.dir, `${String(++this.counter).padStart(3, '0')}-${name}.db`);
    SqliteFiles.remove(path);
    return path;
  }

  static remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  }

  removeAll(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/** ESM-only helper; `import()` must survive the CommonJS transform, hence the Function. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to keep a dynamic import() through swc's CommonJS output
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** A PostgreSQL server (embedded unless BENCH_PG_URL is given) handing out fresh databases. */
export class PostgresDatabases {
  private counter = 0;

  private constructor(
    readonly adminUrl: string,
    private readonly server?: EmbeddedServer,
  ) {}

  static async start(existingUrl?: string): Promise<PostgresDatabases> {
    if (existingUrl) return new PostgresDatabases(existingUrl);
    const helper = resolve(__dirname, '..', 'test', 'support', 'postgres-server.mjs');
    const { startPostgres } = (await importEsm(pathToFileURL(helper).href)) as { startPostgres: () => Promise<EmbeddedServer> };
    const server = await startPostgres();
    return new PostgresDatabases(server.url, server);
  }

  private async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** CREATE DATABASE; returns its name and URL. */
  async fresh(prefix: string): Promise<{ name: string; url: string }> {
    const name = `bench_${process.pid}_${++this.counter}_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
    await this.admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  }

  async drop(name: string): Promise<void> {
    await this.admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }

  async settings(): Promise<Record<string, string>> {
    return this.admin(async (c) => {
      const names = ['server_version', 'synchronous_commit', 'fsync', 'wal_level', 'shared_buffers'];
      const out: Record<string, string> = {};
      for (const n of names) out[n] = String(Object.values((await c.query(`SHOW ${n}`)).rows[0])[0]);
      return out;
    });
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}
