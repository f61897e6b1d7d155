import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PublishPolicyCommandHandler } from './publish-policy.command';

/** Policy versions: read the one in force, publish the next. */
@Module({ controllers: [PoliciesController], providers: [PublishPolicyCommandHandler] })
export class PoliciesModule {}
