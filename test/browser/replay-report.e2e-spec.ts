import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/app';
import { as } from '../support/http';
import { recordSmallCompany } from '../support/small-company';
import { launchChromium } from './browser';

const ROOT = join(__dirname, '..', '..');

describe('cli replay and its HTML report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-replay-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the summary and writes a self-contained report that draws the same numbers offline', async () => {
    const app = await startTestApp('sqlite', { DATA_DIR: dir });
    let expected: {
      baseline: { gradeDistribution: Record<string, number> };
      counterfactual: { gradeDistribution: Record<string, number> };
      changedOutcomes: unknown[];
    };
    const policyFile = join(dir, 'proposed.json');
    try {
      await recordSmallCompany(app);
      const recorded = (await as(app, 'admin').get('/v1/policies/default').expect(200)).body;
      const proposed = { ...recorded, curve: { targets: { TT: 0.2, LE: 0.3 }, minGroupSize: 1 } };
      writeFileSync(policyFile, JSON.stringify(proposed));
      expected = (await as(app, 'admin').post('/v1/replays', { policy: proposed }).expect(200)).body;
    } finally {
      await app.close();
    }

    const out = join(dir, 'report.html');
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'replay', '--policy', policyFile, '--out', out, '--ids'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, EVENT_STORE: 'sqlite', API_KEYS: 'admin:cli-test-admin-key-0000' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${expected.changedOutcomes.length} changed outcomes`);
    expect(run.stdout).toMatch(/focusEligible\s+2 ->\s+4/);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${out}`);
      await page.waitForSelector('svg[data-chart^="Final grades"]');
      const drawn = await page.$$eval('svg[data-chart^="Final grades"] rect[data-series]', (nodes) =>
        nodes.map((n) => [n.getAttribute('data-series'), n.getAttribute('data-label'), Number(n.getAttribute('data-value'))]),
      );
      const counterfactual = Object.fromEntries(drawn.filter(([s]) => s === 'counterfactual').map(([, l, v]) => [l, v]));
      expect(counterfactual).toEqual(expected.counterfactual.gradeDistribution);
      expect(await page.textContent('#changes')).toContain('p6');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
