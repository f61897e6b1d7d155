import { Pool, type PoolClient } from 'pg';
import { prefixUpperBound } from './key-prefix';
import { createPostgresReadModelSchema } from './postgres-read-model-schema';
import { CheckpointMoved, type DeadLetter, type ReadModelStore, type Slot, type SlotState, type SlotWrite } from './read-model-store';

export interface PostgresReadModelStoreOptions {
  poolSize?: number;
}

interface SlotRow {
  id: string;
  name: string;
  version: number;
  state: SlotState;
  position: string;
  events_applied: string;
  updated_at: Date;
}

interface DeadLetterRow {
  slot_id: string;
  projection: string;
  position: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  error: string;
  attempts: number;
  recorded_at: string;
}

const SLOT_COLUMNS = 'id, name, version, state, position, events_applied, updated_at';
/** Serializes promotions of one projection, so two racing promotions cannot both end up serving. */
const PROMOTE_LOCK_CLASS = 7262019;

const MOVE_CHECKPOINT = 'UPDATE rm_slots SET position = $2, events_applied = $3, updated_at = now() WHERE id = $1 AND position = $4 RETURNING id';
const PUT_DOCUMENTS = `
  INSERT INTO rm_documents (slot_id, key, doc)
  SELECT $1, key, doc FROM unnest($2::text[], $3::text[]) AS d(key, doc)
  ON CONFLICT (slot_id, key) DO UPDATE SET doc = EXCLUDED.doc`;
const DELETE_DOCUMENTS = 'DELETE FROM rm_documents WHERE slot_id = $1 AND key = ANY($2::text[])';
const INSERT_DEAD_LETTERS = `
  INSERT INTO rm_dead_letters (slot_id, projection, position, event_id, event_type, stream_id, error, attempts, recorded_at)
  SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::text[])`;

export async function openPostgresReadModelStore(url: string, options: PostgresReadModelStoreOptions = {}): Promise<PostgresReadModelStore> {
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await createPostgresReadModelSchema(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresReadModelStore(pool);
}

export class PostgresReadModelStore implements ReadModelStore {
  readonly engine = 'postgres';

  /** Takes ownership of the pool: `close` ends it. */
  constructor(private readonly pool: Pool) {}

  async slots(name?: string): Promise<Slot[]> {
    const { rows } =
      name === undefined
        ? await this.pool.query<SlotRow>(`SELECT ${SLOT_COLUMNS} FROM rm_slots ORDER BY id`)
        : await this.pool.query<SlotRow>(`SELECT ${SLOT_COLUMNS} FROM rm_slots WHERE name = $1 ORDER BY id`, [name]);
    return rows.map(toSlot);
  }

  async createSlot(name: string, version: number): Promise<Slot> {
    const { rows } = await this.pool.query<SlotRow>(
      `INSERT INTO rm_slots (name, version, state, position, events_applied) VALUES ($1, $2, 'building', 0, 0) RETURNING ${SLOT_COLUMNS}`,
      [name, version],
    );
    return toSlot(rows[0]);
  }

  async promote(slotId: number): Promise<void> {
    await this.inTransaction(async (client) => {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM rm_slots WHERE id = $1', [slotId]);
      if (rows.length === 0) throw new Error(`Slot ${slotId} does not exist`);
      const { name } = rows[0];
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROMOTE_LOCK_CLASS, name]);
      const serving = await client.query<[string]>({
        text: `SELECT id FROM rm_slots WHERE name = $1 AND state = 'serving' AND id <> $2`,
        values: [name, slotId],
        rowMode: 'array',
      });
      for (const [id] of serving.rows) await this.dropInTransaction(client, Number(id));
      const served = await client.query(`UPDATE rm_slots SET state = 'serving', updated_at = now() WHERE id = $1`, [slotId]);
      if (served.rowCount === 0) throw new Error(`Slot ${slotId} does not exist`);
    });
  }

  async dropSlot(slotId: number): Promise<void> {
    await this.inTransaction((client) => this.dropInTransaction(client, slotId));
  }

  /**
   * The slot row goes first: its row lock waits for a commit in flight on this slot, whose
   * documents the deletes below then see; a later commit finds no slot and fails.
   */
  private async dropInTransaction(client: PoolClient, slotId: number): Promise<void> {
    await client.query('DELETE FROM rm_slots WHERE id = $1', [slotId]);
    await client.query('DELETE FROM rm_documents WHERE slot_id = $1', [slotId]);
    await client.query('DELETE FROM rm_dead_letters WHERE slot_id = $1', [slotId]);
  }

  async commit(writes: readonly SlotWrite[]): Promise<void> {
    if (writes.length === 0) return;
    // Every runner locks slot rows in id order, so two multi-slot commits cannot deadlock.
    const ordered = [...writes].sort((a, b) => a.slotId - b.slotId);
    await this.inTransaction(async (client) => {
      for (const write of ordered) await this.writeSlot(client, write);
    });
  }

  private async writeSlot(client: PoolClient, write: SlotWrite): Promise<void> {
    const { slotId, expectedPosition } = write;
    const moved = await client.query({
      name: 'rm_move_checkpoint',
      text: MOVE_CHECKPOINT,
      values: [slotId, write.position, write.eventsApplied, expectedPosition],
    });
    if (moved.rowCount === 0) throw new CheckpointMoved(slotId, expectedPosition, await this.position(client, slotId));
    const putKeys: string[] = [];
    const putDocs: string[] = [];
    const deleted: string[] = [];
    for (const [key, doc] of write.documents) {
      if (doc === null) deleted.push(key);
      else {
        putKeys.push(key);
        putDocs.push(JSON.stringify(doc));
      }
    }
    if (putKeys.length > 0) await client.query({ name: 'rm_put_documents', text: PUT_DOCUMENTS, values: [slotId, putKeys, putDocs] });
    if (deleted.length > 0) await client.query({ name: 'rm_delete_documents', text: DELETE_DOCUMENTS, values: [slotId, deleted] });
    if (write.deadLetters.length > 0) await this.insertDeadLetters(client, slotId, write.deadLetters);
  }

  private async insertDeadLetters(client: PoolClient, slotId: number, letters: readonly DeadLetter[]): Promise<void> {
    await client.query({
      name: 'rm_insert_dead_letters',
      text: INSERT_DEAD_LETTERS,
      values: [
        slotId,
        letters.map((l) => l.projection),
        letters.map((l) => l.position),
        letters.map((l) => l.eventId),
        letters.map((l) => l.eventType),
        letters.map((l) => l.streamId),
        letters.map((l) => l.error),
        letters.map((l) => l.attempts),
        letters.map((l) => l.recordedAt),
      ],
    });
  }

  private async position(client: PoolClient, slotId: number): Promise<number | undefined> {
    const { rows } = await client.query<[string]>({ text: 'SELECT position FROM rm_slots WHERE id = $1', values: [slotId], rowMode: 'array' });
    return rows.length === 0 ? undefined : Number(rows[0][0]);
  }

  async load(slotId: number, keys: readonly string[]): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.pool.query<[string, string]>({
      name: 'rm_load',
      text: 'SELECT key, doc FROM rm_documents WHERE slot_id = $1 AND key = ANY($2::text[])',
      values: [slotId, keys],
      rowMode: 'array',
    });
    return new Map(rows.map(([key, doc]) => [key, JSON.parse(doc)]));
  }

  async get(slotId: number, key: string): Promise<unknown | undefined> {
    const { rows } = await this.pool.query<[string]>({
      name: 'rm_get',
      text: 'SELECT doc FROM rm_documents WHERE slot_id = $1 AND key = $2',
      values: [slotId, key],
      rowMode: 'array',
    });
    return rows.length === 0 ? undefined : JSON.parse(rows[0][0]);
  }

  async scan(slotId: number, prefix: string): Promise<Array<[string, unknown]>> {
    const bound = prefixUpperBound(prefix);
    const { rows } = await this.pool.query<[string, string]>(
      bound === undefined
        ? { text: 'SELECT key, doc FROM rm_documents WHERE slot_id = $1 AND key >= $2 ORDER BY key', values: [slotId, prefix], rowMode: 'array' }
        : {
            text: 'SELECT key, doc FROM rm_documents WHERE slot_id = $1 AND key >= $2 AND key < $3 ORDER BY key',
            values: [slotId, prefix, bound],
            rowMode: 'array',
          },
    );
    return rows.map(([key, doc]) => [key, JSON.parse(doc)]);
  }

  async deadLetters(options: { projection?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const { rows } = await this.pool.query<DeadLetterRow>(
      `SELECT slot_id, projection, position, event_id, event_type, stream_id, error, attempts, recorded_at FROM rm_dead_letters
        WHERE $1::text IS NULL OR projection = $1
        ORDER BY position DESC, id DESC LIMIT $2`,
      [options.projection ?? null, options.limit ?? null],
    );
    return rows.map(toDeadLetter);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A client that cannot even roll back is discarded, not handed to the next caller.
      broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

function toSlot(row: SlotRow): Slot {
  return {
    id: Number(row.id),
    name: row.name,
    version: row.version,
    state: row.state,
    position: Number(row.position),
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    slotId: Number(row.slot_id),
    projection: row.projection,
    position: Number(row.position),
    eventId: row.event_id,
    eventType: row.event_type,
    streamId: row.stream_id,
    error: row.error,
    attempts: row.attempts,
    recordedAt: row.recorded_at,
  };
}
