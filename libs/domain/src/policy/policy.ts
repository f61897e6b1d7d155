/** A grade of the rating scale. Grades are listed best first. */
export interface Grade {
  code: string;
  label?: string;
  /** Below the bar: can trigger Focus, never counts toward promotion. */
  belowBar?: boolean;
}

export interface FocusTrigger {
  /** Any of these final grades counts toward the trigger. */
  grades: string[];
  /** How many consecutive final ratings must be in `grades`. */
  consecutive: number;
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
    /** Renamed grades: an old code maps to its current code (old events keep the old code). */
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
  };
  promotion: {
    minGrade: string;
    minMonthsInLevel: number;
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
  severance?: {
    baseWeeks: number;
    weeksPerYearOfTenure: number;
    appealLostShare: number;
    planFailedShare: number;
  };
}

/** What a published policy is referred to by, in events: `default@3`. */
export function policyRef(policy: Pick<Policy, 'policyId' | 'version'>): string {
  return `${policy.policyId}@${policy.version}`;
}
