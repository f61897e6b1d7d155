import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';

/** The event feed an HR platform syncs from, in global order. */
@Module({ controllers: [EventsController] })
export class FeedModule {}
