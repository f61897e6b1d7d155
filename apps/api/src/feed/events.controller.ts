import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@pm/event-store';
import { PersonalData, Roles } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { PageQueryDto } from '../common/page-query.dto';

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
  async page(@Query() query: PageQueryDto): Promise<FeedPageDto> {
    // Waits (briefly) until every acknowledged append is visible, so a client that just wrote finds its write.
    await this.store.headPosition();
    const events: EventEnvelope[] = [];
    for await (const event of this.store.readAll({ fromPosition: query.after + 1, limit: query.limit })) events.push(await this.personalData.reveal(event));
    return { events, nextAfter: events.at(-1)?.position ?? query.after };
  }
}
