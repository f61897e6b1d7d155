import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@pm/event-store';
import { PersonalData, Roles } from '@pm/platform';
import { QueryResponses } from '../shared/api-responses';

export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'Return events after this global position', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after: number = 0;

  @ApiPropertyOptional({ description: 'At most this many events', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class FeedPageDto {
  @ApiProperty({ description: 'Stored envelopes in global order', type: 'array', items: { type: 'object' } }) events!: EventEnvelope[];
  @ApiProperty({ description: 'Pass as `after` to get the next page; equal to `after` when nothing new' }) nextAfter!: number;
}

@ApiTags('feed')
@Controller('v1/events')
export class EventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personalData: PersonalData,
  ) {}

  /**
   * The event feed the HR platform syncs: every envelope in global order, paged by position, with
   * personal fields decrypted (`[erased]` once a person's data was erased).
   */
  @Get()
  @Roles('hr', 'admin')
  @QueryResponses(FeedPageDto)
  async page(@Query() query: FeedQueryDto): Promise<FeedPageDto> {
    const events: EventEnvelope[] = [];
    for await (const event of this.store.readAll({ fromPosition: query.after + 1, limit: query.limit })) events.push(await this.personalData.reveal(event));
    return { events, nextAfter: events.at(-1)?.position ?? query.after };
  }
}
