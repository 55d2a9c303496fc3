import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { CompiledPolicy } from './compiled-policy';
import { forbidden, type PolicyContext } from './request-policy';
import { isEchoedKey, isLink } from './subjects';

/** When the wrap decides, given the request's policy. */
type DecidesHere = (context: PolicyContext) => boolean;

/**
 * Every wrapped field (of every schema wrapped: each has its own field objects) and its wrap. The
 * planner refuses a record rule on a field not here (fail closed); the walk before execution and
 * the completion without resolvers ask it what the wrap does, without calling it.
 */
const wrappedFields = new WeakMap<GraphQLField<unknown, unknown>, RecordWrap>();

/**
 * What a wrapped field does for a request: its policy decides (`policy`), the value passes
 * through (`own`), or it is refused, having no policy (`refused`, fail closed).
 */
export type Enforcement = 'policy' | 'own' | 'refused';

function enforcementFor(decidesHere: DecidesHere, context: PolicyContext | undefined): Enforcement {
  if (context?.hubPolicy) return decidesHere(context) ? 'policy' : 'own';
  // Set only by the benchmark's baseline. A request that reached execution without a policy is a bug.
  return context?.enforcementOff === true ? 'own' : 'refused';
}

/** A field's wrap: the resolver it wraps, and what it does for a request (the same answer the wrapped resolver acts on). */
export interface RecordWrap {
  readonly original: GraphQLFieldResolver<unknown, PolicyContext>;
  enforcement(context: PolicyContext | undefined): Enforcement;
}

/** The wrap on a field, for a caller that finds values without calling resolvers (execution/complete-answers.ts); undefined if not wrapped. */
export function recordWrapOf(field: GraphQLField<unknown, unknown>): RecordWrap | undefined {
  return wrappedFields.get(field);
}

/**
 * Wraps, in place, the resolvers of the fields whose rules may need record data, and nothing
 * else. `shield()` over the whole schema wraps every field and cut throughput to a third
 * (docs/adr/0002-two-phase-enforcement.md); a direct wrap of the fields that need it costs almost nothing on the rest.
 *
 * Two sets: the fields an agreement rule with record conditions names (and where a person's
 * partners' data begins), decided on every request; and every other field of a person's record,
 * which an owner's disclosure on request may cover for one subject only — decided only on the
 * requests of a requester holding such a disclosure.
 */
export function installRecordEnforcement(schema: GraphQLSchema, policy: CompiledPolicy): string[] {
  const always = new Set([...policy.conditionalCoordinates, ...subjectEntryFields(schema)]);
  const withGrants = fieldsOfPersonRecords(schema).filter((coordinate) => !always.has(coordinate));
  const everyRequest: DecidesHere = () => true;
  const withAGrant: DecidesHere = (context) => context.hubPolicy!.request.grants !== undefined;
  for (const coordinate of always) wrap(schema, coordinate, everyRequest);
  for (const coordinate of withGrants) wrap(schema, coordinate, withAGrant);
  return [...always, ...withGrants].sort();
}

/** Whether phase 2 can decide record rules on this field of this schema. */
export function isRecordEnforced(schema: GraphQLSchema, coordinate: string): boolean {
  const field = fieldAt(schema, coordinate);
  return field !== undefined && wrappedFields.has(field);
}

/** Whether the wrap on this field of this schema decides for this request (what decide-ahead.ts must agree with). */
export function decidesRecordsAt(schema: GraphQLSchema, coordinate: string, context: PolicyContext): boolean {
  const field = fieldAt(schema, coordinate);
  return field !== undefined && wrappedFields.get(field)?.enforcement(context) === 'policy';
}

function fieldAt(schema: GraphQLSchema, coordinate: string): GraphQLField<unknown, unknown> | undefined {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  return isObjectType(type) ? (type.getFields()[fieldName] as GraphQLField<unknown, unknown> | undefined) : undefined;
}

function wrap(schema: GraphQLSchema, coordinate: string, decidesHere: DecidesHere): void {
  const field = fieldAt(schema, coordinate);
  if (!field) throw new Error(`cannot enforce ${coordinate}: no such field in the gateway schema`);
  const original: GraphQLFieldResolver<unknown, PolicyContext> = field.resolve ?? defaultFieldResolver;
  const wrapped: GraphQLFieldResolver<unknown, PolicyContext> = (parent, args, context, info) => {
    switch (enforcementFor(decidesHere, context)) {
      case 'policy':
        return context.hubPolicy!.guard(original, parent, args, context, info);
      case 'own':
        return original(parent, args, context, info);
      default:
        return forbidden({ rule: 'policy-error', agreement: null, reason: 'no policy for this request' });
    }
  };
  field.resolve = wrapped as GraphQLFieldResolver<unknown, unknown>;
  wrappedFields.set(field, { original, enforcement: (context) => enforcementFor(decidesHere, context) });
}

/**
 * Where a person's partners' data begins (`Person.police`, …): the policy notes each person, with
 * the facts fetched beside it, as these resolve, so conditions below can be decided on them.
 */
function subjectEntryFields(schema: GraphQLSchema): string[] {
  const person = schema.getType('Person');
  if (!isObjectType(person)) return [];
  return Object.keys(person.getFields())
    .filter((field) => !isEchoedKey('Person', field))
    .map((field) => `Person.${field}`);
}

/** Every field within a person's record, down to (not across) the links to other subjects. */
function fieldsOfPersonRecords(schema: GraphQLSchema): string[] {
  const person = schema.getType('Person');
  if (!isObjectType(person)) return [];
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      if (isLink(type, field)) continue;
      if (!isEchoedKey(type.name, field.name)) found.push(`${type.name}.${field.name}`);
      const named = getNamedType(field.type);
      if (isObjectType(named)) walk(named);
    }
  };
  walk(person);
  return found;
}
