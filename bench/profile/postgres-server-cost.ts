// Server-side CPU of es_append's pieces, without network or commit: each piece runs N times
// inside one plpgsql loop, in a transaction that is rolled back. Minimum of R repetitions.
// Run: node -r @swc-node/register bench/profile/postgres-server-cost.ts   (env PROFILE_N, PROFILE_REPS, BENCH_PG_URL)
import { Client, Pool } from 'pg';
import { migratePostgres } from '@pm/event-store/postgres/postgres-schema';
import { serializeEvent } from '@pm/event-store/stored-event';
import { PostgresDatabases } from '../databases';
import { ratingEvent } from '../rating-events';

const N = Number(process.env.PROFILE_N ?? 2000);
const REPS = Number(process.env.PROFILE_REPS ?? 5);

/** Loop bodies; `i` is the iteration, `d`/`m` one event's data/metadata JSON, `ts` a timestamp text. */
const PIECES: Record<string, string> = {
  'empty loop iteration': `NULL;`,
  'INSERT ... VALUES into es_events (nextval, xid)': `INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
      VALUES (nextval('es_position_seq'), pg_current_xact_id(), 's-' || i, 0, 'id-' || i, 'RatingProposed', 1, d, m, repeat('0', 64));`,
  'head SELECT (index probe, miss)': `PERFORM e.revision FROM es_events e WHERE e.stream_id = 's-' || i ORDER BY e.revision DESC LIMIT 1;`,
  'sha256 of the hash input (~600 B)': `h := encode(sha256(convert_to(concat_ws(E'\\n', repeat('0', 64), 's-' || i, '0', 'id-' || i, 'RatingProposed', '1', d, m), 'UTF8')), 'hex');`,
  'advisory lock + unlock in BEGIN/EXCEPTION (subxact)': `BEGIN PERFORM pg_advisory_lock(7262019884251373); PERFORM pg_advisory_unlock(7262019884251373); EXCEPTION WHEN OTHERS THEN RAISE; END;`,
  'advisory lock + unlock, no EXCEPTION block': `PERFORM pg_advisory_lock(7262019884251373); PERFORM pg_advisory_unlock(7262019884251373);`,
  'pg_notify (queued; delivered at commit)': `PERFORM pg_notify('es_events', i::text);`,
  'INSERT ... SELECT FROM generate_subscripts (1 row)': `ids := ARRAY['id-' || i];
      INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
      SELECT nextval('es_position_seq'), pg_current_xact_id(), 's-' || i, k - 1, ids[k], 'RatingProposed', 1, d, m, repeat('0', 64) FROM generate_subscripts(ids, 1) AS k;`,
  'call a plpgsql fn: same args, RETURN QUERY 1 row': `PERFORM * FROM bench_noop('s-' || i, 'any', ts, ARRAY['id-' || i], ARRAY['RatingProposed'], ARRAY[1], ARRAY[d], ARRAY[m]);`,
  'call a plpgsql fn: same args, RETURNS void': `PERFORM bench_void('s-' || i, 'any', ts, ARRAY['id-' || i], ARRAY['RatingProposed'], ARRAY[1], ARRAY[d], ARRAY[m]);`,
  'es_append(1 event) as installed': `PERFORM * FROM es_append('s-' || i, 'any', ARRAY['id-' || i], ARRAY['RatingProposed'], ARRAY[1], ARRAY[d], ARRAY[m]);`,
};

async function main(): Promise<void> {
  const server = await PostgresDatabases.start(process.env.BENCH_PG_URL || undefined);
  const db = await server.fresh('servercost');
  const pool = new Pool({ connectionString: db.url, max: 1 });
  await migratePostgres(pool);
  await pool.end();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const event = serializeEvent(ratingEvent('s', 1, 1), new Date().toISOString());
    const args = 'p_stream text, p_expected text, p_recorded_at text, p_ids text[], p_types text[], p_versions integer[], p_data text[], p_metadata text[]';
    await client.query(`CREATE FUNCTION bench_noop(${args}) RETURNS TABLE (event_id text, revision bigint, "position" bigint) LANGUAGE plpgsql AS $fn$
      BEGIN RETURN QUERY SELECT p_ids[k], k::bigint, k::bigint FROM generate_subscripts(p_ids, 1) AS k; END $fn$`);
    await client.query(`CREATE FUNCTION bench_void(${args}) RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN NULL; END $fn$`);
    const names = Object.keys(PIECES);
    for (const [k, name] of names.entries()) {
      await client.query(`CREATE FUNCTION piece_${k}(n integer, d text, m text, ts text) RETURNS double precision LANGUAGE plpgsql AS $fn$
        DECLARE t0 timestamptz; h text; ids text[];
        BEGIN
          t0 := clock_timestamp();
          FOR i IN 1..n LOOP ${PIECES[name]} END LOOP;
          RETURN extract(epoch FROM clock_timestamp() - t0) * 1e6 / n;
        END $fn$`);
    }
    const best = names.map(() => Number.POSITIVE_INFINITY);
    for (let rep = 0; rep < REPS; rep++) {
      for (const [k] of names.entries()) {
        await client.query('BEGIN');
        const { rows } = await client.query<{ us: number }>(`SELECT piece_${k}($1, $2, $3, $4) AS us`, [N, event.dataJson, event.metadataJson, new Date().toISOString()]);
        await client.query('ROLLBACK');
        best[k] = Math.min(best[k], rows[0].us);
      }
    }
    console.log(`server CPU per call, no network, no commit (min of ${REPS} x ${N} calls in one rolled-back transaction):`);
    for (const [k, name] of names.entries()) console.log(`  ${name.padEnd(52)} ${best[k].toFixed(1).padStart(7)} us`);
  } finally {
    await client.end();
    await server.drop(db.name).catch(() => undefined);
    await server.stop();
  }
}

void main();
