import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@pm/event-store';
import { PERSONAL_FIELDS } from '@pm/domain';
import { ACCESS_LOG, accessEntryOf, PersonalData, Roles, type AccessLogStore, type AuthenticatedRequest } from '@pm/platform';
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
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLogStore,
  ) {}

  /**
   * The event feed the HR platform syncs: every envelope in global order, paged by position, with
   * personal fields decrypted (`[erased]` once a person's data was erased). Each person whose
   * personal data a page serves gets an access-log entry, written before the page is served.
   */
  @Get()
  @Roles('hr', 'admin')
  @QueryResponses(FeedPageDto)
  async page(@Query() query: PageQueryDto, @Req() request: AuthenticatedRequest): Promise<FeedPageDto> {
    // Waits (briefly) until every acknowledged append is visible, so a client that just wrote finds its write.
    await this.store.headPosition();
    const events: EventEnvelope[] = [];
    for await (const event of this.store.readAll({ fromPosition: query.after + 1, limit: query.limit })) events.push(await this.personalData.reveal(event));
    await this.accessLog.recordMany([...peopleServed(events)].map((employeeId) => accessEntryOf(request, employeeId)));
    return { events, nextAfter: events.at(-1)?.position ?? query.after };
  }
}

/** The employees whose personal fields the page carries. */
function peopleServed(events: EventEnvelope[]): Set<string> {
  const people = new Set<string>();
  for (const event of events) {
    const employeeId = (event.data as { employeeId?: unknown } | null)?.employeeId;
    if (PERSONAL_FIELDS[event.type] && typeof employeeId === 'string') people.add(employeeId);
  }
  return people;
}
