/**
 * The behaviour of a simulated company. The policy decides what is *allowed* (curve, Focus
 * triggers, windows); these numbers decide what people and managers *do*. Each default names its
 * source: the reported figures of the source accounts, a seed directly, or an assumption where
 * neither gives a number.
 */
export interface SimulationParameters {
  /** Average people per org; the company has about `employees / orgSize` orgs. */
  orgSize: number;
  /** Individual contributors per manager. */
  teamSize: number;
  /** Headcount growth per year on top of backfilling every leaver. */
  annualGrowth: number;
  /** Share of headcount that leaves by choice per year. */
  voluntaryAttrition: number;
  /** How much likelier to quit someone is whose last grade is below the bar (or who is in Focus/Pivot). */
  lowPerformerQuitFactor: number;
  /** Under a policy without compensation: how much likelier to quit a top-graded employee is in their fifth year, when the initial grant has vested. */
  cliffQuitFactor: number;
  /** How much likelier to quit a top performer is (the policy's `retentionRisk` grades) while their next year's total pay is more than `retentionRisk.drop` below the last year's. */
  payDropQuitFactor: number;
  /** Where a hire's base falls in the band, as [from, to] shares of the way from min to max (uniform between). */
  hireBandPosition: [number, number];
  /** A hire's sign-on as a share of their base, paid in two equal instalments at 1 and 13 months. */
  signOnShareOfBase: number;
  /** A hire's initial equity grant, worth this share of the band's max (vesting on the policy's schedule). */
  initialGrantShareOfBandMax: number;
  /** Base raise at one review (two a year) by final grade; below the bar none. */
  reviewRaise: { top: number; aboveBarBest: number; aboveBarLast: number };
  /** Base raise at a promotion (at least the new band's min). */
  promotionRaise: number;
  /** A promotion grant, worth this share of the new band's max. */
  promotionGrantShareOfBandMax: number;
  /** Spread of a manager's personal leniency or harshness (in standard deviations of performance). */
  managerBias: number;
  /** Noise of one manager's reading of one person's half-year. */
  proposalNoise: number;
  /** How far managers propose above what the curve will allow. */
  managerLeniency: number;
  /** Noise of the calibration group's stack rank (it sees more evidence than one manager). */
  calibrationNoise: number;
  /** How much of one half-year's performance is the person's lasting talent (0 to 1). */
  talentPersistence: number;
  /** Peers asked for 360 feedback per person and cycle. */
  peerFeedbackPerCycle: number;
  /** Anytime feedback a person receives per year. */
  anytimeFeedbackPerYear: number;
  /** Share of rated employees who submit a self-assessment. */
  selfAssessmentRate: number;
  /** Share of Focus cases that close as escalated (to Pivot). */
  focusEscalationRate: number;
  /** How people in Pivot choose among the three options (relative weights). */
  pivotChoice: { buyout: number; appeal: number; improvementPlan: number };
  /** Share of appeals the panel overturns. */
  appealWinRate: number;
  /** Share of improvement plans passed. */
  planPassRate: number;
  /** Chance per cycle that an eligible employee is nominated for promotion. */
  promotionNominationRate: number;
  /** Share of nominations the panel approves. */
  promotionApprovalRate: number;
  /** Individual contributors moving to another org per year. */
  transferRate: number;
  /** Individual contributors moving to another team of their org per year. */
  managerChangeRate: number;
}

export const DEFAULT_SIMULATION_PARAMETERS: Readonly<SimulationParameters> = {
  orgSize: 60, // assumption: about N/60 orgs, each above the default curve's 50-person enforcement size (reported: "groups of 50+")
  teamSize: 8, // assumption: a common span of control
  annualGrowth: 0.05, // assumption
  voluntaryAttrition: 0.1, // assumption: the reported figures give only the URA target (6%); 10% is a typical voluntary rate in tech
  lowPerformerQuitFactor: 2.5, // seed 3 ("start interviewing immediately"; many take the buyout rather than fight)
  cliffQuitFactor: 3, // reported: "year-5 cliff ... a retention risk that the first seed shows costs the company a top performer"
  payDropQuitFactor: 2, // assumption: the "doubling" of a top performer's exit odds in the year their pay drops (the year-5 cliff)
  hireBandPosition: [0.1, 0.5], // assumption: offers land in the lower-middle of the band, leaving room to grow
  signOnShareOfBase: 0.1, // assumption: a typical tech sign-on, paid in years 1 and 2
  initialGrantShareOfBandMax: 0.4, // assumption: vested 5/15/40/40 it pays ~16% of the band's max in years 3-4, then nothing: a drop above the policies' 10%
  reviewRaise: { top: 0.04, aboveBarBest: 0.025, aboveBarLast: 0.01 }, // assumption: ~8% a year at the top grade, 2-5% for the rest above the bar
  promotionRaise: 0.08, // assumption
  promotionGrantShareOfBandMax: 0.15, // assumption
  managerBias: 0.3, // assumption; reported: a strong engineer in a strong group can land last (seed 4)
  proposalNoise: 0.4, // assumption
  managerLeniency: 0.3, // assumption: calibration exists because proposals drift above the curve (how calibration is reported)
  calibrationNoise: 0.3, // assumption
  talentPersistence: 0.8, // assumption: seed 4's two M- in a row; ratings repeat more often than not
  peerFeedbackPerCycle: 4, // reported 360 peer feedback (seed 4 had 10 reviewers; 4 keeps volume modest)
  anytimeFeedbackPerYear: 1, // assumption; reported: "anytime feedback and evidence"
  selfAssessmentRate: 0.95, // reported: the cycle starts with a self-assessment; a few miss it
  focusEscalationRate: 0.45, // reported: "more than a third of Focus cases end in an exit": 0.45 escalated x ~0.9 exits in Pivot
  pivotChoice: { buyout: 0.5, appeal: 0.2, improvementPlan: 0.3 }, // assumption; seed 3: "many people choose the buyout"
  appealWinRate: 0.1, // reported: "reported win rates range from 5-15% to ~30%"
  planPassRate: 0.3, // reported: "reported pass rate ~30%"
  promotionNominationRate: 0.25, // assumption
  promotionApprovalRate: 0.7, // assumption
  transferRate: 0.05, // assumption
  managerChangeRate: 0.1, // assumption
};
