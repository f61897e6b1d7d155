import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { digestAt, EVENT_STORE, verifyStore, type EventStore } from '@pm/event-store';
import { Roles } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { AuditReportDto, DigestDto, VerifyQueryDto } from './audit.dto';

@ApiTags('compliance')
@Controller('v1/audit')
@Roles('compliance', 'admin')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Recomputes every stream's hash chain from the stored events; with a digest kept earlier, also
   * proves nothing it covered was deleted, truncated or rewritten. Reads the whole store.
   */
  @Get('verify')
  @QueryResponses(AuditReportDto)
  verify(@Query() query: VerifyQueryDto): Promise<AuditReportDto> {
    return verifyStore(this.store, { digest: query.digest });
  }

  /** A digest over every stream head at the current position, for the caller to keep outside the system. */
  @Get('digest')
  @QueryResponses(DigestDto)
  async digest(): Promise<DigestDto> {
    const { position, streams, digest } = await digestAt(this.store);
    return { position, streams, digest };
  }
}
