import { types as pgTypes, type CustomTypesConfig } from 'pg';

/** A record as the verifier reads it (CANONICAL_SELECT): the text its hash covers, and its stored hashes. */
export interface CanonicalRow {
  canonical: string;
  prevHash: string;
  hash: string;
}

/** Output of `timestamptz` when the session's TimeZone is UTC: `2026-01-05 10:11:12.345+00`. */
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * `timestamptz` text as rowToRecord makes it (`Date#toISOString()`: milliseconds, truncated,
 * `Z`), without a Date per row. Anything unusual (BC, years past 9999) takes pg's own parser.
 */
export function isoFromUtcTimestamp(text: string): string {
  const match = UTC_TIMESTAMP.exec(text);
  if (!match) return (pgTypes.getTypeParser(TIMESTAMPTZ_OID, 'text')(text) as Date).toISOString();
  return `${match[1]}T${match[2]}.${(match[3] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** seq is a bigint, which pg gives as a string; chains stay far below 2^53. */
export const CANONICAL_ROW_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pgTypes.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
};
