import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { exportDisclosureLog, loadOrCreateKeyPair, verifyDisclosureLog, type VerificationReport } from '@hub/gateway';
import { openPool } from '@hub/shared';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { DATA_DIR, resolveDatabases } from '../runtime/databases';
import { print, printNote } from '../cli-output';

const KEY_DIR = join(DATA_DIR, 'keys');

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
    throw new Error('usage: npm run hub -- audit verify|export [--from ISO] [--to ISO] [--format jsonl|csv] [--out file]');
  const databases = await resolveDatabases(['hub']);
  const pool = openPool(databases.urls.hub!, { label: 'audit-cli', max: 2 });
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
      const records = await exportDisclosureLog(pool, { format, out, ...period });
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
  const summary = `${report.records} records from ${report.writers} writers and ${report.checkpoints} checkpoints checked in ${report.seconds} s (${report.recordsPerSecond} records/s)`;
  if (report.ok) return `disclosure log OK: ${summary}`;
  const p = report.firstProblem!;
  const where = p.writerId
    ? `writer ${p.writerId}, seq ${p.seq}${p.occurredAt ? ` (${p.occurredAt})` : ''}`
    : `checkpoint #${p.checkpointId}`;
  return `disclosure log NOT OK — first problem: ${p.kind} at ${where}: ${p.detail}\n${summary} before it`;
}
