import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ReplayHistoryCache } from './replay-history.service';
import { ReplaysController } from './replays.controller';
import { Replays } from './replays.service';

/** Counterfactual replays of the whole history under a proposed policy. */
@Module({ imports: [AnalyticsModule], controllers: [ReplaysController], providers: [ReplayHistoryCache, Replays] })
export class ReplaysModule {}
