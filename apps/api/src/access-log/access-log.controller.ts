import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ACCESS_LOG, Roles, type AccessEntry, type AccessLogStore } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { PageQueryDto } from '../common/page-query.dto';
import { ClientId } from '../common/validators';

export class AccessLogQueryDto extends PageQueryDto {
  @ClientId('Only reads of this person', false) employeeId?: string;
}

export class AccessEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: 'When the record was read (server time)' }) at!: string;
  @ApiProperty({ example: 'compliance:3f2a9c01b7de' }) actorId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() employeeId!: string;
  @ApiProperty({ example: 'GET /v1/employees/:employeeId' }) endpoint!: string;
  @ApiProperty() correlationId!: string;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessEntryDto] }) entries!: AccessEntry[];
  @ApiProperty() nextAfter!: number;
}

@ApiTags('compliance')
@Controller('v1/audit/access-log')
export class AccessLogController {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLogStore) {}

  /** Who read which person's record, through which endpoint, when. */
  @Get()
  @Roles('admin')
  @QueryResponses(AccessLogPageDto)
  async list(@Query() query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const entries = await this.log.list({ employeeId: query.employeeId, after: query.after, limit: query.limit });
    return { entries, nextAfter: entries.at(-1)?.id ?? query.after };
  }
}
