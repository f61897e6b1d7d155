// Where does a single-event postgres append spend its time beyond a raw INSERT?
// Run: node --expose-gc -r @swc-node/register bench/profile/postgres-append.ts
// Env: PROFILE_OPS (3000), PROFILE_STEP (250), PROFILE_BATCH (1: events per append), BENCH_PG_URL.
// Variants of es_append are made from the installed function's own text (pg_get_functiondef),
// each with one piece taken out, so the ladder tracks the adapter's current SQL.
import { readFileSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { PostgresEventStore, type NewEvent } from '@pm/event-store';
import { migratePostgres } from '@pm/event-store/postgres/postgres-schema';
import { GENESIS_HASH, hashEvent, serializeEvent } from '@pm/event-store/stored-event';
import { PostgresDatabases } from '../databases';
import { metadataJson } from '../measure';
import { RAW_POSTGRES_SCHEMA } from '../raw-postgres';
import { ratingEvent } from '../rating-events';
import { printLadder, runLadder, type Variant } from './ladder';

const ops = Number(process.env.PROFILE_OPS ?? 3000);
const step = Number(process.env.PROFILE_STEP ?? 250);
const batch = Number(process.env.PROFILE_BATCH ?? 1);
const events: NewEvent[] = Array.from({ length: (ops + 1000) * batch }, (_, i) => ratingEvent('p', i, i));
const stream = (i: number): string => `rating-p-${i}`;
const unit = (i: number): NewEvent[] => events.slice(i * batch, (i + 1) * batch);
const TICK_MICROS = 10_000; // CLK_TCK = 100 on Linux

/** utime + stime of a process, in microseconds (10 ms resolution). */
function processCpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return 0;
  }
}

/** Time spent inside the plpgsql function itself (track_functions), as totals; the ladder divides by ops. */
async function functionTime(client: Client, fn: string): Promise<Record<string, number>> {
  await client.query('SELECT pg_stat_force_next_flush()');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ calls: string; total: number }>('SELECT calls, total_time AS total FROM pg_stat_user_functions WHERE funcname = $1', [fn]);
  if (!rows.length) return {};
  // total_time is in ms; report us per call over this variant's calls (warm-up and WAL runs excluded by ratio).
  return { 'in-function us (per call, x ops)': (rows[0].total * 1000 * ops) / Number(rows[0].calls) };
}

const EDITS: Record<string, [RegExp, string]> = {
  notify: [/PERFORM pg_notify\([^;]*\);/, ''],
  lock: [/BEGIN\s+PERFORM pg_advisory_lock\(\d+\);([\s\S]*?)PERFORM pg_advisory_unlock\(\d+\);\s+EXCEPTION[\s\S]*?RAISE;\s+END;/, '$1'],
  hash: [/prev_hash := encode\(sha256\([\s\S]*?'hex'\);/, "prev_hash := repeat('0', 64);"],
};

async function main(): Promise<void> {
  const server = await PostgresDatabases.start(process.env.BENCH_PG_URL || undefined);
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  const variants: Variant[] = [];
  const dbNames: string[] = [];

  /** Sums the CPU of every backend connected to `db` (resolved after the warm-up). */
  const backendCpu = (db: string): Pick<Variant, 'afterWarmup' | 'externalCpuMicros'> => {
    let pids: number[] = [];
    return {
      async afterWarmup() {
        const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db]);
        pids = rows.map((r) => r.pid);
      },
      externalCpuMicros: () => pids.reduce((sum, pid) => sum + processCpuMicros(pid), 0),
    };
  };

  const fresh = async (label: string): Promise<{ name: string; url: string }> => {
    const db = await server.fresh(`prof_${label}`);
    dbNames.push(db.name);
    return db;
  };

  const migrated = async (label: string) => {
    const db = await fresh(label);
    const pool = new Pool({ connectionString: db.url, max: 1 });
    await migratePostgres(pool);
    await pool.end();
    return db;
  };

  const rawVariant = async (name: string, usePool: boolean): Promise<Variant> => {
    const db = await fresh(usePool ? 'rawpool' : 'raw');
    const client = usePool ? new Pool({ connectionString: db.url }) : new Client({ connectionString: db.url });
    if (client instanceof Client) await client.connect();
    await client.query(RAW_POSTGRES_SCHEMA);
    return {
      name,
      ...backendCpu(db.name),
      async op(i) {
        const recordedAt = new Date().toISOString();
        if (batch > 1) await client.query('BEGIN');
        for (const [k, e] of unit(i).entries()) {
          await client.query({
            name: 'raw_insert',
            text: 'INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            values: [stream(i), k, e.id, e.type, 1, JSON.stringify(e.data), metadataJson(e.metadata, recordedAt)],
          });
        }
        if (batch > 1) await client.query('COMMIT');
      },
      close: () => client.end(),
    };
  };

  /** Plain INSERT into the adapter's table: adds its wider row (tx_id, hash), nextval and xid. */
  const directVariant = async (): Promise<Variant> => {
    const db = await migrated('direct');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    return {
      name: 'client INSERT into es_events (tx_id, nextval, JS sha256)',
      ...backendCpu(db.name),
      async op(i) {
        const recordedAt = new Date().toISOString();
        if (batch > 1) await client.query('BEGIN');
        let prev = GENESIS_HASH;
        for (const [k, ev] of unit(i).entries()) {
          const e = serializeEvent(ev, recordedAt);
          prev = hashEvent(prev, stream(i), k, e);
          await client.query({
            name: 'direct_insert',
            text: `INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
                   VALUES (nextval('es_position_seq'), pg_current_xact_id(), $1, $2, $3, $4, $5, $6, $7, $8)`,
            values: [stream(i), k, e.id, e.type, e.schemaVersion, e.dataJson, e.metadataJson, prev],
          });
        }
        if (batch > 1) await client.query('COMMIT');
      },
      close: () => client.end(),
    };
  };

  /** es_append with some pieces edited out, called on a plain Client with the adapter's arguments. */
  const functionVariant = async (without: string[], planMode?: 'force_generic_plan' | 'force_custom_plan'): Promise<Variant> => {
    const label = (without.length ? `no_${without.join('_')}` : 'as_is') + (planMode ? `_${planMode.split('_')[1]}` : '');
    const db = await migrated(label);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const fn = `es_append_${label}`;
    let def = (await client.query<{ def: string }>("SELECT pg_get_functiondef('es_append'::regproc) AS def")).rows[0].def;
    def = def.replace(/FUNCTION public\.es_append\(/, `FUNCTION public.${fn}(`);
    for (const piece of without) {
      const [pattern, replacement] = EDITS[piece];
      if (!pattern.test(def)) throw new Error(`es_append changed: cannot take out "${piece}"`);
      def = def.replace(pattern, replacement);
    }
    await client.query(def);
    await client.query("SET track_functions = 'pl'");
    if (planMode) await client.query(`SET plan_cache_mode = ${planMode}`);
    return {
      name: (without.length ? `es_append without ${without.join(', ')} (Client)` : 'es_append as installed (Client)') + (planMode ? ` ${planMode}` : ''),
      ...backendCpu(db.name),
      async op(i) {
        const recordedAt = new Date().toISOString();
        const s = unit(i).map((e) => serializeEvent(e, recordedAt));
        await client.query({
          name: 'append',
          text: `SELECT * FROM ${fn}($1, $2, $3, $4, $5, $6, $7, $8)`,
          values: [stream(i), 'any', recordedAt, s.map((e) => e.id), s.map((e) => e.type), s.map((e) => e.schemaVersion), s.map((e) => e.dataJson), s.map((e) => e.metadataJson)],
          rowMode: 'array',
        });
      },
      counters: () => functionTime(client, fn),
      close: () => client.end(),
    };
  };

  /**
   * A sketch of a leaner es_append with the same guarantees (head check, hash chain, xid and
   * positions under the advisory lock with guaranteed unlock, notify): no RETURN QUERY (returns
   * bigint[] {head_rev, first_pos}; the caller derives revisions and positions), and a plain
   * INSERT ... VALUES for one event (unnest WITH ORDINALITY otherwise). `scalar` takes one
   * event's fields as scalars instead of 1-element arrays.
   */
  const leanVariant = async (scalar: boolean): Promise<Variant> => {
    const db = await migrated(scalar ? 'lean_one' : 'lean');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const params = scalar
      ? 'p_stream text, p_expected text, p_recorded_at text, p_id text, p_type text, p_version integer, p_data text, p_metadata text'
      : 'p_stream text, p_expected text, p_recorded_at text, p_ids text[], p_types text[], p_versions integer[], p_data text[], p_metadata text[]';
    const n = scalar ? '1' : 'cardinality(p_ids)';
    const at = (col: string, i: string): string => (scalar ? `p_${col}` : `p_${col}s[${i}]`);
    const dataAt = (col: 'data' | 'metadata', i: string): string => (scalar ? `p_${col}` : `p_${col}[${i}]`);
    await client.query(`CREATE FUNCTION es_append_lean(${params}) RETURNS bigint[] LANGUAGE plpgsql AS $fn$
      DECLARE
        n integer := ${n};
        head_rev bigint; prev_hash text; first_pos bigint; my_xid xid8; hashes text[]; i integer;
      BEGIN
        SELECT e.revision, e.hash INTO head_rev, prev_hash FROM es_events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
        IF NOT FOUND THEN head_rev := -1; prev_hash := repeat('0', 64); END IF;
        IF (p_expected = 'no_stream' AND head_rev <> -1) OR (p_expected = 'exists' AND head_rev = -1)
           OR (p_expected ~ '^[0-9]+$' AND head_rev <> p_expected::bigint) THEN
          RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES409', DETAIL = head_rev::text;
        END IF;
        hashes := array_fill(NULL::text, ARRAY[n]);
        FOR i IN 1..n LOOP
          prev_hash := encode(sha256(convert_to(concat_ws(E'\\n', prev_hash, p_stream, (head_rev + i)::text,
            ${at('id', 'i')}, ${at('type', 'i')}, ${at('version', 'i')}::text, ${dataAt('data', 'i')}, ${dataAt('metadata', 'i')}), 'UTF8')), 'hex');
          hashes[i] := prev_hash;
        END LOOP;
        BEGIN
          PERFORM pg_advisory_lock(7262019884251373);
          my_xid := pg_current_xact_id();
          first_pos := nextval('es_position_seq');
          IF n > 1 THEN PERFORM setval('es_position_seq', first_pos + n - 1); END IF;
          PERFORM pg_advisory_unlock(7262019884251373);
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock(7262019884251373);
          RAISE;
        END;
        ${
          scalar
            ? `INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
               VALUES (first_pos, my_xid, p_stream, head_rev + 1, p_id, p_type, p_version, p_data, p_metadata, hashes[1]);`
            : `IF n = 1 THEN
                 INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
                 VALUES (first_pos, my_xid, p_stream, head_rev + 1, p_ids[1], p_types[1], p_versions[1], p_data[1], p_metadata[1], hashes[1]);
               ELSE
                 INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
                 SELECT first_pos + o - 1, my_xid, p_stream, head_rev + o, u.i, u.t, u.v, u.d, u.m, u.h
                   FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata, hashes) WITH ORDINALITY AS u(i, t, v, d, m, h, o);
               END IF;`
        }
        PERFORM pg_notify('es_events', (first_pos + n - 1)::text);
        RETURN ARRAY[head_rev, first_pos];
      END $fn$`);
    return {
      name: scalar ? 'lean sketch, scalar args (Client)' : 'lean sketch, array args (Client)',
      ...backendCpu(db.name),
      async op(i) {
        const recordedAt = new Date().toISOString();
        const s = unit(i).map((e) => serializeEvent(e, recordedAt));
        const values: unknown[] = scalar
          ? [stream(i), 'any', recordedAt, s[0].id, s[0].type, s[0].schemaVersion, s[0].dataJson, s[0].metadataJson]
          : [stream(i), 'any', recordedAt, s.map((e) => e.id), s.map((e) => e.type), s.map((e) => e.schemaVersion), s.map((e) => e.dataJson), s.map((e) => e.metadataJson)];
        await client.query({ name: 'lean', text: 'SELECT es_append_lean($1, $2, $3, $4, $5, $6, $7, $8)', values, rowMode: 'array' });
      },
      close: () => client.end(),
    };
  };

  /**
   * A sketch without a plpgsql body on the hot path: one prepared INSERT ... SELECT that reads
   * the head, checks the expected revision (0 rows = mismatch; the caller then finds out why),
   * hashes with sha256() and takes xid + position from a tiny plpgsql helper that keeps the
   * advisory lock / guaranteed unlock. Single-event form; no notify (add pg_notify to the SELECT list to have it).
   */
  const statementVariant = async (lockFn: boolean): Promise<Variant> => {
    const db = await migrated(lockFn ? 'statement' : 'statement_nolock');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE FUNCTION es_take_positions(n integer, OUT xid xid8, OUT first_pos bigint) LANGUAGE plpgsql AS $fn$
      BEGIN
        BEGIN
          PERFORM pg_advisory_lock(7262019884251373);
          xid := pg_current_xact_id();
          first_pos := nextval('es_position_seq');
          IF n > 1 THEN PERFORM setval('es_position_seq', first_pos + n - 1); END IF;
          PERFORM pg_advisory_unlock(7262019884251373);
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock(7262019884251373);
          RAISE;
        END;
      END $fn$`);
    const text = `WITH h AS (SELECT revision, hash FROM es_events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1),
        head AS (SELECT COALESCE((SELECT revision FROM h), -1) AS rev, COALESCE((SELECT hash FROM h), repeat('0', 64)) AS hash),
        ok AS (SELECT rev, hash FROM head WHERE $2::text = 'any' OR ($2 = 'no_stream' AND rev = -1) OR ($2 = 'exists' AND rev >= 0) OR ($2 ~ '^[0-9]+$' AND rev = $2::bigint)),
        pos AS (SELECT ok.rev, ok.hash, p.xid, p.first_pos FROM ok, LATERAL ${lockFn ? 'es_take_positions(1)' : "(SELECT pg_current_xact_id() AS xid, nextval('es_position_seq') AS first_pos)"} p)
      INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash)
      SELECT pos.first_pos, pos.xid, $1, pos.rev + 1, $3, $4, $5::integer, $6, $7,
             encode(sha256(convert_to(concat_ws(E'\\n', pos.hash, $1::text, (pos.rev + 1)::text, $3::text, $4::text, $5::integer::text, $6::text, $7::text), 'UTF8')), 'hex')
        FROM pos
      RETURNING revision, position`;
    return {
      name: lockFn ? 'sketch: one INSERT ... SELECT statement (Client)' : 'same, xid + nextval inline, no lock (unsafe)',
      ...backendCpu(db.name),
      async op(i) {
        const recordedAt = new Date().toISOString();
        const e = serializeEvent(unit(i)[0], recordedAt);
        const { rowCount } = await client.query({ name: 'stmt', text, values: [stream(i), 'any', e.id, e.type, e.schemaVersion, e.dataJson, e.metadataJson], rowMode: 'array' });
        if (rowCount !== 1) throw new Error('statement sketch appended nothing');
      },
      close: () => client.end(),
    };
  };

  const adapterVariant = async (): Promise<Variant> => {
    const db = await fresh('adapter');
    const store = await PostgresEventStore.open({ connectionString: db.url });
    return {
      name: 'adapter: await store.append() (Pool)',
      ...backendCpu(db.name),
      async op(i) {
        await store.append(stream(i), unit(i));
      },
      close: () => store.close(),
    };
  };

  try {
    variants.push(
      await rawVariant(batch > 1 ? `raw: BEGIN; ${batch} INSERTs; COMMIT (Client)` : 'raw: INSERT, autocommit (bench baseline)', false),
      await rawVariant('raw via pg.Pool.query', true),
      await directVariant(),
      await functionVariant(['notify', 'lock', 'hash']),
      await functionVariant(['notify', 'lock']),
      await functionVariant(['notify']),
      await functionVariant(['lock']),
      await functionVariant([]),
      ...(process.env.PROFILE_PLAN_MODES === '1' ? [await functionVariant([], 'force_generic_plan'), await functionVariant([], 'force_custom_plan')] : []),
      await adapterVariant(),
      await leanVariant(false),
      ...(batch === 1 ? [await leanVariant(true), await statementVariant(true), await statementVariant(false)] : []),
    );
    console.log(`postgres append ladder: ${batch} event(s) per append, ${ops} appends per variant, interleaved in steps of ${step}; each variant on its own fresh database`);
    const rows = await runLadder(variants, ops, step, 300);
    printLadder('wall and CPU per append ("server CPU" = the variant\'s backend processes, 10 ms tick resolution)', rows);

    // WAL volume per append, measured alone (the WAL is shared by all databases of the server).
    console.log('\nWAL bytes per append (each variant alone, 300 more appends):');
    for (const v of variants) {
      const lsn = async (): Promise<string> => (await admin.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l')).rows[0].l;
      const before = await lsn();
      for (let i = 0; i < 300; i++) await v.op(ops + 300 + i);
      const after = await lsn();
      const bytes = (await admin.query<{ b: string }>('SELECT pg_wal_lsn_diff($1, $2) AS b', [after, before])).rows[0].b;
      console.log(`  ${v.name.padEnd(60)} ${Math.round(Number(bytes) / 300)}`);
    }
  } finally {
    for (const v of variants) await v.close();
    await admin.end();
    for (const name of dbNames) await server.drop(name).catch(() => undefined);
    await server.stop();
  }
}

void main();
