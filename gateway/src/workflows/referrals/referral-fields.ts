import { BadUserInputError } from '@hub/shared';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { isLink } from '../../policy/subjects';
import { isSubjectField } from '../requests/request-fields';
import { latestNrmStage, NRM_REFERRALS, NRM_STAGE_SELECTION } from './nrm-stage';

/**
 * What a referral form calls a field, and the subject field the hub reads for it. A client may
 * also name any field of a person's record by its coordinate (`PoliceRecord.names`); the agreement
 * decides either way. `ageBand` tells the provider a band, not the date: the log names the field
 * read (`PoliceRecord.dateOfBirth`), because that is what the band was taken from.
 */
export const REFERRAL_FIELD_NAMES: Record<string, string> = {
  name: 'PoliceRecord.names',
  ageBand: 'PoliceRecord.dateOfBirth',
  dateOfBirth: 'PoliceRecord.dateOfBirth',
  nationality: 'PoliceRecord.nationality',
  nrmStage: 'PoliceRecord.nrmReferrals',
  support: 'Person.support',
};

export interface SharedField {
  /** As the client named it. */
  name: string;
  /** The subject field read. */
  coordinate: string;
  /** Field names from Person to it. */
  path: string[];
  /** Its selection, from Person. */
  selection: string;
}

/** Checks and resolves the fields a referral shares; each must be a field of a person's record. */
export function readSharedFields(schema: GraphQLSchema, names: readonly string[]): SharedField[] {
  const unique = [...new Set(names.map((n) => n.trim()))];
  if (unique.length === 0) throw new BadUserInputError('choose at least one field to share with the provider (e.g. name, nrmStage)');
  if (unique.length > 20) throw new BadUserInputError('share at most 20 fields');
  return unique.map((name) => {
    const coordinate = REFERRAL_FIELD_NAMES[name] ?? name;
    // An NRM referral is shared as its latest stage only (nrm-stage.ts): never the exploitation
    // types, the dates or the other referrals, whatever coordinate names them.
    if (coordinate.split('.')[0] === nrmReferralType(schema)) {
      throw new BadUserInputError(`"${name.slice(0, 80)}": an NRM referral is shared as its stage only; use nrmStage`);
    }
    const route = isSubjectField(schema, coordinate) ? routeFromPerson(schema, coordinate) : undefined;
    if (!route) {
      throw new BadUserInputError(
        `"${name.slice(0, 80)}" is not a field of a person's record: use ${Object.keys(REFERRAL_FIELD_NAMES).join(', ')} or a coordinate such as PoliceRecord.names`,
      );
    }
    return { name, coordinate, ...route };
  });
}

/**
 * The type of an NRM referral (`NrmReferral`), as the schema names what `PoliceRecord.nrmReferrals`
 * holds. A schema without it cannot say which coordinates are an NRM referral's: nothing is shared.
 */
function nrmReferralType(schema: GraphQLSchema): string {
  const [typeName, fieldName] = NRM_REFERRALS.split('.') as [string, string];
  const type = schema.getType(typeName);
  const held = isObjectType(type) ? getNamedType(type.getFields()[fieldName]?.type)?.name : undefined;
  if (!held) throw new Error(`${NRM_REFERRALS} is not in the gateway schema: referrals cannot tell an NRM referral's fields`);
  return held;
}

/** The query that reads every shared field of one subject, as the provider would be allowed to. */
export function referralQuery(fields: readonly SharedField[]): string {
  return `query ReferToService($id: ID!) { person(id: $id) { id ${fields.map((f) => f.selection).join(' ')} } }`;
}

/** The value of a shared field in the shaped result (lists along the path are kept as lists). */
export function valueOf(person: Record<string, unknown> | null | undefined, field: SharedField): unknown {
  let values: unknown = person ?? null;
  for (const key of [...field.path, field.coordinate.split('.')[1]!]) values = step(values, key);
  if (field.name === 'ageBand') return ageBand(values);
  // NRM referrals are shared as the latest one's stage, whichever name the referrer used (nrm-stage.ts).
  if (field.coordinate === NRM_REFERRALS) return latestNrmStage(values);
  return values;
}

function step(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const items = value.map((v) => step(v, key)).filter((v) => v !== null && v !== undefined);
    return items.length > 0 ? items : null;
  }
  return (value as Record<string, unknown>)[key] ?? null;
}

/** The usual survey bands (18-24, 25-34, …, 65+); under-18s by year, because a child's services differ by age. */
export function ageBand(dateOfBirth: unknown, today = new Date()): string | null {
  if (typeof dateOfBirth !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = today.getUTCFullYear() - born.getUTCFullYear();
  const birthday = new Date(Date.UTC(today.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate()));
  if (today < birthday) age -= 1;
  if (age < 18) return `under 18 (${age})`;
  if (age < 25) return '18-24';
  if (age >= 65) return '65+';
  const low = Math.floor((age - 5) / 10) * 10 + 5;
  return `${low}-${low + 9}`;
}

/** The shortest path from Person to the field's type within the subject, and the selection that reads it. */
function routeFromPerson(schema: GraphQLSchema, coordinate: string): { path: string[]; selection: string } | undefined {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const person = schema.getType('Person') as GraphQLObjectType;
  const target = schema.getType(typeName);
  if (!isObjectType(target)) return undefined;
  const queue: { type: GraphQLObjectType; path: string[] }[] = [{ type: person, path: [] }];
  const seen = new Set(['Person']);
  let path: string[] | undefined;
  while (queue.length > 0 && !path) {
    const { type, path: here } = queue.shift()!;
    if (type.name === typeName) path = here;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || isLink(type, field) || seen.has(named.name) || named.name === 'SupportService') continue;
      seen.add(named.name);
      queue.push({ type: named, path: [...here, field.name] });
    }
  }
  if (!path) return undefined;
  const field = target.getFields()[fieldName]!;
  const named = getNamedType(field.type);
  const below = coordinate === NRM_REFERRALS ? NRM_STAGE_SELECTION : isObjectType(named) ? scalarsBelow(named, new Set()) : null;
  let inner = below ? `${fieldName} { ${below} }` : fieldName;
  for (const key of [...path].reverse()) inner = `${key} { ${inner} }`;
  return { path, selection: inner };
}

/**
 * Every scalar below a type within the subject. A directory entry under a support episode is read
 * as its id and name only: which service, not its live details (which other partners would add).
 */
function scalarsBelow(type: GraphQLObjectType, seen: Set<string>): string {
  seen.add(type.name);
  return Object.values(type.getFields())
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return [field.name];
      if (named.name === 'SupportService') return [`${field.name} { id name }`];
      if (isLink(type, field) || seen.has(named.name)) return [];
      return [`${field.name} { ${scalarsBelow(named, new Set(seen))} }`];
    })
    .join(' ');
}
