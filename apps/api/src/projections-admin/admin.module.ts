import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller';

/** Operating the read side: projection status, rebuilds and slot promotion. */
@Module({ controllers: [ProjectionsController] })
export class AdminModule {}
