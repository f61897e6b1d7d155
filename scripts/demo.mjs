// npm run demo: builds, fills ./data-demo with a simulated company the first time (the embedded
// SQLite store, 300 employees over 3 years, a fixed seed), then serves the API on it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DEMO = { employees: 300, years: 3, seed: 2021, startDate: '2021-01-01' };
const dataDir = resolve(ROOT, process.env.DATA_DIR || 'data-demo');
const port = process.env.PORT || '3000';
// Quiet by default: request logs would bury the lines below.
const env = { ...process.env, DATA_DIR: dataDir, PORT: port, EVENT_STORE: 'sqlite', READ_MODEL_STORE: 'sqlite', LOG_LEVEL: process.env.LOG_LEVEL || 'error' };
delete env.SQLITE_PATH;
delete env.READ_MODEL_PATH;

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);

if (existsSync(join(dataDir, 'events.db'))) {
  console.log(`Using the demo data already in ${relative(ROOT, dataDir)} (delete it to simulate again).`);
} else {
  console.log(`Simulating ${DEMO.employees} employees over ${DEMO.years} years into ${relative(ROOT, dataDir)} ...`);
  // NORMAL is enough for throwaway demo data and several times faster to fill.
  run(
    process.execPath,
    [
      'dist/apps/cli/apps/cli/src/main.js',
      'simulate',
      '--employees',
      `${DEMO.employees}`,
      '--years',
      `${DEMO.years}`,
      '--seed',
      `${DEMO.seed}`,
      '--start-date',
      DEMO.startDate,
    ],
    {
      SQLITE_SYNCHRONOUS: 'NORMAL',
    },
  );
}

const api = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], { cwd: ROOT, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

const base = `http://localhost:${port}`;
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (tries > 600) {
    console.error(`The API did not answer on ${base}/health within a minute`);
    api.kill();
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const keysFile = join(dataDir, 'api-keys.json');
const keys = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, 'utf8')) : [];
const keyOf = (role) => keys.find((k) => k.role === role)?.key ?? `<${role} key from API_KEYS>`;
const to = `${Number(DEMO.startDate.slice(0, 4)) + DEMO.years - 1}-12-31`;
console.log(
  [
    '',
    `Demo API on ${base}: a simulated company of ${DEMO.employees} people, ${DEMO.startDate} to ${to} (data in ${relative(ROOT, dataDir)}).`,
    keys.length > 0 ? `API keys (kept in ${relative(ROOT, keysFile)}):` : 'API keys: the ones in your API_KEYS.',
    ...keys.map((k) => `  ${k.role.padEnd(11)} ${k.key}`),
    '',
    `Open the dashboard (charts, and replays of the history under a policy you edit):`,
    `  ${base}/dashboard#key=${keyOf('analyst')}`,
    `Or ${base}/docs for every route, and the attrition figures (analyst key):`,
    `  curl -H 'authorization: Bearer ${keyOf('analyst')}' '${base}/v1/stats/attrition?from=${DEMO.startDate}&to=${to}&groupBy=org'`,
    'Ctrl-C stops the API.',
  ].join('\n'),
);
