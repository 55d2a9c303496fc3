import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { exportDisclosureLog, loadOrCreateKeyPair, subjectAccessEntries, verifyDisclosureLog, type VerificationReport } from '@hub/gateway';
import { assertSubjectId, openPool } from '@hub/shared';
import type { Pool } from 'pg';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { resolveDatabases } from '../runtime/databases';
import { KEY_DIR } from './serve';
import { print, printNote } from '../cli-output';

/**
 * `hub audit verify [--from ISO] [--to ISO]`: checks the disclosure log's hash chains and signed
 * checkpoints, prints the report, and exits 1 naming the first bad record.
 * `hub audit export [--format jsonl|csv] [--from ISO] [--to ISO] [--out file]`: the log for auditors.
 */
export async function auditCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const period = { from: dateFlag('--from', flag('--from')), to: dateFlag('--to', flag('--to')) };
  if (action !== 'verify' && action !== 'export')
    throw new Error(
      'usage: npm run hub -- audit verify|export [--from ISO] [--to ISO] [--format jsonl|csv] [--subject SUBJ-…] [--out file]',
    );
  const databases = await resolveDatabases(['hub']);
  const pool = openPool(databases.urls.hub!, { label: 'audit-cli', max: 2, statementTimeoutMs: 0 });
  try {
    if (action === 'verify') {
      // Two connections halve the time on a server; the embedded PostgreSQL takes one at a time.
      const connections = databases.embedded.includes('hub') ? 1 : 2;
      const report = await verifyDisclosureLog(pool, { publicKey: await auditPublicKey(), connections, ...period });
      print(describe(report));
      if (!report.ok) process.exitCode = 1;
    } else {
      const format = flag('--format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') throw new Error('--format must be jsonl or csv');
      const file = flag('--out');
      const out = file ? createWriteStream(file) : process.stdout;
      const subject = flag('--subject');
      // A subject access answer (ISA 12): that subject's disclosures and requests, exempt lines listed as such.
      const records = subject
        ? await writeSubjectAccess(pool, subject, format, out)
        : await exportDisclosureLog(pool, { format, out, ...period });
      if (file) {
        out.end();
        await once(out, 'finish');
      }
      printNote(`${records} records exported${file ? ` to ${file}` : ''}`);
    }
  } finally {
    await pool.end();
    await databases.stop();
  }
}

async function writeSubjectAccess(pool: Pool, subjectId: string, format: 'jsonl' | 'csv', out: NodeJS.WritableStream): Promise<number> {
  const entries = await subjectAccessEntries(pool, assertSubjectId(subjectId));
  const columns = [
    'kind',
    'occurredAt',
    'ref',
    'exempt',
    'exemption',
    'requesterOrg',
    'owner',
    'purpose',
    'lawfulBases',
    'rules',
    'fieldsDisclosed',
  ] as const;
  if (format === 'csv') out.write(`${columns.join(',')}\n`);
  for (const entry of entries) {
    if (format === 'jsonl') out.write(`${JSON.stringify(entry)}\n`);
    else out.write(`${columns.map((c) => csvCell(entry[c])).join(',')}\n`);
  }
  return entries.length;
}

function csvCell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(';') : value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function dateFlag(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${name} must be an ISO 8601 date or time, not "${value}"`);
  return date;
}

/**
 * The public half is all verification needs, and all an auditor should be handed; the key pair
 * is loaded (created on a first run, as the gateway would) only where no public file exists yet.
 */
async function auditPublicKey(): Promise<CryptoKey> {
  const publicFile = join(KEY_DIR, 'audit.public.jwk.json');
  if (!existsSync(publicFile)) return (await loadOrCreateKeyPair(KEY_DIR, 'audit')).publicKey;
  return (await importJWK(JSON.parse(readFileSync(publicFile, 'utf8')) as JWK, 'EdDSA')) as CryptoKey;
}

function describe(report: VerificationReport): string {
  const summary = `${report.records} records from ${report.writers} writers, ${report.workflowEvents} workflow events and ${report.checkpoints} checkpoints checked in ${report.seconds} s (${report.recordsPerSecond} records/s)`;
  if (report.ok) return `disclosure log OK: ${summary}`;
  const p = report.firstProblem!;
  const where = p.writerId
    ? `writer ${p.writerId}, seq ${p.seq}${p.occurredAt ? ` (${p.occurredAt})` : ''}`
    : `checkpoint #${p.checkpointId}`;
  return `disclosure log NOT OK — first problem: ${p.kind} at ${where}: ${p.detail}\n${summary} before it`;
}
