import type { EmployeeEvent, Policy, PolicyEvent, ReviewCycleEvent } from '@pm/domain';
import type { EventMetadata } from '@pm/event-store';

type KnownEvent = EmployeeEvent | ReviewCycleEvent | PolicyEvent;
export type KnownEventType = KnownEvent['type'];

/** Data as read back from the store: any field may be missing, sealed (`{ $pii }`) or read `[erased]`. */
type Readback<D> = { readonly [K in keyof D]?: unknown };
type Summary<T extends KnownEventType> = (data: Readback<Extract<KnownEvent, { type: T }>['data']>, actorId: string) => string;

export interface SummarizableEvent {
  type: string;
  data: unknown;
  metadata: Pick<EventMetadata, 'actor'>;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '?';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return '$pii' in value ? '[sealed]' : JSON.stringify(value);
  return String(value);
}

/** ` prefix value`, or nothing when the value is absent. */
function optional(prefix: string, value: unknown): string {
  return value === undefined || value === null ? '' : `${prefix}${show(value)}`;
}

/** Codes such as `improvement_plan` as words. */
function words(value: unknown): string {
  return show(value).replaceAll('_', ' ');
}

function yesNo(value: unknown, yes: string, no: string): string {
  return value === true ? yes : value === false ? no : '?';
}

function countOf(value: unknown, noun: string): string {
  const n = Array.isArray(value) ? value.length : 0;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function severance(weeks: unknown): string {
  return typeof weeks === 'number' ? `; severance ${Math.round(weeks * 10) / 10} weeks` : '';
}

/** An amount in minor units with its currency, as `USD 150000.00`; a sealed or odd value as the rest are shown. */
function money(value: unknown): string {
  const m = value as { amount?: unknown; currency?: unknown } | null | undefined;
  if (typeof m?.amount !== 'number' || typeof m.currency !== 'string') return show(value);
  return `${m.currency} ${(m.amount / 100).toFixed(2)}`;
}

function missedPrinciples(principles: unknown): string {
  const missed = (principles as { missed?: unknown } | null | undefined)?.missed;
  return Array.isArray(missed) && missed.length > 0 ? `; missed principles: ${show(missed)}` : '';
}

const FEEDBACK_KINDS: Record<string, string> = { peer360: '360', anytime: 'anytime' };
const APPEAL_OUTCOMES: Record<string, string> = { upheld: 'Appeal lost: decision upheld', overturned: 'Appeal won: decision overturned' };

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Typed over the domain's event unions: an event type without a summary fails compilation.
// Free text (narratives, notes, feedback) stays out of the one-liner; the timeline entry carries the data.
const SUMMARIES: { [T in KnownEventType]: Summary<T> } = {
  EmployeeHired: (d) =>
    `Hired ${show(d.name)} as ${show(d.level)} in org ${show(d.orgId)} (job family ${show(d.jobFamily)})${optional(', manager ', d.managerId)}`,
  ManagerChanged: (d) => `Manager changed${optional(' from ', d.fromManagerId)} to ${show(d.toManagerId)}, effective ${show(d.effectiveDate)}`,
  EmployeeTransferred: (d) =>
    `Transferred from org ${show(d.fromOrgId)} to org ${show(d.toOrgId)}${optional(', manager ', d.toManagerId)}, effective ${show(d.effectiveDate)}${d.duringFocus === true ? ' (during Focus)' : ''}`,
  EmployeeSeparated: (d) => `Separated (${show(d.type)}, ${yesNo(d.regretted, 'regretted', 'unregretted')}): ${show(d.reason)}${severance(d.severanceWeeks)}`,
  FeedbackRecorded: (d) =>
    `${capitalized(show(d.sentiment))} ${FEEDBACK_KINDS[show(d.kind)] ?? show(d.kind)} feedback from ${show(d.fromEmployeeId)}${optional(' in cycle ', d.cycleId)}${optional(' on ', d.principles)}`,
  RatingReceived: (d) =>
    `Received final rating ${show(d.rating)} for cycle ${show(d.cycleId)} (${yesNo(d.calibrated, 'calibrated', 'as proposed')}) under policy ${show(d.policy)}`,
  FocusEntered: (d) => `Entered Focus from ${show(d.startDate)} to ${show(d.dueDate)} with ${countOf(d.goals, 'goal')}`,
  FocusGoalUpdated: (d) => `Focus goal ${show(d.goalId)} marked ${words(d.status)}`,
  FocusClosed: (d) => `Focus closed (${show(d.outcome)}), effective ${show(d.effectiveDate)}`,
  PivotPlaced: (d) => `Placed in Pivot from ${show(d.startDate)}; option to be chosen by ${show(d.choiceDeadline)}`,
  PivotOptionChosen: (d) => `Pivot option chosen: ${words(d.option)}${optional(' due ', d.planDueDate)}`,
  BuyoutAccepted: (d) => `Buyout accepted, effective ${show(d.effectiveDate)}${severance(d.severanceWeeks)}`,
  AppealDecided: (d) => `${APPEAL_OUTCOMES[show(d.outcome)] ?? `Appeal ${show(d.outcome)}`} by panel ${show(d.panel)} on ${show(d.decidedAt)}`,
  PivotClosed: (d) => `Pivot closed: improvement plan ${show(d.outcome)}, effective ${show(d.effectiveDate)}`,
  PivotChoiceWindowLapsed: (d) =>
    `Pivot choice window lapsed on ${show(d.lapsedOn)}: no option chosen by ${show(d.choiceDeadline)} (on lapse: ${words(d.onLapse)})`,
  PromotionNominated: (d) =>
    `Nominated by ${show(d.nominatedBy)} for promotion from ${show(d.fromLevel)} to ${show(d.toLevel)} (promotion ${show(d.promotionId)})`,
  PromotionDecided: (d) =>
    `Promotion ${show(d.promotionId)} ${yesNo(d.approved, 'approved', 'rejected')} by panel ${show(d.panel)}, effective ${show(d.effectiveDate)}`,
  Promoted: (d) => `Promoted from ${show(d.fromLevel)} to ${show(d.toLevel)}, effective ${show(d.effectiveDate)}`,
  PersonalDataErased: (d) => `Personal data erased: ${show(d.reason)}`,
  EventCorrected: (d) =>
    `Correction of ${show(d.eventType)} ${show(d.eventId)}: ${Object.entries((d.correctedData ?? {}) as Record<string, unknown>)
      .map(([field, value]) => `${field} ${show(value)}`)
      .join(', ')}${optional(', approved by ', d.decidedBy)}`,
  EventRetracted: (d) => `Retraction of ${show(d.eventType)} ${show(d.eventId)}${optional(', approved by ', d.decidedBy)}`,
  EmployeeRehired: (d) => `Rehired as ${show(d.level)} in org ${show(d.orgId)} (job family ${show(d.jobFamily)}) from ${show(d.hireDate)}`,
  LeaveStarted: (d) => `On ${show(d.kind)} leave from ${show(d.startDate)}${optional(', expected back after ', d.expectedEndDate)}`,
  LeaveEnded: (d) => `Leave ended on ${show(d.endDate)}${typeof d.pausedDays === 'number' ? `; due dates moved by ${show(d.pausedDays)} days` : ''}`,
  JobChanged: (d) =>
    `Job changed from ${show(d.fromJobFamily)} ${show(d.fromLevel)} to ${show(d.toJobFamily)} ${show(d.toLevel)}, effective ${show(d.effectiveDate)}`,
  BaseSalaryChanged: (d) =>
    `Base salary ${money(d.baseSalary)} a year from ${show(d.effectiveDate)} (${words(d.reason)}; ${show(d.jobFamily)} ${show(d.level)})`,
  SignOnBonusGranted: (d) =>
    `Sign-on bonus in ${show(d.currency)} granted on ${show(d.grantDate)}: ${countOf(d.instalments, 'instalment')}${
      typeof (d.clawback as { months?: unknown } | undefined)?.months === 'number' ? `, clawback ${show((d.clawback as { months: number }).months)} months` : ''
    }`,
  EquityGranted: (d) => `Equity grant ${show(d.grantId)} (${show(d.kind)}) of ${show(d.units)} units at ${money(d.unitValue)} on ${show(d.grantDate)}`,
  SignOnClawbackOwed: (d) => `Sign-on of ${show(d.grantDate)}: ${money(d.owed)} owed back after leaving on ${show(d.separationDate)}`,
  ReviewCycleOpened: (d) =>
    `Review cycle ${show(d.cycleId)} (${show(d.name)}) opened for ${show(d.periodStart)} to ${show(d.periodEnd)} under policy ${show(d.policy)}`,
  SelfAssessmentSubmitted: (d) => `Self-assessment submitted in cycle ${show(d.cycleId)}`,
  RatingProposed: (d) => `Rating ${show(d.rating)} proposed by manager ${show(d.managerId)} in cycle ${show(d.cycleId)}${missedPrinciples(d.principles)}`,
  RatingCalibrated: (d, actorId) =>
    `Calibrated from ${show(d.fromRating)} to ${show(d.rating)} by ${actorId}${optional(', rank ', d.rank)}${optional(' in group ', d.groupId)}`,
  ReviewCycleFinalized: (d) => `Review cycle ${show(d.cycleId)} finalized with ${show(d.ratedEmployees)} rated employees`,
  FinalRatingCorrected: (d) =>
    `Final rating ${show(d.fromRating)} in cycle ${show(d.cycleId)} ${typeof d.toRating === 'string' ? `corrected to ${show(d.toRating)}` : 'retracted'}`,
  RatingFinalized: (d) => `Rating ${show(d.rating)} finalized in cycle ${show(d.cycleId)} (${yesNo(d.calibrated, 'calibrated', 'as proposed')})`,
  PolicyPublished: (d) => {
    const policy = (d.policy ?? {}) as Readback<Policy>;
    return `Policy ${show(policy.policyId)} version ${show(policy.version)} published (${show(policy.name)})`;
  },
};

export const genericSummary = (type: string): string => `${type} recorded`;

/** One line of English for a compliance reviewer, from an event whose personal fields were decrypted. Never throws. */
export function summarize(event: SummarizableEvent): string {
  if (!Object.hasOwn(SUMMARIES, event.type)) return genericSummary(event.type);
  const summary = SUMMARIES[event.type as KnownEventType];
  const data = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  return summary(data, show(event.metadata?.actor?.id));
}
