import { getNamedType, isObjectType } from 'graphql';
import type { Agreement, Rule } from '../model/agreement';
import type { Grant } from '../model/grants';
import type { RequestContext } from '../model/request';
import { isLink, isStructural, type HubSchema } from '../model/schema';
import { allowRecipientsMatch, names } from './rules';

/**
 * A disclosure on request as the README and docs/policy.md §7 describe it, read as an allow rule:
 * for that requester, that subject, the request's purpose, basis and case, under the agreement the
 * request was made under (a suspension stops it; the agreement's deny rules still win), after
 * every agreement rule in order, named after the request.
 *
 * "A disclosure on request counts only for a request with its purpose, basis and case: for any
 * other it is as if it were not there": so a grant becomes a rule only for a request that matches
 * it, and it is never named by a denial. Its basis is read as an allow rule's `lawfulBases` is
 * (§4 requirement 5): a request naming no basis is not refused for it. Its case is the request's
 * case reference, or the request's id given as the case reference.
 */
export function grantRules(
  grants: readonly Grant[],
  request: RequestContext,
  agreements: readonly Agreement[],
  schema: HubSchema,
  firstOrder: number,
): Rule[] {
  const rules: Rule[] = [];
  const agreementAllows = agreements.flatMap((a) => a.rules).filter((r) => r.effect === 'allow' && allowRecipientsMatch(r, request));
  for (const grant of grants) {
    if (grant.requesterId !== request.requester.userId) continue;
    if (request.purpose !== grant.purpose) continue;
    if (request.lawfulBasis !== null && request.lawfulBasis !== grant.lawfulBasis) continue;
    if (request.caseRef !== grant.caseRef && request.caseRef !== grant.requestId) continue;
    const fields = [
      ...new Set(
        grant.fields
          .filter((coordinate) => disclosable(schema, grant, coordinate))
          .flatMap((coordinate) => decidedAt(schema, grant, coordinate, agreementAllows)),
      ),
    ];
    if (fields.length === 0) continue;
    // The agreement the request was made under: one that has its purpose. None, and it releases nothing.
    const agreement = agreements.find((a) => a.purposes.includes(grant.purpose));
    if (!agreement) continue;
    rules.push({
      id: grant.requestId,
      effect: 'allow',
      owner: grant.owner,
      fields,
      recipients: { users: [grant.requesterId], unknown: [] },
      except: [],
      purposes: [grant.purpose],
      lawfulBases: [grant.lawfulBasis],
      requireCaseRef: true,
      when: [`subjectIs:${grant.subjectId}`, ...(grant.owner === 'ngo' ? [`providedBy:${grant.decidedOrg}`] : [])],
      signpost: false,
      unknownKeys: [],
      agreement,
      order: firstOrder + rules.length,
      grantOwner: grant.owner,
    });
  }
  return rules;
}

/**
 * Where the disclosure is decided (README; docs/policy.md §7): at the field it names when an
 * agreement allow rule covers that field for the requester by its recipients, naming it or a field
 * above it (the disclosure then lifts what that rule's other terms do not meet); otherwise the
 * field is a container for the requester (§4.1 step 3), and the disclosure is decided at each
 * field below it the owner could disclose, so that for every other subject the container stays
 * what it is without the disclosure. A wildcard is read field by field.
 */
function decidedAt(
  schema: HubSchema,
  grant: Grant,
  coordinate: string,
  allows: readonly Rule[],
  seen: ReadonlySet<string> = new Set(),
): string[] {
  const dot = coordinate.indexOf('.');
  const typeName = coordinate.slice(0, dot);
  const fieldName = coordinate.slice(dot + 1);
  if (fieldName === '*') {
    return Object.keys(schema.objectType(typeName).getFields())
      .filter((name) => fieldDisclosable(schema, grant.owner, typeName, name))
      .flatMap((name) => decidedAt(schema, grant, `${typeName}.${name}`, allows, seen));
  }
  const named = getNamedType(schema.field(typeName, fieldName).type);
  if (coveredFor(schema, allows, coordinate, new Set()) || !isObjectType(named) || seen.has(named.name)) return [coordinate];
  const below = Object.keys(named.getFields())
    .map((name) => `${named.name}.${name}`)
    .filter((c) => disclosable(schema, grant, c));
  if (below.length === 0) return [coordinate];
  return below.flatMap((c) => decidedAt(schema, grant, c, allows, new Set([...seen, named.name])));
}

/** An allow rule for the requester names the coordinate, or a field holding its type (up to the subject). */
function coveredFor(schema: HubSchema, allows: readonly Rule[], coordinate: string, path: ReadonlySet<string>): boolean {
  if (allows.some((rule) => names(rule, coordinate))) return true;
  const typeName = coordinate.slice(0, coordinate.indexOf('.'));
  if (path.has(typeName)) return false;
  for (const type of Object.values(schema.schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name !== typeName || isLink(type.name, field)) continue;
      if (coveredFor(schema, allows, `${type.name}.${field.name}`, new Set([...path, typeName]))) return true;
    }
  }
  return false;
}

/**
 * What an owner can disclose on request (README; docs/policy.md "How far a disclosure on request
 * reaches"), checked again on what is stored, since a stored grant naming anything else releases
 * nothing:
 * - its own data: a field the owner itself resolves. A field of a type several partners resolve
 *   (`Address`, `PersonName`) is nobody's alone, so it is disclosed only with the record above it;
 * - never a link to another subject, nor a subject's key;
 * - a charity: only `Person.support` or a support episode's fields, decided on the episode.
 */
function disclosable(schema: HubSchema, grant: Grant, coordinate: string): boolean {
  const dot = coordinate.indexOf('.');
  const typeName = coordinate.slice(0, dot);
  const fieldName = coordinate.slice(dot + 1);
  if (grant.owner === 'ngo' && coordinate !== 'Person.support' && typeName !== 'SupportEpisode') return false;
  let type;
  try {
    type = schema.objectType(typeName);
  } catch {
    return false;
  }
  // A wildcard reaches only what the owner may disclose; a name of something else releases nothing.
  if (fieldName === '*') return Object.keys(type.getFields()).some((name) => fieldDisclosable(schema, grant.owner, typeName, name));
  return fieldDisclosable(schema, grant.owner, typeName, fieldName);
}

function fieldDisclosable(schema: HubSchema, owner: string, typeName: string, fieldName: string): boolean {
  let definition;
  try {
    definition = schema.field(typeName, fieldName);
  } catch {
    return false;
  }
  if (isStructural(typeName, fieldName) || isLink(typeName, definition)) return false;
  return schema.resolverOf(typeName, fieldName) === owner;
}
