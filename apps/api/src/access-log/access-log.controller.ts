import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ACCESS_LOG, Roles, type AccessEntry, type AccessLogStore } from '@pm/platform';
import { QueryResponses } from '../shared/api-responses';
import { ClientId } from '../shared/validators';

export class AccessLogQueryDto {
  @ClientId('Only reads of this person', false) employeeId?: string;

  @ApiPropertyOptional({ description: 'Entries after this id (from nextAfter)', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
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
