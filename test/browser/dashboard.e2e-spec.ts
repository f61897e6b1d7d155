import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_KEYS } from '../support/app';
import { as } from '../support/http';
import { recordSmallCompany } from '../support/small-company';
import { launchChromium } from './browser';

type Drawn = Record<string, Record<string, number | null>>;

/** What the page drew: every bar, point and mark by series and label, from their data attributes. */
async function drawn(page: Page, chart: string): Promise<Drawn> {
  return page.$$eval(`svg[data-chart^="${chart}"] [data-series]`, (nodes) => {
    const out: Record<string, Record<string, number | null>> = {};
    for (const node of nodes) {
      const series = node.getAttribute('data-series') as string;
      const value = node.getAttribute('data-value');
      (out[series] ??= {})[node.getAttribute('data-label') ?? ''] = value === '' || value === null ? null : Number(value);
    }
    return out;
  });
}

describe('the dashboard in headless Chromium', () => {
  let app: NestFastifyApplication;
  let browser: Browser;
  let page: Page;
  let base: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    await recordSmallCompany(app);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/dashboard#key=${TEST_KEYS.analyst}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    expect(errors).toEqual([]);
    expect(await page.textContent('#error')).toBe('');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('keeps the key out of the address bar and shows no error', async () => {
    expect(page.url()).toBe(`${base}/dashboard`);
  });

  it("draws the last cycle's grade shares against the curve targets, with the API's numbers", async () => {
    const api = (await as(app, 'analyst').get('/v1/review-cycles/2024-H2/distribution?groupBy=all').expect(200)).body;
    const chart = await drawn(page, 'Final grades in 2024-H2');
    expect(chart.share).toEqual(api.totals.shares);
    expect(chart['curve target']).toEqual(api.totals.targets);
  });

  it('draws attrition per year against the URA target, the Focus funnel and adverse-impact ratios', async () => {
    const chart = await drawn(page, 'Attrition and unregretted');
    const y2025 = (await as(app, 'analyst').get('/v1/stats/attrition?from=2025-01-01&to=2025-12-31&groupBy=org').expect(200)).body.total;
    expect(chart.attrition['2025']).toBe(y2025.attritionRate);
    expect(chart.unregretted['2025']).toBe(y2025.unregrettedRate);
    expect(chart['URA target']).toEqual({ '': 0.06 });
    expect(Object.keys(chart.attrition)).toEqual(['2024', '2025', ...(today.slice(0, 4) > '2025' ? [today.slice(0, 4)] : [])]);

    const all = (await as(app, 'analyst').get(`/v1/stats/attrition?from=2024-07-01&to=${today}&groupBy=org`).expect(200)).body.total;
    const funnel = await drawn(page, 'Focus → Pivot → outcome');
    expect(funnel.people).toEqual({ Focus: all.focusEntries, Pivot: 1, ...all.pivotOutcomes });

    const impact = await drawn(page, 'Adverse-impact ratio by gender');
    const focus = (await as(app, 'analyst').get(`/v1/stats/adverse-impact?attribute=gender&outcome=focus&from=2024-07-01&to=${today}`).expect(200)).body;
    expect(impact.focus).toEqual(Object.fromEntries(focus.groups.map((g: { value: string; impactRatio: number }) => [g.value, g.impactRatio])));
    expect(impact['four-fifths']).toEqual({ f: 0.8, m: 0.8 });
  });

  it('replays a changed lowest-grade share and draws baseline beside counterfactual, as the API answers it', async () => {
    const policy = JSON.parse(await page.inputValue('#replay-policy'));
    expect(policy).toMatchObject({ policyId: 'default', curve: { targets: { LE: 0.06 } } });
    const proposed = { ...policy, curve: { targets: { TT: 0.2, LE: 0.3 }, minGroupSize: 1 } };
    await page.fill('#replay-policy', JSON.stringify(proposed, null, 2));
    await page.click('#replay-run');
    await page.waitForSelector('#replay-result svg[data-chart^="Final grades: baseline"]', { timeout: 20_000 });
    expect(await page.textContent('#replay-status')).toBe('Done.');

    const api = (await as(app, 'analyst').post('/v1/replays', { policy: proposed }).expect(200)).body;
    const grades = await drawn(page, 'Final grades: baseline and counterfactual');
    expect(grades.baseline).toEqual(api.baseline.gradeDistribution);
    expect(grades.counterfactual).toEqual(api.counterfactual.gradeDistribution);
    expect(grades.counterfactual.LE).toBe((grades.baseline.LE ?? 0) + 2);
    const outcomes = await drawn(page, 'Outcomes: baseline and counterfactual');
    expect(outcomes.counterfactual.focusEligible).toBe(api.counterfactual.focusEligible);
    expect(outcomes.baseline.involuntaryExits).toBe(api.baseline.involuntaryExits);
    // Analysts get changes counted by kind (overall rows carry no org); the page adds them up to the admin's one row per change.
    const changed = api.changedOutcomes.filter((c: { org?: string }) => c.org === undefined).reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    const detailed = (await as(app, 'admin').post('/v1/replays', { policy: proposed }).expect(200)).body;
    expect(changed).toBe(detailed.changedOutcomes.length);
    expect(changed).toBeGreaterThan(0);
    expect(await page.textContent('#replay-result')).toContain(`${changed} changed outcomes`);
    // Pay, baseline beside counterfactual: each cell the API's number (money in minor units).
    const cells = await page.$$eval('#replay-pay td', (nodes) =>
      nodes.map((n) => [n.getAttribute('data-side'), n.getAttribute('data-field'), n.getAttribute('data-value')]),
    );
    expect(cells).toHaveLength(8);
    for (const [side, field, value] of cells) {
      const figure = api[side as string].pay[field as string];
      expect(Number(value)).toBe(typeof figure === 'number' ? figure : figure.amount);
    }
  });
});
