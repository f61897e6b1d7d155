/**
 * Which event fields hold personal data (names, e-mail, free text, group attributes). They are
 * stored encrypted with the person's key, so erasing the key erases them everywhere. A path with
 * `[]` applies to every element of a list. Separation reasons are personal except the codes the
 * Pivot steps record.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EmployeeHired: ['name', 'email', 'location', 'attributes'],
  EmployeeSeparated: ['reason'],
  FeedbackRecorded: ['text'],
  FocusEntered: ['reason', 'goals[].description'],
  FocusGoalUpdated: ['note'],
  PivotPlaced: ['reason'],
  PivotOptionChosen: ['goals[].description'],
  PromotionNominated: ['document'],
  SelfAssessmentSubmitted: ['text'],
  RatingProposed: ['narrative'],
  RatingCalibrated: ['rationale'],
  EventCorrected: ['reason'],
  EventRetracted: ['reason'],
  JobChanged: ['reason'],
};

/** Reasons that are codes, not a person's story: kept readable for statistics. */
export const CODED_SEPARATION_REASONS: readonly string[] = ['pivot_buyout', 'appeal_lost', 'pivot_failed'];
