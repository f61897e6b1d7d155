import { Module } from '@nestjs/common';
import { CheckpointHeadsFile } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '@pm/platform';
import { EmployeeHistory } from '../compliance/employee-history';
import { AUDIT_SIGNING_KEY, AuditCheckpoints, CHECKPOINT_HEADS, CHECKPOINT_LOG, checkpointLogFrom, signingKeyFrom } from './audit-checkpoints';
import { AuditController } from './audit.controller';
import { EmployeeProofController } from './employee-proof.controller';

/** The tamper-evidence endpoints: chains, digests, signed checkpoints (their key and log) and per-employee proofs. */
@Module({
  controllers: [AuditController, EmployeeProofController],
  providers: [
    { provide: AUDIT_SIGNING_KEY, inject: [APP_CONFIG], useFactory: signingKeyFrom },
    { provide: CHECKPOINT_LOG, inject: [APP_CONFIG], useFactory: checkpointLogFrom },
    { provide: CHECKPOINT_HEADS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new CheckpointHeadsFile(config.audit.checkpointHeadsPath) },
    AuditCheckpoints,
    EmployeeHistory,
  ],
})
export class AuditModule {}
