import { Module } from '@nestjs/common';
import { DistributionController } from './distribution.controller';
import { ExecuteReviewCycleCommandHandler } from './execute-review-cycle-command';
import { RatingRedelivery } from './rating-redelivery.process';
import { ReviewCycleListController } from './review-cycle-list.controller';
import { ReviewCyclesController } from './review-cycles.controller';

/** Review cycles: proposals, calibration, finalization and the delivery of final ratings. */
@Module({
  controllers: [ReviewCyclesController, ReviewCycleListController, DistributionController],
  providers: [ExecuteReviewCycleCommandHandler, RatingRedelivery],
})
export class ReviewCyclesModule {}
