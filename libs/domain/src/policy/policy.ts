/** A grade of the rating scale. Grades are listed best first. */
export interface Grade {
  code: string;
  label?: string;
  /** Below the bar: can trigger Focus, never counts toward promotion. */
  belowBar?: boolean;
}

/** `record`: a lapsed Pivot choice window is recorded (`PivotChoiceWindowLapsed`) and nothing else follows; HR may still record a choice dated inside the window. */
export const PIVOT_ON_LAPSE = ['record'] as const;
export type PivotOnLapse = (typeof PIVOT_ON_LAPSE)[number];

export interface FocusTrigger {
  /** Any of these final grades counts toward the trigger. */
  grades: string[];
  /** How many consecutive final ratings must be in `grades`. */
  consecutive: number;
}

/** An amount of money in minor units (cents) of an ISO 4217 currency: never a floating-point amount. */
export interface Money {
  /** A safe integer >= 0, in minor units. */
  amount: number;
  /** ISO 4217, e.g. USD. */
  currency: string;
}

/** An annual base salary band, in minor units of `currency`. */
export interface PayBand {
  min: number;
  max: number;
  currency: string;
}

/** One step of a vesting schedule: `share` of the units vest `monthsAfterGrant` months after the grant. */
export interface VestingStep {
  monthsAfterGrant: number;
  share: number;
}

/** Pay bands and the numbers pay decisions and projections read. Absent on policies stored before pay was recorded. */
export interface Compensation {
  /** Annual base by job family, then level. */
  bands: Record<string, Record<string, PayBand>>;
  /** After `consecutive` final ratings in a row at the scale's best grade, base may reach `share` × the band's max. */
  topGradeCap: { share: number; consecutive: number };
  /** The default vesting of an equity grant; shares add up to 1. */
  vesting: VestingStep[];
  /** Per year, e.g. 0: read by the pay projections. */
  assumedStockGrowth: number;
  /**
   * Read by the pay projections. `leaveLikelihood` (0..1): the share of people at risk expected to
   * leave within a year (replays' expected regretted exits); absent on older policies: read as
   * `DEFAULT_LEAVE_LIKELIHOOD` (`leaveLikelihoodOf`).
   */
  retentionRisk: { minGrade: string; latest: number; drop: number; leaveLikelihood?: number };
  /**
   * Refresher grants decided at each final rating: a grade listed gets a grant worth `share` × the
   * max of the band of the person's job family and level on the rating's period end, vesting on
   * `vesting`. Grades are codes of the scale. Absent on older policies: no refresher
   * (`refresherSharesOf`).
   */
  refreshers?: { grades: Record<string, number> };
  /** Buyout: weekly base × (baseWeeks + weeksPerYearOfTenure × whole years of tenure); a lost appeal or failed plan: that × its share. */
  severance: { baseWeeks: number; weeksPerYearOfTenure: number; appealLostShare: number; planFailedShare: number };
}

/**
 * The versioned policy document. Every number a rule uses comes from here; events
 * record the `policyId@version` they were decided under.
 */
export interface Policy {
  policyId: string;
  version: number;
  name: string;
  scale: {
    grades: Grade[];
    /**
     * Renamed grades: an old code (not on the scale) maps to its current code, a grade of the scale.
     * Ratings given with the old code are stored as the current one; ratings stored earlier under
     * the old code read as the current one.
     */
    aliases?: Record<string, string>;
  };
  curve: {
    /** Target share of each grade per calibration group; grades not listed are unconstrained. */
    targets: Record<string, number>;
    /** Curves are enforced in groups at least this large. */
    minGroupSize?: number;
  };
  focus: {
    minDays: number;
    maxDays: number;
    /** Default length when nothing else is said: 60 days. */
    defaultDays?: number;
    triggers: FocusTrigger[];
    /** Reasons for which a Focus may be closed as escalated before its due date; none by default. */
    earlyEscalationReasons?: string[];
  };
  pivot: {
    requiresEscalatedFocus: boolean;
    choiceWindowBusinessDays: number;
    planMinDays: number;
    planMaxDays: number;
    appealPanelMin?: number;
    appealPanelMax?: number;
    /** Days after the Focus closed as escalated within which Pivot may start; no limit when absent. */
    placementWindowDays?: number;
    /** Goals an improvement plan must hold; default 1. */
    planMinGoals?: number;
    /** What follows when the choice window passes with no option recorded; absent: `record`. */
    onLapse?: PivotOnLapse;
  };
  /**
   * Level ladders per job family, lowest first (`{ "SDE": ["L1", ..., "L10"] }`); `"*"` is the
   * ladder of every job family not listed. A promotion must go up the employee's ladder; a job
   * family with no ladder (or a policy without `levels`) is not checked.
   */
  levels?: Record<string, string[]>;
  promotion: {
    minGrade: string;
    minMonthsInLevel: number;
    /** How many of the latest final ratings (by period) must all be at or above `minGrade`; default 1. */
    lookBack?: number;
  };
  attrition: {
    uraTarget: number;
    regrettedIfLastGradeAtLeast: string;
  };
  analytics: {
    minGroupSize: number;
    /** Focus or Pivot within this many months of hire is flagged as hire-to-fire. */
    hireToFireMonths?: number;
  };
  /** Who may come back; absent: nobody whose last exit was a Pivot outcome. */
  rehire?: {
    /** Separation reason codes after which a rehire is refused. */
    barredAfter: string[];
  };
  /** Absent: leave pauses Focus and plan clocks. */
  leave?: {
    /** A running Focus's due date, or an improvement plan's, moves by the days on leave. */
    pausesClocks: boolean;
  };
  severance?: {
    baseWeeks: number;
    weeksPerYearOfTenure: number;
    appealLostShare: number;
    planFailedShare: number;
  };
  /** Absent on policies published before pay was recorded: pay commands that need a band are then refused (`compensation-not-configured`). */
  compensation?: Compensation;
}

/** The share of at-risk people expected to leave within a year when a policy does not say. */
export const DEFAULT_LEAVE_LIKELIHOOD = 0.35;

/** `compensation.retentionRisk.leaveLikelihood`, read with its default (policies stored before it have none). */
export function leaveLikelihoodOf(policy: Policy): number {
  const value = policy.compensation?.retentionRisk?.leaveLikelihood;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : DEFAULT_LEAVE_LIKELIHOOD;
}

/** `compensation.refreshers.grades` (share of the band's max by grade), read with its default: none. */
export function refresherSharesOf(policy: Policy): Record<string, number> {
  const grades = policy.compensation?.refreshers?.grades;
  return grades !== null && typeof grades === 'object' ? grades : {};
}

/** What a published policy is referred to by, in events: `default@3`. */
export function policyRef(policy: Pick<Policy, 'policyId' | 'version'>): string {
  return `${policy.policyId}@${policy.version}`;
}
