import { Global, Logger, Module } from '@nestjs/common';
import { PolicyBook, WriteSide } from '@pm/commands';
import { EVENT_STORE, type EventStore } from '@pm/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PersonalData } from '../personal-data/personal-data';
import { PersonalDataModule } from '../personal-data/personal-data.module';

/** Times every append; a host with metrics provides it. */
export const APPEND_TIMER = Symbol('AppendTimer');
export type AppendTimer = () => (events: number) => void;

function openWriteSide(store: EventStore, personalData: PersonalData, config: AppConfig, timeAppend?: AppendTimer): WriteSide {
  const logger = new Logger('RatingDelivery');
  return new WriteSide({
    store,
    seal: (type, data) => personalData.protect(type, data),
    keyRequest: (subjectId, digest) => personalData.requestHash(subjectId, digest),
    tenantId: config.tenantId,
    defaultPolicyId: config.defaultPolicyId,
    timeAppend,
    onRatingSkipped: (rating, reason) => logger.warn(`Final rating of ${rating.employeeId} in ${rating.cycleId} not delivered: ${reason.message}`),
  });
}

/** The command library (`@pm/commands`) wired to this process's store, keys and configuration. */
@Global()
@Module({
  imports: [PersonalDataModule],
  providers: [
    { provide: WriteSide, inject: [EVENT_STORE, PersonalData, APP_CONFIG, { token: APPEND_TIMER, optional: true }], useFactory: openWriteSide },
    { provide: PolicyBook, inject: [WriteSide], useFactory: (writeSide: WriteSide) => writeSide.policies },
  ],
  exports: [WriteSide, PolicyBook],
})
export class WriteSideModule {}
