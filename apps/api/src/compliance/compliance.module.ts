import { Module } from '@nestjs/common';
import { AccessLogController } from '../access-log/access-log.controller';
import { AuditModule } from '../audit/audit.module';
import { ComplianceController } from './compliance.controller';
import { EmployeeHistory } from './employee-history';

/** What compliance reads: an employee's whole history as known on any date, who read it, and tamper evidence. */
@Module({
  imports: [AuditModule],
  controllers: [ComplianceController, AccessLogController],
  providers: [EmployeeHistory],
})
export class ComplianceModule {}
