import { PERSONAL_FIELDS } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Documents, Projection } from '@pm/projections/projection';
import { isCorrectionLogKey, type CorrectionLog } from '@pm/projections/corrections/following-corrections';
import { pay, type PayRecord } from '@pm/projections/pay/pay.projection';
import { workforce, type WorkforceRecord } from '@pm/projections/workforce';
import type { CompactHistory } from './compact-history';
import { compactHistory } from './compaction';
import { replayFacts, type ReplayFacts } from './replay-facts.projection';

/**
 * The workforce facts a replay reads: hires, moves between orgs, Focus, Pivot, separations. Its
 * feedback, promotions and erasure flag are not read, and ratings come from `replayFacts` with the
 * policy they were decided under, so those events are not folded into it.
 */
const WORKFORCE_EVENTS: ReadonlySet<string> = new Set(
  [...workforce.handles].filter((type) => !['FeedbackRecorded', 'PersonalDataErased', 'RatingReceived', 'ManagerChanged', 'Promoted'].includes(type)),
);

/** A read model held in a plain map: the same `apply` as the runner's, without its batch bookkeeping. */
class InMemory<D> {
  readonly documents = new Map<string, D>();
  private readonly docs: Documents<D> = {
    get: (key) => this.documents.get(key),
    put: (key, doc) => void this.documents.set(key, doc),
    delete: (key) => void this.documents.delete(key),
  };

  constructor(
    private readonly projection: Projection<D>,
    private readonly handles: ReadonlySet<string> = projection.handles,
  ) {}

  apply(event: EventEnvelope): void {
    if (this.handles.has(event.type)) this.projection.apply(event, this.docs);
  }
}

const HIRE_PERSONAL_FIELDS = new Set(PERSONAL_FIELDS.EmployeeHired);

/**
 * The hire without its personal fields: the workforce projection would keep the sealed attributes,
 * and a replay never holds a personal field, even encrypted. Other events' personal fields are
 * free text no projection used here keeps.
 */
function withoutPersonalFields(event: EventEnvelope): EventEnvelope {
  if (event.type !== 'EmployeeHired') return event;
  const data = Object.fromEntries(Object.entries(event.data as Record<string, unknown>).filter(([field]) => !HIRE_PERSONAL_FIELDS.has(field)));
  return { ...event, data };
}

/**
 * The history a replay needs, folded once from the event feed, in memory, through the workforce
 * projection (effective-dated orgs, Focus and Pivot cases, separations), `replayFacts` (final
 * ratings with rank, group and policy, what each decision saw) and the `pay` projection (salaries,
 * sign-ons, grants: amounts, no personal field). `apply` more events later and only
 * those are folded; the compact form replays read is rebuilt once after new events and then shared
 * by every replay. Never writes anything anywhere.
 */
export class ReplayHistory {
  private readonly workforce = new InMemory<WorkforceRecord | CorrectionLog>(workforce, WORKFORCE_EVENTS);
  private readonly facts = new InMemory<ReplayFacts>(replayFacts);
  /** Each employee's recorded pay (the `pay` projection, following corrections): what pay replays re-judge. */
  private readonly pay = new InMemory<PayRecord | CorrectionLog>(pay);
  private applied = 0;
  private compacted?: CompactHistory;

  /** The position of the last event folded in; 0 before any. */
  get position(): number {
    return this.applied;
  }

  /**
   * Folds the events after `position`, in the order given (global order); earlier ones are skipped,
   * so the same feed can be offered again. Returns how many were folded. An event a projection
   * cannot apply throws, and this history should then be dropped.
   */
  apply(events: Iterable<EventEnvelope>): number {
    let folded = 0;
    for (const event of events) {
      if (event.position <= this.applied) continue;
      const stripped = withoutPersonalFields(event);
      this.workforce.apply(stripped);
      this.facts.apply(stripped);
      this.pay.apply(stripped);
      this.applied = event.position;
      folded++;
    }
    if (folded > 0) this.compacted = undefined;
    return folded;
  }

  /** The workforce records, without the logs that let them follow corrections. */
  private records(): Map<string, WorkforceRecord> {
    const records = new Map<string, WorkforceRecord>();
    for (const [key, doc] of this.workforce.documents) if (!isCorrectionLogKey(key)) records.set(key, doc as WorkforceRecord);
    return records;
  }

  private payRecords(): Map<string, PayRecord> {
    const records = new Map<string, PayRecord>();
    for (const [key, doc] of this.pay.documents) if (!isCorrectionLogKey(key)) records.set(key, doc as PayRecord);
    return records;
  }

  /** What replays read: built on first use after new events, then reused. */
  compact(): CompactHistory {
    this.compacted ??= compactHistory({ workforce: this.records(), facts: this.facts.documents, pay: this.payRecords() }, this.applied);
    return this.compacted;
  }
}
