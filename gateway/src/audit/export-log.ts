import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { RECORD_COLUMNS, rowToRecord, type DisclosureRecord } from './disclosure-record';
import { inReadOnlySnapshot, streamRecordRows, type RecordSelection } from './record-cursor';

export interface ExportOptions extends RecordSelection {
  format: 'jsonl' | 'csv';
  out: Writable;
}

/** The CSV header: the record's columns, in RECORD_COLUMNS order. */
const CSV_FIELDS: readonly (keyof DisclosureRecord)[] = [
  'writerId',
  'seq',
  'occurredAt',
  'requestId',
  'operationName',
  'operationHash',
  'requesterId',
  'requesterOrg',
  'requesterRoles',
  'purpose',
  'lawfulBases',
  'caseRef',
  'agreements',
  'ruleIds',
  'owner',
  'subjectType',
  'subjectId',
  'fieldsDisclosed',
  'withheldJson',
  'prevHash',
  'hash',
  'initiatorId',
  'initiatorOrg',
  'controllerOrg',
];

/**
 * Streams the disclosure log to `out` for auditors, oldest first, one record per line: JSON Lines
 * (records exactly as hashed, so a chain can be re-checked from the file), or CSV with a header
 * (RFC 4180 quoting, list fields joined with ';'). Records name fields, never their values, so an
 * export discloses no personal data beyond subject ids. Returns the number of records written.
 */
export async function exportDisclosureLog(pool: Pool, options: ExportOptions): Promise<number> {
  let records = 0;
  await inReadOnlySnapshot(pool, async (client) => {
    if (options.format === 'csv') await write(options.out, `${CSV_FIELDS.join(',')}\r\n`);
    await streamRecordRows(client, options, { select: RECORD_COLUMNS.join(', '), order: 'time' }, async (rows) => {
      const lines = rows.map((row) => (options.format === 'csv' ? csvLine(rowToRecord(row)) : `${JSON.stringify(rowToRecord(row))}\n`));
      records += rows.length;
      await write(options.out, lines.join(''));
      return true;
    });
  });
  return records;
}

function csvLine(record: DisclosureRecord): string {
  return `${CSV_FIELDS.map((field) => csvValue(record[field])).join(',')}\r\n`;
}

function csvValue(value: string | number | readonly string[] | null): string {
  if (value === null) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Honours backpressure: a slow destination (a pipe, a network share) must not make the export buffer the whole log. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
