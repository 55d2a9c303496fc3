import type { Pool } from 'pg';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DisclosureLog,
  findDisclosures,
  generateEphemeralKeyPair,
  HubStore,
  verifyDisclosureLog,
  writeCheckpoint,
  type DisclosureFilter,
  type DraftDisclosure,
} from '@hub/gateway';
import { demoDisclosures, writeBulkUnchained, writeValidChain } from '@hub/gateway/testing';
import { DEMO_USERS, openPool, Prng, subjectId } from '@hub/shared';
import { freshDatabases } from '../runtime/fresh-databases';
import { RESULTS_DIR } from './policy-bench';
import { writeBenchmarkSection } from './report';
import { round2 } from './stats';
import { print } from '../cli-output';

export interface AuditBenchOptions {
  /** Unchained records for the query benchmark (default 10,000,000). */
  records: number;
  /** Valid chain for the verify benchmark (default 1,000,000). */
  chain: number;
}

const DAY_MS = 86_400_000;
const MONTHS = 24;
const LOG_START = new Date('2024-12-01T00:00:00Z');
const SPAN_DAYS = (Date.UTC(2026, 11, 1) - LOG_START.getTime()) / DAY_MS;
const QUERIES_PER_KIND = 50;

/**
 * `npm run bench -- audit`: the disclosure log at scale, on a fresh database — verifying a valid
 * chain (records/s), the group-commit writer under concurrency (appends/s), bulk loading and the
 * auditors' questions (by subject, by requester, with and without a period) on a table of
 * `records` rows spread over 24 monthly partitions.
 */
export async function auditBench(options: AuditBenchOptions): Promise<void> {
  const started = Date.now();
  const databases = await freshDatabases(['hub']);
  const store = await HubStore.open(databases.urls.hub!);
  await store.close();
  const pool = openPool(databases.urls.hub!, { label: 'audit-bench', max: 12, statementTimeoutMs: 0 });
  try {
    const chain = await writeValidChain(pool, { count: options.chain, from: LOG_START, spanDays: SPAN_DAYS, seed: 'audit-bench' });
    print(`valid chain: ${chain.records} records written in ${chain.seconds} s (${chain.rowsPerSecond} rows/s)`);
    const key = await generateEphemeralKeyPair();
    await writeCheckpoint(pool, key);
    await pool.query('VACUUM ANALYZE disclosure_records');
    const verifications = [];
    for (let run = 0; run < 3; run++) verifications.push(await verifyDisclosureLog(pool, { publicKey: key.publicKey, connections: 2 }));
    if (verifications.some((v) => !v.ok)) throw new Error(`a valid chain failed verification: ${JSON.stringify(verifications)}`);
    const verify = verifications.reduce((best, v) => (v.recordsPerSecond > best.recordsPerSecond ? v : best));
    print(`verify: ${verifications.map((v) => `${v.recordsPerSecond} records/s`).join(', ')}`);

    const appends = await appendThroughput(pool, { requests: 2_000, recordsPerRequest: 3, inFlight: 50 });
    print(`appends: ${JSON.stringify(appends)}`);
    await writeCheckpoint(pool, key);
    const afterAppends = await verifyDisclosureLog(pool, { publicKey: key.publicKey, connections: 2 });
    if (!afterAppends.ok) throw new Error(`the log failed verification after the appends: ${JSON.stringify(afterAppends.firstProblem)}`);

    let lastReport = 0;
    const bulk = await writeBulkUnchained(pool, {
      count: options.records,
      from: LOG_START,
      spanDays: SPAN_DAYS,
      onProgress: (written) => {
        if (written - lastReport >= 1_000_000 || written === options.records)
          print(`bulk load: ${(lastReport = written).toLocaleString('en-GB')} rows`);
      },
    });
    const analyzeStarted = performance.now();
    await pool.query('ANALYZE disclosure_records');
    const analyzeSeconds = round2((performance.now() - analyzeStarted) / 1000);
    const { rows: sizes } = await pool.query(
      `SELECT count(*)::bigint AS rows, pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits WHERE inhparent = 'disclosure_records'::regclass`,
    );
    print(
      `bulk load: ${bulk.records} rows in ${bulk.seconds} s (${bulk.rowsPerSecond} rows/s); ANALYZE ${analyzeSeconds} s; ${sizes[0].size} in ${sizes[0].rows} partitions`,
    );

    const queries = await auditorQueries(pool);
    for (const [name, q] of Object.entries(queries)) print(`${name}: p50 ${q.p50} ms, p95 ${q.p95} ms, max ${q.max} ms (${q.rows} rows)`);

    const result = {
      benchmark: 'audit',
      date: new Date().toISOString(),
      options,
      chain: { records: chain.records, seconds: chain.seconds, rowsPerSecond: chain.rowsPerSecond },
      verify: { best: verify, runs: verifications.map((v) => v.recordsPerSecond) },
      appends,
      bulk: {
        records: bulk.records,
        seconds: bulk.seconds,
        rowsPerSecond: bulk.rowsPerSecond,
        analyzeSeconds,
        partitions: Number(sizes[0].rows),
        size: sizes[0].size,
      },
      queries,
      seconds: (Date.now() - started) / 1000,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'audit-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeBenchmarkSection('audit', report(result));
    print(`\naudit bench done in ${round2(result.seconds)} s`);
  } finally {
    await pool.end();
    await databases.drop();
  }
}

/** Concurrent requests through the real writer, as a busy gateway would make them. */
async function appendThroughput(pool: Pool, o: { requests: number; recordsPerRequest: number; inFlight: number }) {
  const writer = new DisclosureLog(pool);
  const drafts = demoDisclosures(new Prng('appends'), new Date(), 1, o.requests * o.recordsPerRequest);
  const requests: DraftDisclosure[][] = Array.from({ length: o.requests }, () =>
    Array.from({ length: o.recordsPerRequest }, () => drafts.next()),
  );
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.inFlight }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const t = performance.now();
        await writer.append(requests[i]!);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ...o,
    appendsPerSecond: Math.round(o.requests / seconds),
    recordsPerSecond: Math.round(writer.stats.records / seconds),
    batches: writer.stats.batches,
    requestsPerBatch: round2(o.requests / writer.stats.batches),
    ...percentiles(latencies),
  };
}

/** The auditors' questions on the big table, each for 50 random keys (after a few unmeasured ones). */
async function auditorQueries(pool: Pool) {
  const prng = new Prng('auditor-queries');
  const requesters = DEMO_USERS.filter((u) => u.approval).map((u) => u.id);
  const period = (): [string, string] => {
    const start = LOG_START.getTime() + prng.next() * (SPAN_DAYS - 30) * DAY_MS;
    return [new Date(start).toISOString(), new Date(start + 30 * DAY_MS).toISOString()];
  };
  // The auditors' API itself (findDisclosures: newest first, 50 a page, cursor order), not a
  // hand-written query: what an auditor waits for is what is measured.
  const kinds: Record<string, () => DisclosureFilter> = {
    'by subject': () => ({ subjectId: subjectId(prng.int(1, 100_000)) }),
    'by requester': () => ({ requesterId: prng.pick(requesters) }),
    'by requester, 30 days': () => {
      const [from, to] = period();
      return { requesterId: prng.pick(requesters), from, to };
    },
    'by subject, 30 days': () => {
      const [from, to] = period();
      return { subjectId: subjectId(prng.int(1, 1_000)), from, to };
    },
  };
  const results: Record<string, ReturnType<typeof percentiles> & { rows: number }> = {};
  for (const [name, filter] of Object.entries(kinds)) {
    for (let i = 0; i < 5; i++) await findDisclosures(pool, filter(), 50, null);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERIES_PER_KIND; i++) {
      const asked = filter();
      const t = performance.now();
      rows += (await findDisclosures(pool, asked, 50, null)).records.length;
      times.push(performance.now() - t);
    }
    results[name] = { ...percentiles(times), rows };
  }
  return results;
}

function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { p50: at(0.5), p95: at(0.95), max: round2(sorted[sorted.length - 1]!) };
}

function report(r: {
  date: string;
  chain: { records: number; rowsPerSecond: number };
  verify: { best: { recordsPerSecond: number; records: number; seconds: number }; runs: number[] };
  appends: Awaited<ReturnType<typeof appendThroughput>>;
  bulk: { records: number; seconds: number; rowsPerSecond: number; analyzeSeconds: number; partitions: number; size: string };
  queries: Awaited<ReturnType<typeof auditorQueries>>;
  seconds: number;
}): string[] {
  return [
    `One fresh database on the local PostgreSQL; the log spread over ${MONTHS} monthly partitions. Measured ${r.date.slice(0, 16)}Z, whole run ${Math.round(r.seconds)} s.`,
    '',
    '| what | result | goal |',
    '|---|---|---|',
    `| verify a valid chain of ${r.chain.records.toLocaleString('en-GB')} records + checkpoint, 2 connections (best of 3: ${r.verify.runs.join(', ')}) | **${r.verify.best.recordsPerSecond.toLocaleString('en-GB')} records/s** (${r.verify.best.seconds} s) | ≥ 200,000 records/s |`,
    `| write that chain (hashes in JS, unnest INSERTs on 2 connections) | ${r.chain.rowsPerSecond.toLocaleString('en-GB')} rows/s | |`,
    `| group-commit writer: ${r.appends.requests} requests × ${r.appends.recordsPerRequest} records, ${r.appends.inFlight} in flight | ${r.appends.appendsPerSecond.toLocaleString('en-GB')} appends/s (${r.appends.recordsPerSecond.toLocaleString('en-GB')} records/s), ${r.appends.batches} batches (${r.appends.requestsPerBatch} requests each), append p50 ${r.appends.p50} ms, p95 ${r.appends.p95} ms | |`,
    `| bulk load ${r.bulk.records.toLocaleString('en-GB')} unchained rows (INSERT … SELECT generate_series, 2 connections) | ${r.bulk.rowsPerSecond.toLocaleString('en-GB')} rows/s (${r.bulk.seconds} s), ANALYZE ${r.bulk.analyzeSeconds} s, ${r.bulk.size} | |`,
    ...Object.entries(r.queries).map(
      ([name, q]) =>
        `| auditor query ${name}, newest 50, ${QUERIES_PER_KIND} random keys | p50 ${q.p50} ms, p95 ${q.p95} ms, max ${q.max} ms | < 100 ms |`,
    ),
  ];
}
