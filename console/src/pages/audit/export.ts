import type { DisclosureFieldsFragment } from '../../gql/graphql';

/** The columns of an export: the auditors' API's record, in its order. */
export const EXPORT_COLUMNS: readonly (keyof DisclosureFieldsFragment)[] = [
  'id',
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
  'rules',
  'owner',
  'subjectType',
  'subjectId',
  'fieldsDisclosed',
  'fieldsWithheld',
  'hash',
];

/** One JSON object per line, each the record exactly as the API returned it. */
export function toJsonl(records: readonly DisclosureFieldsFragment[]): string {
  return records.map((r) => JSON.stringify(pick(r))).join('\n') + (records.length > 0 ? '\n' : '');
}

/** CSV with a header (RFC 4180 quoting); lists joined with ';', withheld fields as JSON. */
export function toCsv(records: readonly DisclosureFieldsFragment[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const record of records) {
    lines.push(
      EXPORT_COLUMNS.map((column) => {
        const value = record[column];
        if (column === 'fieldsWithheld') return csvValue(JSON.stringify(value ?? []));
        if (Array.isArray(value)) return csvValue(value.join(';'));
        return csvValue(value === null || value === undefined ? '' : String(value));
      }).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvValue(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function pick(record: DisclosureFieldsFragment): Record<string, unknown> {
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, record[c] ?? null]));
}

/** Hands the browser a file to save: built in memory from the API's pages, never sent anywhere. */
export function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
