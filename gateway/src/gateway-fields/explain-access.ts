import { assertSubjectId, isPurpose, type Purpose } from '@hub/shared';
import { execute, getNamedType, GraphQLError, isObjectType, parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { HubContext } from '../hub-executor';
import { ITEM_CONDITIONS, SUBJECT_CONDITIONS, type CompiledRule } from '../policy/compiled-policy';
import { decideField } from '../policy/decide-field';
import type { HubRequest } from '../policy/hub-request';
import { conditionsHold } from '../policy/record-conditions';

/** The facts a subject-level condition needs, fetched for the explanation only and never returned. */
const SUBJECT_FACTS = parse(`query($id: ID!) { person(id: $id) {
  __hub_child_police: police { isChild } __hub_child_nhs: health { isChild } __hub_child_la: localAuthority { dateOfBirth }
  __hub_consent: support { providerOrg consent { recipients } }
  __hub_s47: localAuthority { childrenSocialCare { section47Enquiry status } } } }`);

/**
 * `explainAccess(field, purpose, subjectId)`: the same decision the policy makes, in words: allow
 * or deny, the rule and agreement that decide, and what would be needed. With a subject, the
 * conditions that depend on the subject alone are decided too; conditions on each record
 * (a restricted address, a handling code) can only be decided when the record is read.
 */
export async function explainAccess(
  args: { field: string; purpose: string; subjectId?: string | null },
  context: HubContext,
  info: GraphQLResolveInfo,
) {
  const [typeName, fieldName] = args.field.split('.');
  const type = typeName ? info.schema.getType(typeName) : undefined;
  const fieldDef = isObjectType(type) && fieldName ? type.getFields()[fieldName] : undefined;
  if (!fieldDef)
    throw new GraphQLError(`"${args.field.slice(0, 80)}" is not a field of the graph (expected Type.field)`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  if (!isPurpose(args.purpose)) throw new GraphQLError('unknown purpose', { extensions: { code: 'BAD_USER_INPUT' } });
  const subjectId = args.subjectId ? assertSubjectId(args.subjectId) : null;

  const request: HubRequest = { ...context.hubRequest, purpose: args.purpose as Purpose };
  const policy = context.policy;
  const decision = decideField(
    {
      coordinate: args.field,
      own: policy.rulesAt.get(args.field) ?? [],
      inherited: rulesAbove(info.schema, typeName!, policy.rulesAt),
      structural: policy.isStructural(args.field),
      composite: isObjectType(getNamedType(fieldDef.type)),
      public: policy.isPublic(args.field) || policy.isPublic(`${typeName}.*`),
    },
    request,
  );
  const base = { field: args.field, purpose: args.purpose, subjectId };
  switch (decision.kind) {
    case 'structural':
    case 'public':
      return {
        ...base,
        decision: 'ALLOW',
        reason: 'not personal data: any authenticated partner user may read it',
        rule: decision.kind === 'public' ? 'R10-directory' : null,
      };
    case 'deny':
      return {
        ...base,
        decision: 'DENY',
        rule: decision.withheld.rule,
        agreement: decision.withheld.agreement,
        reason: decision.withheld.reason,
        needed: decision.withheld.needed ?? null,
      };
    case 'container':
      return {
        ...base,
        decision: 'ALLOW_IF_CONDITIONS_HOLD',
        reason: `${args.field} is shown when a field inside it is shared with you; ask about those fields`,
      };
    case 'allow': {
      const rule = decision.allowedBy[0]!;
      const conditional = decision.conditionalDenies.map((r) => `${r.id} (${(r.when ?? []).join(', ')})`);
      return {
        ...base,
        decision: conditional.length > 0 ? 'ALLOW_IF_CONDITIONS_HOLD' : 'ALLOW',
        rule: rule.id,
        agreement: rule.agreementRef,
        lawfulBasis: basisOf(rule, request),
        reason: rule.description,
        needed: conditional.length > 0 ? `unless ${conditional.join('; ')}` : null,
      };
    }
    case 'conditional':
      return explainConditional(base, decision.conditionalAllows, request, context, info.schema);
  }
}

async function explainConditional(
  base: { field: string; purpose: string; subjectId: string | null },
  rules: CompiledRule[],
  request: HubRequest,
  context: HubContext,
  schema: GraphQLSchema,
) {
  const subject = base.subjectId ? await subjectFacts(base.subjectId, context, schema) : undefined;
  for (const rule of rules) {
    const decidable = (rule.when ?? []).every((c) => SUBJECT_CONDITIONS.has(c) && !ITEM_CONDITIONS.has(c));
    if (subject && decidable) {
      const holds = conditionsHold(rule, {
        requester: request.requester,
        target: {},
        subject,
        info: undefined as never,
        noteCondition: () => undefined,
      });
      if (holds)
        return {
          ...base,
          decision: 'ALLOW',
          rule: rule.id,
          agreement: rule.agreementRef,
          lawfulBasis: basisOf(rule, request),
          reason: rule.description,
        };
    }
  }
  const rule = rules[0]!;
  const decided = subject !== undefined && rules.every((r) => (r.when ?? []).every((c) => SUBJECT_CONDITIONS.has(c)));
  return {
    ...base,
    decision: decided ? 'DENY' : 'ALLOW_IF_CONDITIONS_HOLD',
    rule: rule.id,
    agreement: rule.agreementRef,
    lawfulBasis: basisOf(rule, request),
    reason: decided ? `${rule.description} This subject's records do not meet it.` : rule.description,
    needed: rules.map((r) => `${r.id}: ${(r.when ?? []).join(' and ')}`).join('; '),
  };
}

async function subjectFacts(subjectId: string, context: HubContext, schema: GraphQLSchema) {
  // The hub reads these facts to decide; they are not returned, only the decision is.
  const result = await execute({
    schema,
    document: SUBJECT_FACTS,
    variableValues: { id: subjectId },
    contextValue: { ...context, hubPolicy: undefined, enforcementOff: true },
  });
  return (result.data?.person ?? undefined) as Record<string, any> | undefined;
}

function basisOf(rule: CompiledRule, request: HubRequest) {
  return request.lawfulBasis && rule.lawfulBases?.includes(request.lawfulBasis) ? request.lawfulBasis : (rule.lawfulBases?.[0] ?? null);
}

/** Entities start a subject's or a property's data afresh: rules above them do not reach into them. */
const ENTITY_TYPES = new Set(['Query', 'Mutation', 'Person', 'Location', 'SupportService']);

/** Rules on the fields that lead to this type (PoliceRecord.nrmReferrals for NrmReferral.*): they cover it. */
function rulesAbove(
  schema: GraphQLSchema,
  typeName: string,
  rulesAt: ReadonlyMap<string, CompiledRule[]>,
  seen = new Set<string>(),
): CompiledRule[] {
  if (seen.has(typeName) || ENTITY_TYPES.has(typeName)) return [];
  seen.add(typeName);
  const found: CompiledRule[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name !== typeName) continue;
      found.push(...(rulesAt.get(`${type.name}.${field.name}`) ?? []), ...rulesAbove(schema, type.name, rulesAt, seen));
    }
  }
  return [...new Set(found)];
}
