import type { AppendBatch } from '@pm/simulator';

type Data = Record<string, any>;

/** Employee ids an event refers to besides its subject (manager, colleague, nominator). */
function referencesOf(type: string, d: Data): (string | undefined)[] {
  switch (type) {
    case 'EmployeeHired':
      return [d.managerId];
    case 'ManagerChanged':
      return [d.toManagerId];
    case 'EmployeeTransferred':
      return [d.toManagerId];
    case 'FeedbackRecorded':
      return [d.fromEmployeeId];
    case 'PromotionNominated':
      return [d.nominatedBy];
    case 'RatingProposed':
      return [d.managerId];
    default:
      return [];
  }
}

/**
 * What the API and a feed reader rely on when the batches are appended in order: expected revisions
 * match, a stream starts with its creation, nobody is referred to before they are hired, a cycle
 * rates only people hired and not yet separated, and a final rating reaches an employee only after
 * its cycle is finalized. Returns the violations found.
 */
export function appendOrderProblems(batches: readonly AppendBatch[]): string[] {
  const revisions = new Map<string, number>();
  const hired = new Set<string>();
  const separated = new Set<string>();
  const finalized = new Set<string>();
  const problems: string[] = [];
  for (const batch of batches) {
    const revision = revisions.get(batch.streamId);
    const expected = revision === undefined ? 'no_stream' : revision;
    if (batch.expectedRevision !== expected) problems.push(`${batch.streamId}: expected revision ${batch.expectedRevision}, stream at ${expected}`);
    revisions.set(batch.streamId, (revision ?? -1) + batch.events.length);
    for (const event of batch.events) {
      const d = event.data as Data;
      if (event.type === 'EmployeeHired') hired.add(d.employeeId);
      else if (d.employeeId !== undefined && !hired.has(d.employeeId)) problems.push(`${event.type} about ${d.employeeId} before they were hired`);
      for (const id of referencesOf(event.type, d))
        if (id !== undefined && !hired.has(id)) problems.push(`${event.type} refers to ${id} before they were hired`);
      if ((event.type === 'RatingProposed' || event.type === 'SelfAssessmentSubmitted' || event.type === 'RatingCalibrated') && separated.has(d.employeeId)) {
        problems.push(`${event.type} for ${d.employeeId} after their separation`);
      }
      if (event.type === 'EmployeeSeparated') separated.add(d.employeeId);
      if (event.type === 'ReviewCycleFinalized') finalized.add(d.cycleId);
      if (event.type === 'RatingReceived' && !finalized.has(d.cycleId)) problems.push(`RatingReceived of ${d.cycleId} before the cycle was finalized`);
    }
  }
  return problems;
}
