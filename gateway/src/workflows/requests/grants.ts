import type { GraphQLSchema } from 'graphql';
import type { Agreement } from '../../agreements/agreement.types';
import { expand } from '../../agreements/field-coordinates';
import type { CompiledRule } from '../../policy/compiled-policy';
import type { RecordCondition } from '../../policy/conditions/record-condition';
import { userKey } from '../../policy/decide-field';
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
  requester: { issuer: string; userId: string },
  agreement: Agreement,
  schema: GraphQLSchema,
  ownership: Ownership,
): Map<string, CompiledRule[]> {
  const byCoordinate = new Map<string, CompiledRule[]>();
  grants.forEach((grant, i) => {
    const expand_ = expand(grant.fields, schema);
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
    for (const coordinate of expand_) {
      // What the owner could not have disclosed (a grant stored before the form checked it as it
      // does now) releases nothing: fail closed rather than trust the store.
      if (notDisclosable(schema, ownership, grant.owner, coordinate)) continue;
      const conditions = grant.owner === 'ngo' ? [...rule.conditions, ...providedBy(grant.grantedByOrg, coordinate)] : rule.conditions;
      const list = byCoordinate.get(coordinate) ?? [];
      list.push({ ...rule, conditions });
      byCoordinate.set(coordinate, list);
    }
  });
  return byCoordinate;
}

const SUBJECT_ID = { alias: '__hub_id', selection: 'id' };
const PROVIDER = { alias: '__hub_providerOrg', selection: 'providerOrg' };

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
