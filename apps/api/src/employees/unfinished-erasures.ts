import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { employeeStreamId } from '@pm/domain';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@pm/event-store';
import { PersonalData } from '@pm/platform';

/** At start, destroys the keys of erasures recorded before a crash took the process down. */
@Injectable()
export class UnfinishedErasures implements OnApplicationBootstrap {
  private readonly logger = new Logger(UnfinishedErasures.name);

  constructor(
    private readonly personalData: PersonalData,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const finished = await this.personalData.finishErasures((employeeId) => this.recorded(employeeId));
    if (finished.length > 0) this.logger.warn(`Finished ${finished.length} erasure(s) interrupted by a crash`);
  }

  private async recorded(employeeId: string): Promise<boolean> {
    try {
      const { events } = await this.store.readStream(employeeStreamId(employeeId));
      return events.some((event) => event.type === 'PersonalDataErased');
    } catch (error) {
      if (error instanceof StreamNotFound) return false;
      throw error;
    }
  }
}
