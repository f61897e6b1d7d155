import { Injectable } from '@nestjs/common';
import {
  KeyedQueue,
  WriteSide,
  type CommandOutcome,
  type EmployeeCommandRequest,
  type PublishPolicyRequest,
  type ReviewCycleCommandRequest,
} from '@pm/commands';
import { employeeStreamId, policyStreamId, reviewCycleStreamId } from '@pm/domain';

/**
 * The API's door to the command library: commands on one stream run one at a time in this
 * process, so they never race each other; the library's retries are for writers elsewhere.
 */
@Injectable()
export class CommandGateway {
  private readonly streams = new KeyedQueue();

  constructor(private readonly writeSide: WriteSide) {}

  employee(request: EmployeeCommandRequest): Promise<CommandOutcome> {
    return this.streams.run(employeeStreamId(request.employeeId), () => this.writeSide.employee(request));
  }

  reviewCycle(request: ReviewCycleCommandRequest): Promise<CommandOutcome> {
    return this.streams.run(reviewCycleStreamId(request.cycleId), () => this.writeSide.reviewCycle(request));
  }

  publishPolicy(request: PublishPolicyRequest): Promise<CommandOutcome> {
    return this.streams.run(policyStreamId(request.policyId), () => this.writeSide.publishPolicy(request));
  }
}
