import { employeeStreamId, reviewCycleStreamId } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';

export interface EventSpec {
  type: string;
  data: Record<string, unknown>;
  /** Defaults to the employee stream of `data.employeeId`, or the cycle stream of `data.cycleId` for cycle events. */
  streamId?: string;
  /** Business time; a bare date means midnight UTC. Defaults to `recordedAt`. */
  occurredAt?: string;
  recordedAt?: string;
  actor?: { id: string; role: string };
  policyVersion?: string;
}

const CYCLE_EVENTS = new Set([
  'ReviewCycleOpened',
  'SelfAssessmentSubmitted',
  'RatingProposed',
  'RatingCalibrated',
  'ReviewCycleFinalized',
  'RatingFinalized',
  'FinalRatingCorrected',
]);

function instant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : value;
}

/**
 * Stored envelopes for projection specs: positions 1, 2, 3... in the order given, revisions
 * counted per stream, one recordedAt per day from 2026-01-01 unless given. Hashes are fake:
 * projections never read them.
 */
export function envelopes(specs: readonly EventSpec[], firstPosition = 1): EventEnvelope[] {
  const revisions = new Map<string, number>();
  return specs.map((spec, i) => {
    const streamId =
      spec.streamId ?? (CYCLE_EVENTS.has(spec.type) ? reviewCycleStreamId(String(spec.data.cycleId)) : employeeStreamId(String(spec.data.employeeId)));
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const recordedAt = instant(spec.recordedAt ?? new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    return {
      id: `00000000-0000-4000-8000-${String(firstPosition + i).padStart(12, '0')}`,
      type: spec.type,
      schemaVersion: 1,
      streamId,
      revision,
      position: firstPosition + i,
      data: spec.data,
      metadata: {
        actor: spec.actor ?? { id: 'hr-system', role: 'hr' },
        occurredAt: instant(spec.occurredAt ?? recordedAt),
        recordedAt,
        correlationId: `corr-${i}`,
        tenantId: 'default',
        ...(spec.policyVersion ? { policyVersion: spec.policyVersion } : {}),
      },
      hash: `hash-${firstPosition + i}`,
    };
  });
}
