import { round, ratio, roundRate } from '@pm/projections/analytics/rounding';

/** The figures a replay reports for one side, over the whole window, one org or one year. */
export interface ReplaySummary {
  /** Distinct people with a final rating whose period ended in the window. */
  ratedEmployees: number;
  /** Final grades per grade of the proposed scale (recorded codes read through its aliases). */
  gradeDistribution: Record<string, number>;
  /** The side's policy's curve targets, by grade of the proposed scale. */
  curveTargets: Record<string, number>;
  /** Final ratings after which a Focus trigger held. */
  focusEligible: number;
  focusEntries: number;
  pivots: number;
  involuntaryExits: number;
  separations: number;
  regretted: number;
  unregretted: number;
  /** Unregretted separations per employee-year (annualized as the attrition statistics are); null without headcount. */
  unregrettedRate: number | null;
  uraTarget: number | null;
  /** unregrettedRate - uraTarget. */
  uraGap: number | null;
  promotionNominations: number;
  /** Nominations that met the side's promotion bar. */
  promotionEligible: number;
}

/** What a side's policy says, the same for every row. */
export interface PolicyFigures {
  curveTargets: Record<string, number>;
  uraTarget: number | null;
}

/** One row's running counts; expected values make some of them fractional. */
export class Tally {
  /** Keyed by every code of the proposed scale from the start, so counting is a property increment. */
  readonly grades: Record<string, number>;
  focusEligible = 0;
  focusEntries = 0;
  pivots = 0;
  involuntaryExits = 0;
  separations = 0;
  regretted = 0;
  unregretted = 0;
  employeeDays = 0;
  promotionNominations = 0;
  promotionEligible = 0;

  constructor(grades: readonly string[]) {
    this.grades = Object.fromEntries(grades.map((g) => [g, 0]));
  }

  summary(figures: PolicyFigures, ratedEmployees: number): ReplaySummary {
    const unregrettedRate = roundRate(ratio(this.unregretted, this.employeeDays / 365));
    const count = (x: number): number => round(x, 2) + 0;
    return {
      ratedEmployees,
      gradeDistribution: { ...this.grades },
      curveTargets: figures.curveTargets,
      focusEligible: this.focusEligible,
      focusEntries: count(this.focusEntries),
      pivots: count(this.pivots),
      involuntaryExits: count(this.involuntaryExits),
      separations: count(this.separations),
      regretted: this.regretted,
      unregretted: count(this.unregretted),
      unregrettedRate,
      uraTarget: figures.uraTarget,
      uraGap: unregrettedRate === null || figures.uraTarget === null ? null : round(unregrettedRate - figures.uraTarget, 4) + 0,
      promotionNominations: this.promotionNominations,
      promotionEligible: this.promotionEligible,
    };
  }
}

/** The period a dated outcome is counted in. */
export const yearOf = (date: string): string => date.slice(0, 4);

/**
 * One side's tallies: overall, per org and per calendar year, each count made in all three. The
 * rated headcount is kept overall only: the same people are rated on both sides, no row differs in it.
 */
export class SummaryBook {
  ratedEmployees = 0;
  readonly overall: Tally;
  readonly byOrg = new Map<string, Tally>();
  readonly byPeriod = new Map<string, Tally>();

  constructor(private readonly grades: readonly string[]) {
    this.overall = new Tally(grades);
  }

  count(year: string, orgId: string, change: (tally: Tally) => void): void {
    change(this.overall);
    change(this.tallyIn(this.byOrg, orgId));
    change(this.tallyIn(this.byPeriod, year));
  }

  /** `count` more final ratings of a grade (a code of the proposed scale). */
  rate(year: string, orgId: string, grade: string, count: number): void {
    this.overall.grades[grade] += count;
    this.tallyIn(this.byOrg, orgId).grades[grade] += count;
    this.tallyIn(this.byPeriod, year).grades[grade] += count;
  }

  summary(figures: PolicyFigures): ReplaySummary {
    return this.overall.summary(figures, this.ratedEmployees);
  }

  private tallyIn(rows: Map<string, Tally>, key: string): Tally {
    let tally = rows.get(key);
    if (tally === undefined) rows.set(key, (tally = new Tally(this.grades)));
    return tally;
  }
}
