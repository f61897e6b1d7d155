import type { DomainError, RatingFinalized } from '@pm/domain';
import { CommandHandler, type CommandHandlerOptions, type CommandOutcome } from './command-handler';
import { handleEmployeeCommand, type EmployeeCommandRequest } from './employee-commands';
import { PolicyBook } from './policy-book';
import { publishPolicy, type PublishPolicyRequest } from './policy-commands';
import { PivotChoiceLapses } from './pivot-lapses';
import { RatingDelivery } from './rating-delivery';
import { handleReviewCycleCommand, type ReviewCycleCommandRequest } from './review-cycle-commands';
import { publishShippedPolicies } from './shipped-policies';

export interface WriteSideOptions extends CommandHandlerOptions {
  /** The policy a tenant's decisions follow until another applies. */
  defaultPolicyId: string;
  onRatingSkipped?: (rating: RatingFinalized['data'], reason: DomainError) => void;
}

/** Every command of the business, for any host (the API, the CLI): one handler, one policy book, one rating delivery. */
export class WriteSide {
  readonly handler: CommandHandler;
  readonly policies: PolicyBook;
  readonly delivery: RatingDelivery;
  /** Records lapsed Pivot choice windows; a host's process decides when to look (`PivotLapseProcess`). */
  readonly lapses: PivotChoiceLapses;

  constructor(options: WriteSideOptions) {
    this.handler = new CommandHandler(options);
    this.policies = new PolicyBook(options.store, options.defaultPolicyId);
    this.delivery = new RatingDelivery({ handler: this.handler, policies: this.policies, onSkipped: options.onRatingSkipped });
    this.lapses = new PivotChoiceLapses(this.handler, this.policies);
  }

  employee(request: EmployeeCommandRequest): Promise<CommandOutcome> {
    return handleEmployeeCommand(this.handler, this.policies, request);
  }

  reviewCycle(request: ReviewCycleCommandRequest): Promise<CommandOutcome> {
    return handleReviewCycleCommand(this, request);
  }

  publishPolicy(request: PublishPolicyRequest): Promise<CommandOutcome> {
    return publishPolicy(this.handler, request);
  }

  publishShippedPolicies(): Promise<void> {
    return publishShippedPolicies(this.handler);
  }
}
