import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** The tamper-evidence endpoints; needs only the global EVENT_STORE. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
