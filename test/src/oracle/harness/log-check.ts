import { getNamedType, isObjectType } from 'graphql';
import { type Client } from 'pg';
import { isLink, isStructural, SUBJECT_KEYS, type HubSchema } from '../model/schema';
import { argumentsOf, collectFields, subSelections, type Operation } from '../semantics/operation';
import type { Difference } from './compare';

/**
 * docs/policy.md §7, checked against the response actually sent: for each (owner, subject), the
 * coordinates the log says were disclosed must be exactly the coordinates of the values the
 * response carries — every non-null object and non-null, non-empty leaf inside a subject scope,
 * attributed to the partner that resolved it (a directory entry under a subject to the owner of
 * the link that reached it). Read off the response and the schema, not off the oracle, so a
 * gateway that over-discloses must still log what it sent.
 */

export type Disclosures = Map<string, Set<string>>;

export interface LogRow {
  request_id: string;
  owner: string;
  subject_type: string | null;
  subject_id: string | null;
  fields_disclosed: string[];
}

/** What the response carries, or null when a linked subject's key was not asked (it cannot be attributed). */
export function disclosedByResponse(schema: HubSchema, op: Operation, data: any): Disclosures | null {
  const out: Disclosures = new Map();
  let attributable = true;
  const add = (owner: string | null, subject: string, coordinate: string) => {
    const key = `${owner ?? '?'}|${subject}`;
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(coordinate);
  };
  const carries = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

  const subjectScope = (typeName: string, obj: any, sets: readonly any[], subject: string) => {
    if (!obj || typeof obj !== 'object') return;
    const type = schema.objectType(typeName);
    for (const asked of collectFields(op, type, sets)) {
      if (isStructural(typeName, asked.fieldName)) continue;
      const value = obj[asked.responseKey];
      if (!carries(value)) continue;
      const field = type.getFields()[asked.fieldName]!;
      const owner = schema.resolverOf(typeName, asked.fieldName);
      add(owner, subject, `${typeName}.${asked.fieldName}`);
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      const items = Array.isArray(value) ? value : [value];
      if (isLink(typeName, field)) {
        for (const item of items) {
          const key = item?.[SUBJECT_KEYS[named.name]!];
          if (typeof key !== 'string') attributable = false;
          else {
            // §7: a link is data of both subjects it connects.
            add(owner, `${named.name}:${key}`, `${typeName}.${asked.fieldName}`);
            subjectScope(named.name, item, subSelections(asked), `${named.name}:${key}`);
          }
        }
      } else {
        for (const item of items) inner(named.name, item, subSelections(asked), owner, subject, null);
      }
    }
  };

  const inner = (typeName: string, obj: any, sets: readonly any[], inherited: string | null, subject: string, forced: string | null) => {
    if (!obj || typeof obj !== 'object') return;
    const type = schema.objectType(typeName);
    for (const asked of collectFields(op, type, sets)) {
      if (asked.fieldName === '__typename') continue;
      const value = obj[asked.responseKey];
      if (!carries(value)) continue;
      const coordinate = `${typeName}.${asked.fieldName}`;
      const owner = forced ?? schema.resolverOf(typeName, asked.fieldName) ?? inherited;
      add(owner, subject, coordinate);
      const field = type.getFields()[asked.fieldName]!;
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      // A link inside a subject's record (LocalAuthorityRecord.landlordOf): what lies beyond is the other subject's.
      if (isLink(typeName, field)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          const key = item?.[SUBJECT_KEYS[named.name]!];
          if (typeof key !== 'string') attributable = false;
          else {
            add(owner, `${named.name}:${key}`, coordinate);
            subjectScope(named.name, item, subSelections(asked), `${named.name}:${key}`);
          }
        }
        continue;
      }
      // A directory entry reached from a subject is the subject's data, under the link's owner.
      const nextForced = forced ?? (coordinate === 'SupportEpisode.service' ? owner : null);
      for (const item of Array.isArray(value) ? value : [value]) inner(named.name, item, subSelections(asked), owner, subject, nextForced);
    }
  };

  const query = schema.objectType('Query');
  for (const asked of collectFields(op, query, [op.operation.selectionSet])) {
    const value = data?.[asked.responseKey];
    if (asked.fieldName === '__typename' || value == null) continue;
    const args = argumentsOf(op, schema.field('Query', asked.fieldName), asked);
    if (asked.fieldName === 'person') subjectScope('Person', value, subSelections(asked), `Person:${args.id}`);
    if (asked.fieldName === 'location') subjectScope('Location', value, subSelections(asked), `Location:${args.uprn}`);
    if (asked.fieldName === 'people') {
      (value as any[]).forEach((item, i) => subjectScope('Person', item, subSelections(asked), `Person:${args.filter.ids[i]}`));
    }
  }
  return attributable ? out : null;
}

export function disclosedByLog(rows: LogRow[]): Disclosures {
  const out: Disclosures = new Map();
  for (const row of rows) {
    if (row.subject_id === null) continue;
    const key = `${row.owner}|${row.subject_type}:${row.subject_id}`;
    if (!out.has(key)) out.set(key, new Set());
    for (const f of row.fields_disclosed) out.get(key)!.add(f);
  }
  return out;
}

export function compareLog(fromResponse: Disclosures, fromLog: Disclosures): Difference[] {
  const out: Difference[] = [];
  for (const key of new Set([...fromResponse.keys(), ...fromLog.keys()])) {
    const sent = fromResponse.get(key) ?? new Set();
    const logged = fromLog.get(key) ?? new Set();
    const owner = key.split('|')[0];
    for (const c of sent)
      if (!logged.has(c)) out.push({ class: 'log', signature: `not logged: ${owner} ${c}`, detail: `${key} carried ${c}, not logged` });
    for (const c of logged)
      if (!sent.has(c))
        out.push({ class: 'log', signature: `logged, not sent: ${owner} ${c}`, detail: `${key} logged ${c}, not in the response` });
  }
  return out;
}

/** The disclosure records of many requests in one statement. */
export async function readLogRows(client: Client, requestIds: string[]): Promise<Map<string, LogRow[]>> {
  const rows: LogRow[] = (
    await client.query(
      'SELECT request_id, owner, subject_type, subject_id, fields_disclosed FROM disclosure_records WHERE request_id = ANY($1::text[])',
      [requestIds],
    )
  ).rows;
  const byRequest = new Map<string, LogRow[]>(requestIds.map((id) => [id, []]));
  for (const row of rows) byRequest.get(row.request_id)?.push(row);
  return byRequest;
}
