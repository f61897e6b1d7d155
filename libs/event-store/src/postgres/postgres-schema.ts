import { Pool } from 'pg';

/**
 * Positions follow visibility (docs/adr/002-postgres-global-order.md): an event's position is its
 * transaction id shifted left by 16 bits, plus its index in the append. Readers only see rows whose
 * transaction is older than every transaction still running (`pg_snapshot_xmin`), and every
 * running or future transaction has a larger id, hence larger positions: nothing can ever become
 * visible behind a position a reader has passed. No lock and no sequence are needed.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE es_events (
     position       bigint  PRIMARY KEY,
     tx_id          xid8    NOT NULL,
     stream_id      text    NOT NULL,
     revision       bigint  NOT NULL,
     event_id       text    NOT NULL,
     type           text    NOT NULL,
     schema_version integer NOT NULL,
     data           text    NOT NULL,
     metadata       text    NOT NULL,
     hash           text    NOT NULL,
     CONSTRAINT es_events_event_id_key UNIQUE (event_id),
     CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, revision)
   );

   CREATE FUNCTION es_append(
     p_stream text, p_expected text,
     p_ids text[], p_types text[], p_versions integer[], p_data text[], p_metadata text[]
   ) RETURNS TABLE (event_id text, revision bigint, "position" bigint)
   LANGUAGE plpgsql AS $fn$
   DECLARE
     n          integer := array_length(p_ids, 1);
     head_rev   bigint;
     prev_hash  text;
     my_xid     xid8;
     first_pos  bigint;
     hashes     text[] := '{}';
     i          integer;
   BEGIN
     IF n >= 65536 THEN
       RAISE EXCEPTION 'an append holds at most 65535 events' USING ERRCODE = '22023';
     END IF;

     SELECT e.revision, e.hash INTO head_rev, prev_hash
       FROM es_events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
     IF NOT FOUND THEN
       head_rev := -1;
       prev_hash := repeat('0', 64);
     END IF;

     IF (p_expected = 'no_stream' AND head_rev <> -1)
        OR (p_expected = 'exists' AND head_rev = -1)
        OR (p_expected ~ '^[0-9]+$' AND head_rev <> p_expected::bigint) THEN
       RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES409', DETAIL = head_rev::text;
     END IF;

     FOR i IN 1..n LOOP
       prev_hash := encode(sha256(convert_to(concat_ws(E'\\n', prev_hash, p_stream, (head_rev + i)::text,
         p_ids[i], p_types[i], p_versions[i]::text, p_data[i], p_metadata[i]), 'UTF8')), 'hex');
       hashes := hashes || prev_hash;
     END LOOP;

     -- Positions come from this transaction's id; a second append in the same transaction continues after the first.
     my_xid := pg_current_xact_id();
     SELECT COALESCE(MAX(e.position) + 1, my_xid::text::bigint << 16) INTO first_pos
       FROM es_events e
      WHERE e.position >= (my_xid::text::bigint << 16) AND e.position < ((my_xid::text::bigint + 1) << 16);
     IF first_pos + n > ((my_xid::text::bigint + 1) << 16) THEN
       RAISE EXCEPTION 'one transaction holds at most 65535 events' USING ERRCODE = '22023';
     END IF;

     INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
     SELECT first_pos + k - 1, my_xid, p_stream, head_rev + k, p_ids[k], p_types[k], p_versions[k], p_data[k], p_metadata[k], hashes[k]
       FROM generate_subscripts(p_ids, 1) AS k;

     PERFORM pg_notify('es_events', '');

     RETURN QUERY SELECT p_ids[k], head_rev + k, first_pos + k - 1 FROM generate_subscripts(p_ids, 1) AS k;
   END
   $fn$;`,
];

const LOCK_KEY = 7262019884251372;

/** Applies pending migrations once, even when several processes start together. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS es_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM es_migrations');
    const applied = rows[0].version;
    if (applied > MIGRATIONS.length) {
      throw new Error(`The PostgreSQL store is at schema version ${applied}, newer than this build knows (${MIGRATIONS.length})`);
    }
    for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      await client.query(MIGRATIONS[version - 1]);
      await client.query('INSERT INTO es_migrations (version) VALUES ($1)', [version]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/**
 * Migrates as the schema owner, then leaves the service's role (the one `service` connects as)
 * able only to read and append events: an UPDATE, DELETE or TRUNCATE through the service fails.
 * The service may still create its own tables (keys, idempotency, read models) in the schema.
 */
export async function migrateAsOwner(ownerConnectionString: string, service: Pool): Promise<void> {
  const owner = new Pool({ connectionString: ownerConnectionString, max: 1 });
  owner.on('error', () => undefined);
  try {
    await migratePostgres(owner);
    const { rows } = await service.query<{ role: string; ownerRole: string }>(
      'SELECT current_user AS role, (SELECT tableowner FROM pg_tables WHERE tablename = \'es_events\' AND schemaname = current_schema()) AS "ownerRole"',
    );
    const { role, ownerRole } = rows[0];
    if (role === ownerRole) throw new Error(`DATABASE_URL connects as ${role}, the owner of the events: give the service a role of its own`);
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const quoted = quote(role);
    const schema = (await owner.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0].schema;
    await owner.query(`REVOKE ALL ON es_events, es_migrations FROM ${quoted}`);
    await owner.query(`GRANT SELECT, INSERT ON es_events TO ${quoted}`);
    await owner.query(`GRANT SELECT ON es_migrations TO ${quoted}`);
    await owner.query(`GRANT USAGE, CREATE ON SCHEMA ${quote(schema)} TO ${quoted}`);
  } finally {
    await owner.end();
  }
}
