/** One read of an individual's record: who, which person, through which endpoint, when. */
export interface AccessEntry {
  id: number;
  at: string;
  actorId: string;
  role: string;
  employeeId: string;
  endpoint: string;
  correlationId: string;
}

export interface AccessQuery {
  employeeId?: string;
  /** Entries with an id greater than this. */
  after?: number;
  limit: number;
}

/** Append-only: the service never updates or deletes an entry. */
export interface AccessLogStore {
  record(entry: Omit<AccessEntry, 'id'>): Promise<void>;
  /** Several entries in one write (a feed page serves many people's data). */
  recordMany(entries: Omit<AccessEntry, 'id'>[]): Promise<void>;
  list(query: AccessQuery): Promise<AccessEntry[]>;
  close(): Promise<void>;
}

export const ACCESS_LOG = Symbol('AccessLogStore');
