import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { WriteSide } from '@pm/commands';
import { WriteSideModule } from '@pm/platform';
import { CommandAnswerInterceptor } from './command-answer.interceptor';
import { CommandGateway } from './command-gateway';

/** The write side as the API uses it: the command library, its per-stream queue, the answer interceptor. */
@Global()
@Module({
  imports: [WriteSideModule],
  providers: [CommandGateway, CommandAnswerInterceptor],
  exports: [CommandGateway, CommandAnswerInterceptor, WriteSideModule],
})
export class CommandsModule implements OnApplicationBootstrap {
  constructor(private readonly writeSide: WriteSide) {}

  /** Ships the default policies as version 1 where they were never published (safe on every start). */
  onApplicationBootstrap(): Promise<void> {
    return this.writeSide.publishShippedPolicies();
  }
}
