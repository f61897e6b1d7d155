import { barChart, lineChart } from './charts.js';

const OUTCOMES = ['focus', 'pivot', 'separation'];
const $ = (selector) => document.querySelector(selector);

function apiKey() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    sessionStorage.setItem('perf-ledger-key', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('perf-ledger-key');
}

async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { authorization: `Bearer ${apiKey()}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new Error(body?.detail ?? `${response.status} ${path}`);
  return { status: response.status, body };
}

function show(section, ...nodes) {
  const target = $(section);
  target.replaceChildren(...nodes);
  return target;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = text;
  return p;
}

const years = (from, to) => Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => String(Number(from.slice(0, 4)) + i));

async function distribution(cycleId) {
  const { body } = await api(`/v1/review-cycles/${encodeURIComponent(cycleId)}/distribution?groupBy=all`);
  const totals = body.totals;
  // Analysts get no totals for a cycle that rates fewer people than the minimum group size.
  if (!totals) return show('#distribution-chart', note(`Too few people rated in ${cycleId} to show (minimum group size).`));
  show(
    '#distribution-chart',
    barChart({
      title: `Final grades in ${cycleId} against the curve`,
      labels: body.grades,
      series: [{ name: 'share', values: totals.shares }],
      marks: { name: 'curve target', values: totals.targets },
      percent: true,
    }),
    note(`${totals.size} rated, stage ${body.stage}, ${body.moves.length} calibration moves, policy ${body.policy}.`),
  );
}

async function attritionOverTime(first, today) {
  const labels = years(first, today);
  const rates = await Promise.all(
    labels.map((y) => api(`/v1/stats/attrition?from=${y}-01-01&to=${y === today.slice(0, 4) ? today : `${y}-12-31`}&groupBy=org`).then((r) => r.body)),
  );
  const total = (i, field) => rates[i].total?.[field] ?? null;
  show(
    '#attrition-chart',
    lineChart({
      title: 'Attrition and unregretted attrition per year (annualized)',
      labels,
      series: [
        { name: 'attrition', values: Object.fromEntries(labels.map((l, i) => [l, total(i, 'attritionRate')])) },
        { name: 'unregretted', values: Object.fromEntries(labels.map((l, i) => [l, total(i, 'unregrettedRate')])) },
      ],
      reference: { name: 'URA target', value: rates[0]?.rows[0]?.uraTarget ?? rates[0]?.total?.uraTarget ?? 0 },
    }),
  );
  const all = (await api(`/v1/stats/attrition?from=${first}&to=${today}&groupBy=org`)).body.total;
  if (!all) return show('#funnel-chart', note('Too few people to show the funnel (minimum group size).'));
  const pivots = Math.round(all.focusEntries * (all.focusToPivotRate ?? 0));
  const values = { Focus: all.focusEntries, Pivot: pivots, ...all.pivotOutcomes };
  show(
    '#funnel-chart',
    barChart({ title: `Focus → Pivot → outcome, ${first} to ${today}`, labels: Object.keys(values), series: [{ name: 'people', values }] }),
    note(`Appeal win rate ${all.appealWinRate === null ? 'n/a' : `${(all.appealWinRate * 100).toFixed(1)}%`}.`),
  );
}

async function adverseImpact(attribute, first, today) {
  const reports = await Promise.all(
    OUTCOMES.map((outcome) =>
      api(`/v1/stats/adverse-impact?attribute=${encodeURIComponent(attribute)}&outcome=${outcome}&from=${first}&to=${today}`).then((r) => r.body),
    ),
  );
  const labels = [...new Set(reports.flatMap((r) => r.groups.map((g) => g.value)))].sort();
  if (labels.length === 0) return show('#impact-chart', note(`No ${attribute} group is large enough to report.`));
  show(
    '#impact-chart',
    barChart({
      title: `Adverse-impact ratio by ${attribute} (four-fifths rule)`,
      labels,
      series: reports.map((r) => ({ name: r.outcome, values: Object.fromEntries(r.groups.map((g) => [g.value, g.impactRatio])) })),
      marks: { name: 'four-fifths', values: Object.fromEntries(labels.map((l) => [l, 0.8])) },
    }),
    note(
      reports
        .map(
          (r) =>
            `${r.outcome}: ${
              r.groups
                .filter((g) => g.flagged)
                .map((g) => g.value)
                .join(', ') || 'none'
            } flagged`,
        )
        .join(' · '),
    ),
  );
}

async function replay() {
  const button = $('#replay-run');
  button.disabled = true;
  $('#replay-status').textContent = 'Replaying…';
  try {
    const policy = JSON.parse($('#replay-policy').value);
    let { status, body } = await api('/v1/replays', { method: 'POST', body: JSON.stringify({ policy }) });
    while (status === 202 || body.state === 'running' || body.state === 'queued') {
      $('#replay-status').textContent = `Replaying… ${Math.round((body.progress ?? 0) * 100)}%`;
      await new Promise((resolve) => setTimeout(resolve, 500));
      ({ status, body } = await api(`/v1/replays/${body.replayId}`));
    }
    renderReplay(body.result ?? body);
    $('#replay-status').textContent = 'Done.';
  } catch (error) {
    $('#replay-status').textContent = `Replay failed: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

/** Analysts get counts per kind of change (overall rows have no org); admins one row per change. */
export function changedCount(changes) {
  return changes.some((c) => c.count !== undefined) ? changes.filter((c) => c.org === undefined).reduce((sum, c) => sum + c.count, 0) : changes.length;
}

const PAY_FIGURES = [
  ['atRisk', 'People at retention risk at the window’s end'],
  ['expectedRegrettedExits', 'Expected regretted exits'],
  ['refresherCost', 'Refresher grants in the window'],
  ['payCost', 'Total pay over the window'],
];

/** A count as is; money (minor units) in whole units of its currency, two decimals. */
function payText(value) {
  if (typeof value === 'number') return String(value);
  return `${(value.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${value.currency}`;
}

/** The replay's pay figures, baseline beside counterfactual; each cell carries the number the API gave (minor units for money). */
export function payTable(result) {
  if (!result.baseline.pay || !result.counterfactual.pay) return note('Pay figures withheld: the window has fewer people than the minimum group size.');
  const table = document.createElement('table');
  table.id = 'replay-pay';
  table.createCaption().textContent = 'Pay: baseline and counterfactual';
  const head = table.createTHead().insertRow();
  for (const title of ['', 'baseline', 'counterfactual']) head.appendChild(document.createElement('th')).textContent = title;
  const body = table.createTBody();
  for (const [field, label] of PAY_FIGURES) {
    const row = body.insertRow();
    row.appendChild(document.createElement('th')).textContent = label;
    for (const side of ['baseline', 'counterfactual']) {
      const value = result[side].pay[field];
      const cell = row.insertCell();
      cell.dataset.field = field;
      cell.dataset.side = side;
      cell.dataset.value = String(typeof value === 'number' ? value : value.amount);
      cell.textContent = payText(value);
    }
  }
  return table;
}

export function renderReplay(result) {
  const grades = Object.keys({ ...result.baseline.gradeDistribution, ...result.counterfactual.gradeDistribution });
  const figures = ['focusEligible', 'focusEntries', 'pivots', 'involuntaryExits', 'regretted', 'unregretted', 'uraGap', 'promotionEligible'];
  show(
    '#replay-result',
    barChart({
      title: 'Final grades: baseline and counterfactual',
      labels: grades,
      series: [
        { name: 'baseline', values: result.baseline.gradeDistribution },
        { name: 'counterfactual', values: result.counterfactual.gradeDistribution },
      ],
    }),
    barChart({
      title: 'Outcomes: baseline and counterfactual',
      labels: figures,
      series: [
        { name: 'baseline', values: Object.fromEntries(figures.map((f) => [f, result.baseline[f]])) },
        { name: 'counterfactual', values: Object.fromEntries(figures.map((f) => [f, result.counterfactual[f]])) },
      ],
    }),
    payTable(result),
    note(`${changedCount(result.changedOutcomes)} changed outcomes. Assumptions: ${result.assumptions.join(' ') || 'none'}`),
  );
}

async function start() {
  if (!apiKey()) {
    $('#key-form').hidden = false;
    return;
  }
  $('#key-form').hidden = true;
  const today = new Date().toISOString().slice(0, 10);
  const { cycles } = (await api('/v1/review-cycles')).body;
  if (cycles.length === 0) {
    show('#distribution-chart', note('No review cycle yet: run `npm run demo`, or record one through the API.'));
    document.body.dataset.ready = 'true';
    return;
  }
  const first = cycles[0].periodStart;
  const select = $('#cycle');
  select.replaceChildren(...cycles.map((c) => new Option(`${c.title} (${c.cycleId})`, c.cycleId)));
  select.value = cycles.filter((c) => c.finalized).at(-1)?.cycleId ?? cycles.at(-1).cycleId;
  select.onchange = () => distribution(select.value);
  const policy = (await api('/v1/policies/default')).body;
  delete policy.version;
  $('#replay-policy').value = JSON.stringify(policy, null, 2);
  $('#replay-run').onclick = replay;
  $('#attribute').onchange = () => adverseImpact($('#attribute').value, first, today);
  await Promise.all([distribution(select.value), attritionOverTime(first, today), adverseImpact($('#attribute').value, first, today)]);
  document.body.dataset.ready = 'true';
}

$('#key-form').onsubmit = (event) => {
  event.preventDefault();
  sessionStorage.setItem('perf-ledger-key', $('#key').value.trim());
  start().catch((error) => ($('#error').textContent = error.message));
};
start().catch((error) => ($('#error').textContent = error.message));
