import type { ReplayResult } from './replay-result';
import { Tally, type PolicyFigures, type SummaryBook } from './summary-book';
import { rowDelta, summaryDelta } from './summary-delta';

interface Sides<T> {
  baseline: T;
  counterfactual: T;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** counterfactual - baseline overall, then per org and per year where anything differs. */
export function replayDiff(books: Sides<SummaryBook>, figures: Sides<PolicyFigures>, grades: readonly string[]): Omit<ReplayResult['diff'], 'pay'> {
  const rows = (key: 'byOrg' | 'byPeriod'): { key: string; delta: ReturnType<typeof rowDelta> }[] => {
    const nothing = new Tally(grades);
    const [baseline, counterfactual] = [books.baseline[key], books.counterfactual[key]];
    return [...new Set([...baseline.keys(), ...counterfactual.keys()])]
      .sort(byText)
      .map((row) => ({
        key: row,
        delta: rowDelta((baseline.get(row) ?? nothing).summary(figures.baseline, 0), (counterfactual.get(row) ?? nothing).summary(figures.counterfactual, 0)),
      }))
      .filter(({ delta }) => Object.keys(delta).length > 0);
  };
  return {
    overall: summaryDelta(books.baseline.summary(figures.baseline), books.counterfactual.summary(figures.counterfactual)),
    byOrg: rows('byOrg').map(({ key, delta }) => ({ org: key, ...delta })),
    byPeriod: rows('byPeriod').map(({ key, delta }) => ({ period: key, ...delta })),
  };
}
