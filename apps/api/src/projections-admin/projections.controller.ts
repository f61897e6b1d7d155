import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { Roles } from '@pm/platform';
import { ProjectionRunner, READ_MODEL_STORE, type DeadLetter, type ReadModelStore } from '@pm/projections';
import { QueryResponses } from '../common/api-responses';

export class ProjectionStatusDto {
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty() slotId!: number;
  @ApiProperty({ enum: ['building', 'serving', 'retired'] }) state!: string;
  @ApiProperty({ description: 'Global position of the last event applied' }) position!: number;
  @ApiProperty() eventsApplied!: number;
  @ApiPropertyOptional({ description: 'The slot reads are served from (an older version while this one is built)' }) servingSlotId?: number;
  @ApiProperty({ description: 'Age of the oldest event not yet applied; 0 when caught up' }) lagSeconds!: number;
  @ApiPropertyOptional() error?: string;
}

export class ProjectionsDto {
  @ApiProperty({ description: 'Last position in the event store' }) headPosition!: number;
  @ApiProperty({ type: [ProjectionStatusDto] }) projections!: ProjectionStatusDto[];
}

export class DeadLetterDto {
  @ApiProperty() projection!: string;
  @ApiProperty() slotId!: number;
  @ApiProperty() position!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class DeadLettersDto {
  @ApiProperty({ type: [DeadLetterDto] }) deadLetters!: DeadLetter[];
}

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ description: 'Only this projection' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  projection?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

/** What operators need to see of the read side: each projection's progress, and what it could not apply. */
@ApiTags('operations')
@Controller('v1/admin/projections')
export class ProjectionsController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get()
  @Roles('admin')
  @QueryResponses(ProjectionsDto)
  async list(): Promise<ProjectionsDto> {
    return { headPosition: await this.events.headPosition(), projections: this.runner.status() };
  }

  /** Events a projection could not apply after its retries: skipped, kept here until a fixed version rebuilds it. */
  @Get('dead-letters')
  @Roles('admin')
  @QueryResponses(DeadLettersDto)
  async deadLetters(@Query() query: DeadLetterQueryDto): Promise<DeadLettersDto> {
    return { deadLetters: await this.store.deadLetters({ projection: query.projection, limit: query.limit }) };
  }
}
