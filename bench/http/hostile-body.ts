// Hostile bodies against the real API: what refusing one costs the server, and what it does to
// everyone else's latency. Not a test: it prints figures, and fails only if the API cannot start.
// Run: node -r @swc-node/register bench/http/hostile-body.ts   (npm run bench:hostile)
//
// The API runs in its own process (apps/api/src/main.ts, SQLite, LOG_LEVEL=warn) with a preload that
// answers its own process.cpuUsage() over IPC, so the CPU figures are the server's alone. Per body:
//   1. CPU: the server's user+system CPU from just before the request to its answer, nothing else
//      in flight (median of BENCH_HOSTILE_REPEATS, after one unmeasured warm-up);
//   2. wall time to the whole answer, its status and size;
//   3. /health latency while the body is sent back to back for BENCH_HOSTILE_SECONDS (one hostile
//      request at a time, /health polled every 5 ms), against /health on an idle server.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { freePort, installCleanup, removeDir, tempDir } from './servers';

const ROOT = resolve(__dirname, '..', '..');
const HR_KEY = 'bench-hr-key-0000000000000000';
const ADMIN_KEY = 'bench-admin-key-00000000000000';
const REPEATS = Number(process.env.BENCH_HOSTILE_REPEATS ?? 7);
const SECONDS = Number(process.env.BENCH_HOSTILE_SECONDS ?? 3);
const OUT = process.env.BENCH_HOSTILE_OUT ?? join(ROOT, 'bench', 'results', 'hostile-body-latest.json');
const CPU_GOAL_MS = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => void process.stderr.write(`${line}\n`);

/** `{...base, "u0000":"vv", ...}`: `count` unknown members of 13 bytes each. */
function unknownMembers(count: number, base: Record<string, unknown> = {}): string {
  const members = Array.from({ length: count }, (_v, i) => `"u${i.toString(36).padStart(4, '0')}":"vv"`);
  const head = JSON.stringify(base).slice(1, -1);
  return `{${[head, ...members].filter(Boolean).join(',')}}`;
}

const hire = {
  employeeId: 'hostile-1',
  name: 'Dana Kim',
  email: 'hostile-1@example.com',
  level: 'L5',
  jobFamily: 'SDE',
  orgId: 'payments',
  managerId: 'm-1',
  hireDate: '2024-01-15',
};

interface Scenario {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  key: string;
  body: string;
}

const SCENARIOS: Scenario[] = [
  { name: '70,000 unknown members, ~900 KB, POST /v1/employees', method: 'POST', path: '/v1/employees', key: HR_KEY, body: unknownMembers(70_000, hire) },
  {
    name: '35,000 unknown members, ~450 KB, PUT /v1/policies/{id} (512 KiB route)',
    method: 'PUT',
    path: '/v1/policies/hostile',
    key: ADMIN_KEY,
    body: unknownMembers(35_000, { policyId: 'hostile' }),
  },
  { name: '4,500 unknown members, ~60 KB, POST /v1/employees', method: 'POST', path: '/v1/employees', key: HR_KEY, body: unknownMembers(4_500, hire) },
  { name: '240 unknown members, ~3 KB, POST /v1/employees (validated)', method: 'POST', path: '/v1/employees', key: HR_KEY, body: unknownMembers(240, hire) },
];

class Api {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<Api> {
    const port = await freePort();
    const dataDir = tempDir('pm-hostile-');
    const env = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      API_KEYS: `hr:${HR_KEY},admin:${ADMIN_KEY}`,
      LOG_LEVEL: process.env.BENCH_HTTP_LOG_LEVEL ?? 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000000',
    };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', join(__dirname, 'cpu-usage-probe.ts'), 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    const api = new Api(child, `http://127.0.0.1:${port}`, dataDir);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the API exited before answering:\n${output.join('').slice(-2000)}`);
      try {
        if ((await fetch(`${api.url}/health`)).ok) return api;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the API did not answer /health within 60 s:\n${output.join('').slice(-2000)}`);
  }

  /** The server's own CPU so far, in milliseconds (user + system). */
  cpuMs(): Promise<number> {
    return new Promise((ok) => {
      const onMessage = (message: unknown) => {
        const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
        if (!cpu) return;
        this.child.off('message', onMessage);
        ok((cpu.user + cpu.system) / 1000);
      };
      this.child.on('message', onMessage);
      this.child.send('cpu?');
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    removeDir(this.dataDir);
  }
}

interface Sent {
  status: number;
  bytes: number;
  wallMs: number;
  type?: string;
}

const oneShot = new Agent({ keepAlive: false });

/** Sends the body; the server may answer (413) before it has read it all and close: the answer still counts. */
function send(api: Api, scenario: Scenario): Promise<Sent> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const url = new URL(scenario.path, api.url);
    let answered = false;
    const req = httpRequest(
      url,
      {
        method: scenario.method,
        agent: oneShot,
        headers: { authorization: `Bearer ${scenario.key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(scenario.body) },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let type: string | undefined;
          try {
            type = (JSON.parse(text) as { type?: string }).type?.replace(/^.*\//, '');
          } catch {
            type = undefined;
          }
          ok({ status: res.statusCode ?? 0, bytes: Buffer.byteLength(text), wallMs: performance.now() - started, type });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE / ECONNRESET after the server answered and closed: the answer is what matters.
      if (!answered) fail(error);
    });
    req.end(scenario.body);
  });
}

async function healthMs(api: Api): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${api.url}/health`);
  await res.arrayBuffer();
  return performance.now() - started;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Latency {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
const latencyOf = (values: number[]): Latency => ({
  samples: values.length,
  p50Ms: round(quantile(values, 0.5), 2),
  p99Ms: round(quantile(values, 0.99), 2),
  maxMs: round(Math.max(...values), 2),
});

async function idleHealth(api: Api): Promise<Latency> {
  const values: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    values.push(await healthMs(api));
    await sleep(5);
  }
  return latencyOf(values);
}

interface ScenarioResult {
  name: string;
  bodyBytes: number;
  status: number;
  type?: string;
  answerBytes: number;
  cpuMsMedian: number;
  cpuMsMax: number;
  wallMsMedian: number;
  hostileRequestsDuringHealth: number;
  healthDuring: Latency;
}

async function measure(api: Api, scenario: Scenario): Promise<ScenarioResult> {
  await send(api, scenario); // warm-up: JIT, first use of the route
  const cpu: number[] = [];
  const wall: number[] = [];
  let last: Sent | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const before = await api.cpuMs();
    last = await send(api, scenario);
    cpu.push((await api.cpuMs()) - before);
    wall.push(last.wallMs);
  }
  // /health while hostile bodies are sent back to back.
  const health: number[] = [];
  let hostile = 0;
  let running = true;
  const attacker = (async () => {
    while (running) {
      await send(api, scenario);
      hostile++;
    }
  })();
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    health.push(await healthMs(api));
    await sleep(5);
  }
  running = false;
  await attacker;
  return {
    name: scenario.name,
    bodyBytes: Buffer.byteLength(scenario.body),
    status: last?.status ?? 0,
    type: last?.type,
    answerBytes: last?.bytes ?? 0,
    cpuMsMedian: round(quantile(cpu, 0.5), 2),
    cpuMsMax: round(Math.max(...cpu), 2),
    wallMsMedian: round(quantile(wall, 0.5), 2),
    hostileRequestsDuringHealth: hostile,
    healthDuring: latencyOf(health),
  };
}

async function main(): Promise<void> {
  installCleanup();
  log(`starting the API (sqlite) ...`);
  const api = await Api.start();
  try {
    // What one probe round trip costs the server, to read the CPU figures against.
    const probes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const a = await api.cpuMs();
      probes.push((await api.cpuMs()) - a);
    }
    const probeMs = round(quantile(probes, 0.5), 2);
    const idle = await idleHealth(api);
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      log(`measuring: ${scenario.name}`);
      results.push(await measure(api, scenario));
    }
    const lines = [
      '',
      `Hostile bodies, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; server CPU = median of ${REPEATS} (goal < ${CPU_GOAL_MS} ms), probe round trip ${probeMs} ms`,
      `/health idle: p50 ${idle.p50Ms} ms, p99 ${idle.p99Ms} ms, max ${idle.maxMs} ms (${idle.samples} samples over ${SECONDS} s)`,
      '',
      ...results.flatMap((r) => [
        `${r.name}`,
        `  body ${(r.bodyBytes / 1024).toFixed(0)} KiB -> ${r.status} ${r.type ?? ''}, answer ${r.answerBytes} B; server CPU ${r.cpuMsMedian} ms (max ${r.cpuMsMax}) ${r.cpuMsMedian < CPU_GOAL_MS ? 'ok' : 'OVER GOAL'}; wall ${r.wallMsMedian} ms`,
        `  /health meanwhile (${r.hostileRequestsDuringHealth} hostile requests back to back over ${SECONDS} s): p50 ${r.healthDuring.p50Ms} ms, p99 ${r.healthDuring.p99Ms} ms, max ${r.healthDuring.maxMs} ms`,
      ]),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(
      OUT,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, repeats: REPEATS, seconds: SECONDS, probeMs, idleHealth: idle, results }, null, 2)}\n`,
    );
    log(`\nwrote ${relative(process.cwd(), OUT)}`);
  } finally {
    await api.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
