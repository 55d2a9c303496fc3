import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Agreement } from '../../agreements/agreement.types';
import { expand } from '../../agreements/field-coordinates';
import type { CompiledRule } from '../../policy/compiled-policy';
import type { RecordCondition } from '../../policy/conditions/record-condition';
import { recipientMatches, userKey } from '../../policy/decide-field';
import type { Requester } from '../../policy/hub-request';
import { isLink } from '../../policy/subjects';
import type { StoredGrant } from '../../store/hub-store';
import type { Ownership } from '../../supergraph/ownership';
import { notDisclosable } from './request-fields';

/**
 * An owner's disclosure on request, as the policy engine sees it: an allow rule named after the
 * request (the log then names the request as what allowed the fields), for this requester only,
 * this subject only (decided on the subject, like any record condition), for the request's purpose,
 * basis and case, until its expiry, under the agreement the request was made under — so a
 * suspension stops it, and the agreement's deny rules still win over it.
 */
export function grantRules(
  grants: readonly StoredGrant[],
  requester: Requester,
  agreement: Agreement,
  schema: GraphQLSchema,
  ownership: Ownership,
  agreementRules: AgreementRules,
): Map<string, CompiledRule[]> {
  const byCoordinate = new Map<string, CompiledRule[]>();
  grants.forEach((grant, i) => {
    const rule: CompiledRule = {
      id: grant.requestId,
      // Told to the requester (notices, explainAccess): a charity is not named, since which one
      // answered says which one supports the person (R7); decidedBy is withheld for the same reason.
      description: `Disclosed by ${grant.owner === 'ngo' ? 'the charity that provides the episodes' : grant.grantedByOrg} on request ${grant.requestId} until ${grant.expiresAt} (ISA 2.6)`,
      clause: 'ISA 2.5, 2.6, Appendix 2',
      effect: 'allow',
      owner: grant.owner,
      fields: grant.fields,
      recipients: { users: [userKey(requester)] },
      purposes: [grant.purpose],
      lawfulBases: [grant.lawfulBasis],
      requireCaseRef: true,
      caseRefs: [grant.caseRef, grant.requestId],
      agreement,
      agreementRef: `${agreement.id}@${agreement.version}`,
      // After every agreement rule, so a denial names the agreement's rule first.
      order: 1_000_000 + i,
      conditions: [subjectIs(grant.subjectId)],
      grantSubject: grant.subjectId,
    };
    for (const coordinate of decidedAt(grant, requester, schema, ownership, agreementRules)) {
      const conditions = grant.owner === 'ngo' ? [...rule.conditions, ...providedBy(grant.grantedByOrg, coordinate)] : rule.conditions;
      const list = byCoordinate.get(coordinate) ?? [];
      list.push({ ...rule, conditions });
      byCoordinate.set(coordinate, list);
    }
  });
  return byCoordinate;
}

/**
 * The coordinates a grant is decided at, for this kind of requester (decisionPoints). They depend
 * on the grant's owner and fields and the requester's organisation, partner and roles only, and a
 * requester with a disclosure meets this on every request: worked out once per combination.
 * What the owner could not have disclosed (a grant stored before the form checked it as it does
 * now) is not among them, so it releases nothing: fail closed rather than trust the store.
 */
function decidedAt(
  grant: StoredGrant,
  requester: Requester,
  schema: GraphQLSchema,
  ownership: Ownership,
  agreementRules: AgreementRules,
): readonly string[] {
  let known = decidedAtCache.get(agreementRules);
  if (!known) decidedAtCache.set(agreementRules, (known = new Map()));
  const key = [requester.org, requester.partner ?? '', [...requester.roles].sort().join('+'), grant.owner, grant.fields.join(',')].join(
    '|',
  );
  let coordinates = known.get(key);
  if (!coordinates) {
    const covered = coverage(schema, agreementRules, requester);
    const disclosable = expand(grant.fields, schema).filter((c) => !notDisclosable(schema, ownership, grant.owner, c));
    coordinates = [...new Set(disclosable.flatMap((c) => decisionPoints(schema, ownership, grant.owner, c, covered)))];
    // Bounded: the oldest combination goes first (a plan cache's worth of them is plenty).
    if (known.size >= DECIDED_AT_CAPACITY) known.delete(known.keys().next().value!);
    known.set(key, coordinates);
  }
  return coordinates;
}

type AgreementRules = { rulesNaming(coordinate: string): readonly CompiledRule[] };
/** By the compiled agreements (one schema and ownership each, for the life of the process). */
const decidedAtCache = new WeakMap<AgreementRules, Map<string, readonly string[]>>();
const DECIDED_AT_CAPACITY = 500;

const SUBJECT_ID = { alias: '__hub_id', selection: 'id' };
const PROVIDER = { alias: '__hub_providerOrg', selection: 'providerOrg' };

/**
 * Where a disclosure of `coordinate` is decided (docs/policy.md §7): at that field if an agreement
 * allow rule covers it for the requester (naming it or a field above it), where the disclosure then
 * lifts what the rule's terms do not meet; otherwise the field is a container for the requester,
 * shown when something inside it is, and the disclosure is decided at the fields below it that the
 * owner could disclose. Decided at a container, a disclosure about one subject withheld the whole
 * container for every other subject, what the agreement's rules share inside it too (rule 6's
 * attendance dates and sites, once an investigator held a disclosure of someone's attendances).
 * It reaches exactly what it reached before: the fields below the one it names.
 */
function decisionPoints(
  schema: GraphQLSchema,
  ownership: Ownership,
  owner: StoredGrant['owner'],
  coordinate: string,
  covered: (coordinate: string) => boolean,
  seen: ReadonlySet<string> = new Set(),
): string[] {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName) as GraphQLObjectType;
  const named = getNamedType(type.getFields()[fieldName]!.type);
  if (covered(coordinate) || !isObjectType(named) || seen.has(named.name)) return [coordinate];
  const below = Object.values(named.getFields())
    .filter((f) => !isLink(named, f))
    .map((f) => `${named.name}.${f.name}`)
    .filter((c) => !notDisclosable(schema, ownership, owner, c));
  if (below.length === 0) return [coordinate];
  const path = new Set([...seen, named.name]);
  return below.flatMap((c) => decisionPoints(schema, ownership, owner, c, covered, path));
}

/**
 * Whether an agreement allow rule covers a coordinate for the requester (§4.1 step 3: by its
 * recipients, nothing else), naming it or a field above it within the subject.
 */
function coverage(schema: GraphQLSchema, agreementRules: AgreementRules, requester: Requester): (coordinate: string) => boolean {
  const parents = parentsOf(schema);
  const memo = new Map<string, boolean>();
  const covered = (coordinate: string, path: ReadonlySet<string>): boolean => {
    const known = memo.get(coordinate);
    if (known !== undefined) return known;
    const here = agreementRules
      .rulesNaming(coordinate)
      .some((r) => r.effect === 'allow' && r.grantSubject === undefined && recipientMatches(r.recipients, requester));
    const typeName = coordinate.slice(0, coordinate.indexOf('.'));
    const above = !here && !path.has(typeName) && (parents.get(typeName) ?? []).some((p) => covered(p, new Set([...path, typeName])));
    memo.set(coordinate, here || above);
    return here || above;
  };
  return (coordinate) => covered(coordinate, new Set());
}

/** For each type, the fields that hold it within a subject (not links, not root fields). */
function parentsOf(schema: GraphQLSchema): Map<string, string[]> {
  let parents = parentMaps.get(schema);
  if (!parents) {
    parents = new Map();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (!isObjectType(named) || isLink(type, field)) continue;
        parents.set(named.name, [...(parents.get(named.name) ?? []), `${type.name}.${field.name}`]);
      }
    }
    parentMaps.set(schema, parents);
  }
  return parents;
}
const parentMaps = new WeakMap<GraphQLSchema, Map<string, string[]>>();

/**
 * The disclosure is about this subject only. Named without the subject: the name and description
 * are told in every response that reaches the field (notices), about whoever it is about.
 */
function subjectIs(subjectId: string): RecordCondition {
  return {
    name: 'subjectOfTheRequest',
    description: 'the subject is the subject of the request',
    scope: 'subject',
    decidedOn: ['Person'],
    facts: () => [SUBJECT_ID],
    decide: ({ subject }) => (typeof subject?.[SUBJECT_ID.alias] === 'string' ? subject[SUBJECT_ID.alias] === subjectId : undefined),
  };
}

/** A charity discloses only the support episodes it provides itself. */
function providedBy(org: string, coordinate: string): RecordCondition[] {
  const decideOn = (record: Record<string, unknown> | undefined) =>
    typeof record?.[PROVIDER.alias] === 'string' ? record[PROVIDER.alias] === org : undefined;
  // Named without the charity, as the rule is (grantRules).
  const name = 'providedByTheDecidingCharity';
  const description = 'the charity that decided the request provides the episode';
  if (coordinate === 'Person.support') {
    return [
      {
        name,
        description,
        scope: 'item',
        decidedOn: ['SupportEpisode'],
        facts: () => [PROVIDER],
        decide: ({ item }) => decideOn(item),
      },
    ];
  }
  if (coordinate.startsWith('SupportEpisode.')) {
    return [
      {
        name,
        description,
        scope: 'parent',
        decidedOn: ['SupportEpisode'],
        facts: () => [PROVIDER],
        decide: ({ parent }) => decideOn(parent),
      },
    ];
  }
  // Nothing else is disclosed by a charity (notDisclosable): never released undecided.
  throw new Error(`a charity's disclosure of ${coordinate} cannot be decided on its episode`);
}
