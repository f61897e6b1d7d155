/**
 * Which event fields hold personal data (names, e-mail, free text, group attributes). They are
 * stored encrypted with the person's key, so erasing the key erases them everywhere. A path with
 * `[]` applies to every element of a list. Separation reasons are personal except the codes the
 * Pivot steps record.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EmployeeHired: ['name', 'email', 'location', 'attributes'],
  EmployeeSeparated: ['reason'],
  FeedbackRecorded: ['text', 'principles'],
  FocusEntered: ['reason', 'goals[].description', 'goals[].measure'],
  FocusGoalUpdated: ['note'],
  PivotPlaced: ['reason'],
  PivotOptionChosen: ['goals[].description', 'goals[].measure'],
  PromotionNominated: ['document'],
  SelfAssessmentSubmitted: ['text'],
  RatingProposed: ['narrative'],
  RatingCalibrated: ['rationale'],
  EventCorrected: ['reason'],
  EventRetracted: ['reason'],
  JobChanged: ['reason'],
  PersonalDataErased: ['reason'],
};

/** Reasons that are codes, not a person's story: kept readable for statistics. */
export const CODED_SEPARATION_REASONS: readonly string[] = ['pivot_buyout', 'appeal_lost', 'pivot_failed'];

/**
 * An event's data without its personal fields (a list holding personal items goes whole) and
 * without undefined fields, but for the fields in `keep`: what a fold that reads no personal data
 * remembers of an event.
 */
export function withoutPersonalFields(type: string, data: object, keep: readonly string[] = []): Record<string, unknown> {
  const personal = new Set((PERSONAL_FIELDS[type] ?? []).map((path) => path.split(/[.[]/)[0]));
  return Object.fromEntries(Object.entries(data).filter(([field, value]) => value !== undefined && (!personal.has(field) || keep.includes(field))));
}
