import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubStore, loadOrCreateKeyPair, writeCheckpoint } from '@hub/gateway';
import { writeValidChain } from '@hub/gateway/testing';
import { openPool } from '@hub/shared';
import { createTestDatabase, type TestDatabase } from '@hub/shared/testing';
import type { Pool } from 'pg';

const HUB_CLI = join(__dirname, '..', '..', '..', 'tools', 'dist', 'hub.js');
const RECORDS = 4_000;

/** `npm run hub -- audit verify|export` as an auditor runs it: a separate process, offline, on a real server. */
describe('the audit command line', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase('hub');
    await (await HubStore.open(database.url)).close();
    pool = openPool(database.url, { label: 'audit-cli-test', max: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'hub-audit-cli-'));
    const key = await loadOrCreateKeyPair(join(dataDir, 'keys'), 'audit');
    await writeValidChain(pool, {
      count: RECORDS,
      writerId: 'cli-chain',
      from: new Date('2026-05-01T00:00:00Z'),
      spanDays: 20,
      seed: 'cli',
    });
    await writeCheckpoint(pool, key);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const hub = (...args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [HUB_CLI, 'audit', ...args], {
        env: { ...process.env, HUB_DATABASE_URL: database.url, HUB_DATA_DIR: dataDir },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => resolve({ code, output }));
    });

  it('passes an intact log, read on two connections', async () => {
    const { code, output } = await hub('verify');
    expect(output).toMatch(new RegExp(`disclosure log OK: ${RECORDS} records from 1 writers, 0 workflow events and 1 checkpoints`));
    expect(code).toBe(0);
  });

  it('exits 1 naming a record deleted at the seam of the two connections', async () => {
    await pool.query(
      `CREATE TABLE cli_backup AS WITH d AS (DELETE FROM disclosure_records WHERE seq = ${RECORDS / 2 + 1} RETURNING *) SELECT * FROM d`,
    );
    try {
      const { code, output } = await hub('verify');
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`deleted.*cli-chain.*${RECORDS / 2 + 1}`, 's'));
    } finally {
      await pool.query('INSERT INTO disclosure_records SELECT * FROM cli_backup; DROP TABLE cli_backup');
    }
  });

  it('exports the log as CSV with a header and one line per record', async () => {
    const file = join(dataDir, 'log.csv');
    const { code } = await hub('export', '--format', 'csv', '--out', file);
    expect(code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(RECORDS + 1);
    expect(lines[0]).toMatch(/^writerId,seq,/);
  });
});
