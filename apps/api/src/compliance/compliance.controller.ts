import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PersonalData, RecordsAccess, Roles } from '@pm/platform';
import { summarize } from '@pm/projections';
import { QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { EmployeeHistory } from './employee-history';
import { TimelineDto, TimelineQueryDto } from './timeline.dto';

@ApiTags('compliance')
@Controller('v1/employees/:employeeId')
export class ComplianceController {
  constructor(
    private readonly history: EmployeeHistory,
    private readonly personalData: PersonalData,
  ) {}

  /**
   * Every event about the employee from every stream, in global order, each with a readable
   * summary; `asOf` = as known at that instant, `effectiveAt` = as true on that date.
   */
  @Get('timeline')
  @Roles('compliance', 'admin', 'hr')
  @RecordsAccess()
  @QueryResponses(TimelineDto, [404, 'Unknown employee'])
  async timeline(@Param('employeeId', ClientIdPipe) employeeId: string, @Query() query: TimelineQueryDto): Promise<TimelineDto> {
    const stored = await this.history.envelopes(employeeId, query);
    const entries = await Promise.all(
      stored.map(async (stored) => {
        const event = await this.personalData.reveal(stored);
        return {
          position: event.position,
          type: event.type,
          occurredAt: event.metadata.occurredAt,
          recordedAt: event.metadata.recordedAt,
          actor: event.metadata.actor,
          summary: summarize(event),
          data: event.data,
          eventId: event.id,
          streamId: event.streamId,
          revision: event.revision,
          ...(event.metadata.policyVersion ? { policyVersion: event.metadata.policyVersion } : {}),
        };
      }),
    );
    return { employeeId, ...(query.asOf ? { asOf: query.asOf } : {}), ...(query.effectiveAt ? { effectiveAt: query.effectiveAt } : {}), entries };
  }

  /** The stored envelopes, unchanged (personal fields stay sealed, hashes verifiable), one JSON per line. */
  @Get('history.ndjson')
  @Roles('compliance', 'admin')
  @RecordsAccess()
  @ApiOperation({ summary: 'Export every stored envelope about the employee, unchanged, as NDJSON' })
  @ApiProduces('application/x-ndjson')
  @QueryResponses(Object, [404, 'Unknown employee'])
  @ApiResponse({
    status: 200,
    description: 'One stored envelope per line, in global order',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  async historyNdjson(@Param('employeeId', ClientIdPipe) employeeId: string, @Query() query: TimelineQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const stored = await this.history.envelopes(employeeId, query);
    void reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${employeeId}-history.ndjson"`)
      .send(Readable.from(stored.map((event) => `${JSON.stringify(event)}\n`)));
  }
}
