import { chartsModuleSource } from '@pm/charts';
import type { ReplayResult } from '@pm/replay';

/** A replay as an analyst gets it from the API: changed outcomes counted, not listed. */
export type ReportedReplay = Omit<ReplayResult, 'changedOutcomes'> & {
  changedOutcomes: { org?: string; cycleId?: string; outcome: string; baseline: unknown; counterfactual: unknown; count: number }[];
};

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A self-contained HTML page (no network, no server) with the replay's charts and tables: the
 * same SVG charts as the dashboard, the result embedded as JSON.
 */
export function replayReport(result: ReplayResult | ReportedReplay, title: string): string {
  const charts = chartsModuleSource().replace(/^export /gm, '');
  const data = JSON.stringify(result).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; max-width: 1100px; margin: 0 auto; padding: 1rem 2rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; } td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
.chart-title { font-weight: 600; font-size: 13px; } .bar-value, .axis-label, .legend text { font-size: 11px; fill: #444; } svg { display: block; max-width: 100%; height: auto; }
</style></head>
<body>
<h1>${escape(title)}</h1>
<p id="scope"></p>
<div id="charts"></div>
<h2>Baseline and counterfactual</h2><table id="summary"></table>
<h2>Differences by org</h2><table id="by-org"></table>
<h2>Differences by year</h2><table id="by-period"></table>
<h2>Assumptions</h2><ul id="assumptions"></ul>
<h2>Changed outcomes</h2><table id="changes"></table>
<script type="module">
${charts}
const result = ${data};
const text = (tag, value) => { const el = document.createElement(tag); el.textContent = value === null || value === undefined ? '' : String(value); return el; };
const row = (cells, header = false) => { const tr = document.createElement('tr'); for (const c of cells) tr.append(text(header ? 'th' : 'td', c)); return tr; };
document.getElementById('scope').textContent = 'Window ' + result.from + ' to ' + result.to + '; history up to position ' + result.position + '; recorded policies ' + result.policy.baseline.join(', ') + '; proposed ' + result.policy.counterfactual + '.';
const grades = Object.keys({ ...result.baseline.gradeDistribution, ...result.counterfactual.gradeDistribution });
const figures = ['focusEligible', 'focusEntries', 'pivots', 'involuntaryExits', 'separations', 'regretted', 'unregretted', 'unregrettedRate', 'uraGap', 'promotionEligible'];
document.getElementById('charts').append(
  barChart({ title: 'Final grades: baseline and counterfactual', labels: grades, series: [{ name: 'baseline', values: result.baseline.gradeDistribution }, { name: 'counterfactual', values: result.counterfactual.gradeDistribution }] }),
  barChart({ title: 'Outcomes: baseline and counterfactual', labels: figures.filter((f) => f !== 'unregrettedRate' && f !== 'uraGap'), series: ['baseline', 'counterfactual'].map((side) => ({ name: side, values: result[side] })) }),
);
const summary = document.getElementById('summary');
summary.append(row(['', 'baseline', 'counterfactual'], true));
for (const f of figures) summary.append(row([f, result.baseline[f], result.counterfactual[f]]));
const deltas = (id, key, rows) => {
  const table = document.getElementById(id);
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== key && typeof r[k] !== 'object')))];
  table.append(row([key, ...fields], true));
  for (const r of rows) table.append(row([r[key], ...fields.map((f) => r[f])]));
  if (rows.length === 0) table.append(row(['no difference']));
};
deltas('by-org', 'org', result.diff.byOrg);
deltas('by-period', 'period', result.diff.byPeriod);
for (const a of result.assumptions) document.getElementById('assumptions').append(text('li', a));
const changes = document.getElementById('changes');
// One row per person and outcome (as replayed here, or for admin), or counts per kind of change (an analyst's answer).
const counted = result.changedOutcomes.some((c) => c.count !== undefined);
changes.append(row(counted ? ['org', 'cycle', 'outcome', 'baseline', 'counterfactual', 'people'] : ['employee', 'cycle', 'outcome', 'baseline', 'counterfactual'], true));
for (const c of result.changedOutcomes) changes.append(row(counted ? [c.org ?? 'all', c.cycleId, c.outcome, c.baseline, c.counterfactual, c.count] : [c.employee, c.cycleId, c.outcome, c.baseline, c.counterfactual]));
</script>
</body></html>
`;
}
