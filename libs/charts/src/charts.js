// Small SVG charts for the dashboard and the replay report. Every bar and point carries
// data-series, data-label and data-value, so what is drawn can be checked against the numbers.
const SVG = 'http://www.w3.org/2000/svg';
const COLORS = { baseline: '#4e79a7', counterfactual: '#f28e2b', target: '#e15759', value: '#4e79a7' };

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const format = (value, percent) =>
  value === null || value === undefined ? 'n/a' : percent ? `${(value * 100).toFixed(1)}%` : String(Math.round(value * 100) / 100);

/**
 * Grouped bars: one group per label, one bar per series; optional reference marks per label
 * (a curve target, the four-fifths line). `series` is [{ name, values: {label: number|null} }].
 */
export function barChart({ title, labels, series, marks, percent = false, height = 220 }) {
  const width = Math.max(320, labels.length * (series.length * 26 + 24) + 60);
  const max = Math.max(1e-9, ...series.flatMap((s) => labels.map((l) => s.values[l] ?? 0)), ...(marks ? labels.map((l) => marks.values[l] ?? 0) : []));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height + 60}`, width, height: height + 60, role: 'img', 'aria-label': title, 'data-chart': title });
  svg.append(el('text', { x: 8, y: 16, class: 'chart-title' }, title));
  const scale = (v) => (v / max) * (height - 30);
  labels.forEach((label, i) => {
    const x0 = 40 + i * (series.length * 26 + 24);
    series.forEach((s, j) => {
      const value = s.values[label];
      const h = scale(value ?? 0);
      const bar = el('rect', {
        x: x0 + j * 26,
        y: height + 20 - h,
        width: 22,
        height: Math.max(h, 0.5),
        fill: COLORS[s.name] ?? COLORS.value,
        'data-series': s.name,
        'data-label': label,
        'data-value': value ?? '',
      });
      bar.append(el('title', {}, `${s.name} ${label}: ${format(value, percent)}`));
      svg.append(bar, el('text', { x: x0 + j * 26 + 11, y: height + 16 - h, class: 'bar-value', 'text-anchor': 'middle' }, format(value, percent)));
    });
    const mark = marks?.values[label];
    if (mark !== undefined && mark !== null) {
      const y = height + 20 - scale(mark);
      svg.append(
        el('line', {
          x1: x0 - 3,
          x2: x0 + series.length * 26 + 1,
          y1: y,
          y2: y,
          stroke: COLORS.target,
          'stroke-width': 2,
          'data-series': marks.name,
          'data-label': label,
          'data-value': mark,
        }),
      );
    }
    svg.append(el('text', { x: x0 + (series.length * 26) / 2, y: height + 38, 'text-anchor': 'middle', class: 'axis-label' }, label));
  });
  svg.append(legend([...series.map((s) => s.name), ...(marks ? [marks.name] : [])], height + 54));
  return svg;
}

/** One line per series over ordered labels (periods); `reference` draws a flat target line. */
export function lineChart({ title, labels, series, reference, percent = true, height = 220 }) {
  const width = Math.max(360, labels.length * 70 + 80);
  const values = series.flatMap((s) => labels.map((l) => s.values[l] ?? 0));
  const max = Math.max(1e-9, ...values, reference?.value ?? 0);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height + 60}`, width, height: height + 60, role: 'img', 'aria-label': title, 'data-chart': title });
  svg.append(el('text', { x: 8, y: 16, class: 'chart-title' }, title));
  const x = (i) => 50 + i * ((width - 90) / Math.max(labels.length - 1, 1));
  const y = (v) => height + 20 - (v / max) * (height - 30);
  series.forEach((s, j) => {
    const points = labels.map((l, i) => `${x(i)},${y(s.values[l] ?? 0)}`).join(' ');
    const color = Object.values(COLORS)[j % 4];
    svg.append(el('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2 }));
    labels.forEach((l, i) => {
      const value = s.values[l];
      const dot = el('circle', { cx: x(i), cy: y(value ?? 0), r: 4, fill: color, 'data-series': s.name, 'data-label': l, 'data-value': value ?? '' });
      dot.append(el('title', {}, `${s.name} ${l}: ${format(value, percent)}`));
      svg.append(dot);
    });
  });
  if (reference) {
    svg.append(
      el('line', {
        x1: 40,
        x2: width - 30,
        y1: y(reference.value),
        y2: y(reference.value),
        stroke: COLORS.target,
        'stroke-dasharray': '6 4',
        'data-series': reference.name,
        'data-value': reference.value,
      }),
    );
  }
  labels.forEach((l, i) => svg.append(el('text', { x: x(i), y: height + 38, 'text-anchor': 'middle', class: 'axis-label' }, l)));
  svg.append(legend([...series.map((s) => s.name), ...(reference ? [reference.name] : [])], height + 54));
  return svg;
}

function legend(names, y) {
  const g = el('g', { class: 'legend' });
  names.forEach((name, i) => {
    g.append(el('rect', { x: 40 + i * 150, y: y - 9, width: 10, height: 10, fill: COLORS[name] ?? Object.values(COLORS)[i % 4] }));
    g.append(el('text', { x: 54 + i * 150, y }, name));
  });
  return g;
}
