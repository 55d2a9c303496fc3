import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Pool } from 'pg';
import { bind, execute, flush, parse, RawPostgresClient } from '../testing/raw-postgres-client';
import { query } from './embedded/wire';

/**
 * Embedded PostgreSQL — PGlite behind the front — as a PostgreSQL server behaves to its clients.
 * It runs in a child process: PGlite loads its WebAssembly with a dynamic import, which Jest's
 * module sandbox does not allow.
 */
function startInChild(dataDir: string, waitTimeoutMs: number): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `require(process.argv[1]).startEmbeddedPostgres(process.argv[2], 0, { waitTimeoutMs: Number(process.argv[3]) }).then((db) => {
    console.log(db.url);
    process.stdin.on('end', () => db.stop().then(() => process.exit(0)));
    process.stdin.resume();
  });`;
  const child = spawn(process.execPath, ['-e', script, join(__dirname, 'embedded-postgres.js'), dataDir, String(waitTimeoutMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (url) =>
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin!.end();
          }),
      }),
    );
  });
}

describe('embedded PostgreSQL under many connections', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-embedded-'));
  let db: { url: string; stop(): Promise<void> };
  let port: number;
  let admin: Client;
  const rows = async (owner: string) =>
    (await admin.query<{ v: number }>('SELECT v FROM t WHERE owner = $1 ORDER BY v', [owner])).rows.map((r) => r.v);

  beforeAll(async () => {
    db = await startInChild(join(dataDir, 'db'), 2000);
    port = Number(new URL(db.url).port);
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE t (owner text NOT NULL, v int NOT NULL)');
  }, 90_000);
  afterAll(async () => {
    await admin?.end();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives 16 connections at once their own statements, transactions and rows', async () => {
    const pool = new Pool({ connectionString: db.url, max: 16 });
    const problems: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, id) => {
        const owner = `w${id}`;
        for (let i = 0; i < 15; i++) {
          const client = await pool.connect();
          try {
            // Statements of different shapes, so a Bind that met another connection's Parse fails.
            const one = await client.query<{ n: number }>('SELECT $1::int AS n', [i]);
            const two = await client.query<{ n: string }>('SELECT $1::text || $2::text AS n', [owner, `/${i}`]);
            if (one.rows[0]!.n !== i || two.rows[0]!.n !== `${owner}/${i}`) problems.push(`${owner}: another's answer`);
            await client.query('BEGIN');
            await client.query('INSERT INTO t VALUES ($1, $2)', [owner, i]);
            const mine = await client.query<{ v: number }>('SELECT v FROM t WHERE owner = $1 ORDER BY v', [owner]);
            if (mine.rows.length !== i + 1) problems.push(`${owner}: saw ${mine.rows.length} rows, not ${i + 1}`);
            await client.query(i % 3 === 2 ? 'ROLLBACK' : 'COMMIT');
            if (i % 3 === 2) await client.query('INSERT INTO t VALUES ($1, $2)', [owner, i]);
          } catch (error) {
            problems.push(`${owner}: ${(error as Error).message}`);
          } finally {
            client.release();
          }
        }
      }),
    );
    await pool.end();
    expect(problems).toEqual([]);
    expect(await rows('w7')).toEqual(Array.from({ length: 15 }, (_, i) => i));
  }, 60_000);

  it('rolls back the transaction of a client that vanished, and serves the next', async () => {
    const r = await RawPostgresClient.open(port);
    r.send(query("BEGIN; INSERT INTO t VALUES ('vanished', 1)"));
    expect(await r.until('Z')).toEqual(['C', 'C', 'ZT']);
    r.socket.destroy();
    expect(await rows('vanished')).toEqual([]);
  });

  it('does not commit an Execute whose Sync never came', async () => {
    const r = await RawPostgresClient.open(port);
    r.send(parse("INSERT INTO t VALUES ('unsynced', 1)"), bind(), execute(), flush());
    expect(await r.until('C')).toEqual(['1', '2', 'C']);
    r.socket.destroy();
    expect(await rows('unsynced')).toEqual([]);
  });

  it('rolls back a client that vanished while the backend skipped to the Sync after an error', async () => {
    const r = await RawPostgresClient.open(port);
    r.send(query("BEGIN; INSERT INTO t VALUES ('skipping', 1)"));
    await r.until('Z');
    r.send(parse('SELECT nope'), bind(), execute(), flush());
    expect(await r.until('E')).toEqual(['E']);
    r.socket.destroy();
    expect(await rows('skipping')).toEqual([]);
    expect((await admin.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('fails a query that waited too long behind an open transaction with SQLSTATE 55P03', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await expect(admin.query('SELECT 1')).rejects.toMatchObject({ code: '55P03', message: expect.stringMatching(/waited \d+ ms/) });
    await holder.query('COMMIT');
    await holder.end();
    expect((await admin.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
