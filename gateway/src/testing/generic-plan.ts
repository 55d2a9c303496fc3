import type { Pool } from 'pg';

/**
 * The plan a statement gets for any value of its parameters: a generic plan, as a prepared
 * statement reuses (the log's pool forces one; an auditor's page settles on one). `params`: each
 * parameter's type and an SQL literal to explain it with. On a connection of its own, discarded
 * afterwards, so neither the setting nor the prepared statement outlives the call.
 */
export async function genericPlan(pool: Pool, sql: string, params: [type: string, literal: string][]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE explained(${params.map(([type]) => type).join(',')}) AS ${sql}`);
    const literals = params.map(([, literal]) => literal).join(',');
    return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE explained(${literals})`)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  } finally {
    await client.query('DEALLOCATE ALL').catch(() => undefined);
    client.release(true);
  }
}
