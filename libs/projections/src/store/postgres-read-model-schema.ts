import type { Pool } from 'pg';

/**
 * Keys sort bytewise (COLLATE "C") so prefix scans are index ranges and agree with SQLite.
 * Documents are text, not jsonb: the runner parses them in JS and text is cheaper to write.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rm_slots (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL,
    version        integer     NOT NULL,
    state          text        NOT NULL,
    position       bigint      NOT NULL,
    events_applied bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS rm_documents (
    slot_id bigint NOT NULL,
    key     text   COLLATE "C" NOT NULL,
    doc     text   NOT NULL,
    PRIMARY KEY (slot_id, key)
  );
  CREATE TABLE IF NOT EXISTS rm_dead_letters (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slot_id     bigint  NOT NULL,
    projection  text    NOT NULL,
    position    bigint  NOT NULL,
    event_id    text    NOT NULL,
    event_type  text    NOT NULL,
    stream_id   text    NOT NULL,
    error       text    NOT NULL,
    attempts    integer NOT NULL,
    recorded_at text    NOT NULL
  );
  CREATE INDEX IF NOT EXISTS rm_dead_letters_slot ON rm_dead_letters (slot_id);
`;

/** Next to the event store's migration lock key, so the two never collide. */
const SCHEMA_LOCK = 7262019884251373;

/** Creates the tables once, even when several processes open the store together. */
export async function createPostgresReadModelSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
