import { Pool } from 'pg';
import type { AccessEntry, AccessLogStore, AccessQuery } from './access-log.store';

const COLUMNS = 'id::int AS id, at, actor_id AS "actorId", role, employee_id AS "employeeId", endpoint, correlation_id AS "correlationId"';

export class PostgresAccessLogStore implements AccessLogStore {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string): Promise<PostgresAccessLogStore> {
    const pool = new Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(`CREATE TABLE IF NOT EXISTS api_access_log (
      id bigserial PRIMARY KEY, at text NOT NULL, actor_id text NOT NULL, role text NOT NULL,
      employee_id text NOT NULL, endpoint text NOT NULL, correlation_id text NOT NULL);
      CREATE INDEX IF NOT EXISTS api_access_log_employee ON api_access_log (employee_id, id)`);
    return new PostgresAccessLogStore(pool);
  }

  async record(e: Omit<AccessEntry, 'id'>): Promise<void> {
    await this.pool.query('INSERT INTO api_access_log (at, actor_id, role, employee_id, endpoint, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      e.at,
      e.actorId,
      e.role,
      e.employeeId,
      e.endpoint,
      e.correlationId,
    ]);
  }

  async recordMany(entries: Omit<AccessEntry, 'id'>[]): Promise<void> {
    if (entries.length === 0) return;
    const column = (pick: (e: Omit<AccessEntry, 'id'>) => string) => entries.map(pick);
    await this.pool.query(
      `INSERT INTO api_access_log (at, actor_id, role, employee_id, endpoint, correlation_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        column((e) => e.at),
        column((e) => e.actorId),
        column((e) => e.role),
        column((e) => e.employeeId),
        column((e) => e.endpoint),
        column((e) => e.correlationId),
      ],
    );
  }

  async list(q: AccessQuery): Promise<AccessEntry[]> {
    const { rows } = q.employeeId
      ? await this.pool.query<AccessEntry>(`SELECT ${COLUMNS} FROM api_access_log WHERE employee_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [
          q.employeeId,
          q.after ?? 0,
          q.limit,
        ])
      : await this.pool.query<AccessEntry>(`SELECT ${COLUMNS} FROM api_access_log WHERE id > $1 ORDER BY id LIMIT $2`, [q.after ?? 0, q.limit]);
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
