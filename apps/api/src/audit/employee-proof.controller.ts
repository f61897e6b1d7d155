import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { employeeStreamId } from '@pm/domain';
import { CheckpointDiverged, EVENT_STORE, proveAtCheckpoint, StreamNotCovered, type EmployeeProof, type EventStore } from '@pm/event-store';
import { problem, RecordsAccess, Roles } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { HeavyJob } from '../common/heavy-job';
import { EmployeeHistory, endOf } from '../compliance/employee-history';
import { AuditCheckpoints } from './audit-checkpoints';
import { EmployeeProofDto, ProofQueryDto } from './checkpoint.dto';

/**
 * What compliance needs to check one person's history alone, offline, with only the public key:
 * the own stream's chain up to a signed checkpoint, the path of its head to the signed heads root,
 * and the person's review-cycle events with their paths to the signed events root.
 */
@ApiTags('compliance')
@Controller('v1/employees/:employeeId')
export class EmployeeProofController {
  constructor(
    private readonly checkpoints: AuditCheckpoints,
    private readonly history: EmployeeHistory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** `asOf`: the latest checkpoint signed at or before that instant (a bare date: the end of that day, UTC); default the latest. */
  @Get('proof')
  @Roles('compliance', 'admin')
  @RecordsAccess()
  @HeavyJob()
  @QueryResponses(
    EmployeeProofDto,
    [404, 'Unknown employee, or no signed checkpoint covers them by asOf'],
    [409, 'The store no longer matches that checkpoint'],
  )
  async proof(@Param('employeeId', ClientIdPipe) employeeId: string, @Query() query: ProofQueryDto): Promise<EmployeeProof> {
    const envelopes = await this.history.envelopes(employeeId);
    const until = query.asOf === undefined ? Infinity : endOf(query.asOf);
    const signed = (await this.checkpoints.read()).entries.flatMap((entry) => (entry.signatureValid && entry.checkpoint ? [entry.checkpoint] : []));
    const checkpoint = signed
      .filter((c) => Date.parse(c.createdAt) <= until)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.position - b.position)
      .at(-1);
    const asOf = query.asOf ? ` at or before ${query.asOf}` : '';
    if (!checkpoint) throw problem(404, 'no-checkpoint', 'No signed checkpoint', `No checkpoint was signed${asOf}: take one with POST /v1/audit/checkpoints`);
    const streamId = employeeStreamId(employeeId);
    const related = envelopes
      .filter((e) => e.streamId !== streamId && e.position <= checkpoint.position)
      .map((e) => ({ streamId: e.streamId, revision: e.revision }));
    try {
      const parts = await proveAtCheckpoint(this.store, checkpoint, { streamId, related });
      return { format: 'pm-employee-proof v1', employeeId, checkpoint, ...parts };
    } catch (error) {
      if (error instanceof StreamNotCovered) {
        throw problem(
          404,
          'no-checkpoint',
          'No signed checkpoint',
          `The checkpoint${asOf} (position ${checkpoint.position}, ${checkpoint.createdAt}) was signed before ${employeeId}'s first event: take a later one`,
        );
      }
      if (error instanceof CheckpointDiverged) throw problem(409, 'checkpoint-diverged', 'The store does not match the checkpoint', error.message);
      throw error;
    }
  }
}
