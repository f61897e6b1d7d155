// Starts a server under test in its own process (its own event loop, apart from autocannon's),
// on a fresh data directory, and tears it down again. Every child and temp dir is tracked so the
// bench leaves none behind, whether it ends normally, fails, or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Sync } from './config';

export type ServerKind = 'bare' | 'nest';

export const API_KEY = 'bench-hr-key-0000000000000000';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY: Record<ServerKind, string> = { bare: 'bench/http/bare-server.ts', nest: 'apps/api/src/main.ts' };
const READY_TIMEOUT_MS = 60_000;
/** USER_HZ of /proc/<pid>/stat; 100 on every common Linux build. */
const CLOCK_TICKS = 100;

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

function cleanupNow(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

let installed = false;
/** Kills the children and removes the temp dirs on any exit of the bench process. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupNow();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerOptions {
  logLevel: string;
  /** Preload the profiler; startProfile() and stopProfile() then drive it (see cpu-profiler.ts). */
  profileFile?: string;
}

export class ServerUnderTest {
  private readonly output: string[] = [];

  private constructor(
    readonly kind: ServerKind,
    readonly sync: Sync,
    readonly port: number,
    readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 40) this.output.splice(0, this.output.length - 40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(kind: ServerKind, sync: Sync, options: ServerOptions): Promise<ServerUnderTest> {
    const port = await freePort();
    const dataDir = tempDir(`pm-http-bench-${kind}-`);
    const env = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dataDir, 'events.db'),
      SQLITE_SYNCHRONOUS: sync,
      API_KEYS: `hr:${API_KEY}`,
      LOG_LEVEL: options.logLevel,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...(options.profileFile ? { BENCH_CPU_PROFILE_FILE: options.profileFile } : {}),
    };
    const preload = options.profileFile ? ['-r', join(__dirname, 'cpu-profiler.ts')] : [];
    const stdio = options.profileFile ? (['ignore', 'pipe', 'pipe', 'ipc'] as const) : (['ignore', 'pipe', 'pipe'] as const);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...preload, ENTRY[kind]], { cwd: ROOT, env, stdio: [...stdio] });
    children.add(child);
    const server = new ServerUnderTest(kind, sync, port, dataDir, child);
    try {
      await server.waitReady();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The last lines the server printed, for a failure message. */
  tail(): string {
    return this.output.slice(-15).join('\n');
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`${this.kind} server exited (${this.child.exitCode ?? this.child.signalCode}) before answering:\n${this.tail()}`);
      }
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.kind} server did not answer /health within ${READY_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
  }

  /** CPU seconds (user + system) the server process has used so far; Linux only, else NaN. */
  cpuSeconds(): number {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command name: state is field 3, utime 14 and stime 15 (1-based) -> 11 and 12 here.
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      return Number.NaN;
    }
  }

  startProfile(): void {
    this.child.send('profile:start');
  }

  /** Stops the profiler and waits until the server has written the profile. */
  stopProfile(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no CPU profile after ${timeoutMs / 1000} s:\n${this.tail()}`)), timeoutMs);
      const onMessage = (message: unknown) => {
        if (message !== 'profile:written') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve();
      };
      this.child.on('message', onMessage);
      this.child.send('profile:stop');
    });
  }

  /** SIGTERM, SIGKILL after 5 s; then the data dir goes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
    removeDir(this.dataDir);
  }
}
