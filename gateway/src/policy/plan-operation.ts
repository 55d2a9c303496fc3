import type { SubgraphName } from '@hub/shared';
import {
  getNamedType,
  type GraphQLError,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Ownership } from '../supergraph/ownership';
import type { CompiledPolicy, CompiledRule } from './compiled-policy';
import type { HiddenField } from './conditions/record-condition';
import { controllerFactOf } from './data-controller';
import { decideField, denyApplies, ruleWithheld } from './decide-field';
import { decideOperation } from './decide-operation';
import { isRecordEnforced } from './install-enforcement';
import { recordRules, type FieldDecision, type Withheld } from './field-decision';
import { isInheritedName } from './inherited-names';
import { hiddenFieldNode, HIDDEN_PREFIX, LOCATION_KEY, SUBJECT_KEY, TYPENAME } from './hidden-fields';
import type { HubRequest } from './hub-request';
import { noticesFor, type PolicyNotice } from './policy-notices';
import { gatherFields } from './gather-fields';
import { selfContainedField } from './inline-fragments';
import { isEchoedKey, isLink, isRootType, isSubjectType, type SubjectType } from './subjects';
import { BadUserInputError } from '@hub/shared';

/**
 * The scope a value belongs to (docs/policy.md §2): a subject's data, the public directory,
 * statistics, or the gateway's own answers.
 */
export type Scope = 'subject' | 'public' | 'statistics' | 'gateway';

/** One response key of the operation, as the policy sees it. */
export interface PlanNode {
  responseKey: string;
  coordinate: string;
  scope: Scope;
  /** Whose data it is (the log's owner); value types and directory entries under a subject take their parent's. */
  owner: SubgraphName | undefined;
  /** Added by the gateway for a record condition or the log; removed before the response leaves. */
  hidden: boolean;
  /** Shown wherever its object is, and never content of its own (a key, `__typename`, the gateway's fields). */
  structural: boolean;
  /** Withheld before execution: the owner never receives the field; the client gets null and an error. */
  withheld?: Withheld;
  /**
   * A container no rule gives the requester, with nothing asked inside it (only `__typename`, or
   * every field skipped): null without an error (§5), and the owner is never asked for it — asking
   * would decide its record conditions on data the requester has no rule for.
   */
  nothingAsked?: true;
  decision?: FieldDecision;
  /** The value is a subject: at a root query, or at the end of a link. */
  subjectType: SubjectType | null;
  /** A link to another subject (its items are content of the subject it starts from). */
  link: boolean;
  /** The value is an object (or a list of objects) with fields of its own. */
  composite: boolean;
  /** Its objects name their own data controller under this hidden fact (a support episode's provider). */
  controllerFact?: HiddenField;
  children: PlanNode[];
}

export interface OperationPlan {
  /** What is executed: withheld fields removed, hidden fact fields added, fragments inlined. */
  document: DocumentNode;
  nodes: PlanNode[];
  /** The plan node of each field node of `document`, for the execution-time (record) checks. */
  nodesByField: WeakMap<FieldNode, PlanNode>;
  /** Some record condition needs facts about the enclosing subject (fetched beside the data). */
  needsSubjectFacts: boolean;
  /** What the policy may withhold on record data, by path: told whether or not anything is. */
  notices: PolicyNotice[];
}

export interface PlanInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  /** Coerced variable values (defaults applied): `@skip`/`@include` are decided on them. */
  variables: Record<string, unknown>;
  request: HubRequest;
  policy: CompiledPolicy;
  ownership: Ownership;
}

/**
 * Phase 1 of enforcement: decides every field of the operation on what needs no record data
 * and rewrites the operation so that the partners are never asked for what the requester may not
 * see, and are asked for the few facts the record conditions need.
 */
export function planOperation(input: PlanInput): OperationPlan {
  const operation = pickOperation(input.document, input.operationName);
  // Exactly the operation's own root: never another type's in its place (validation refuses the rest first).
  const rootType = input.schema.getRootType(operation.operation);
  if (!rootType) throw badRequest(`this gateway does not serve ${operation.operation} operations`);
  const planner = new Planner(input, fragmentsOf(input.document));
  const planned = planner.selection(rootType, [operation.selectionSet], ROOT_CONTEXT);
  const executable: OperationDefinitionNode = { ...operation, selectionSet: selectionSetOf(planned.selections) };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [executable] },
    nodes: planned.nodes,
    nodesByField: planner.nodesByField,
    needsSubjectFacts: planner.needsSubjectFacts,
    notices: planner.notices,
  };
}

/** Where the planner stands: the scope, the rules covering the fields above within it, the owner. */
interface Context {
  scope: Scope | 'root';
  /** Rules that named a field above, within this subject (or statistics / public) scope. */
  inherited: readonly CompiledRule[];
  owner: SubgraphName | undefined;
  /** Under a directory entry reached from a subject, the owner stays the link's (§7). */
  ownerPinned: boolean;
  /** Response keys from the root, for notices. */
  path: readonly string[];
}

const ROOT_CONTEXT: Context = { scope: 'root', inherited: [], owner: undefined, ownerPinned: false, path: [] };

interface PlannedSelection {
  nodes: PlanNode[];
  selections: SelectionNode[];
  /** Facts about the enclosing Person that fields below need, added at the Person's level. */
  subjectFacts: Map<string, HiddenField>;
}

interface PlannedField {
  node: PlanNode;
  executable?: FieldNode;
  subjectFacts: Map<string, HiddenField>;
  /** Facts the field's record conditions need on the object holding it. */
  parentFacts: HiddenField[];
}

class Planner {
  readonly nodesByField = new WeakMap<FieldNode, PlanNode>();
  readonly notices: PolicyNotice[] = [];
  needsSubjectFacts = false;

  constructor(
    private readonly input: PlanInput,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
  ) {}

  selection(parentType: GraphQLObjectType, selectionSets: SelectionSetNode[], context: Context): PlannedSelection {
    const result: PlannedSelection = { nodes: [], selections: [], subjectFacts: new Map() };
    const parentFacts: HiddenField[] = [];
    for (const [responseKey, fieldNodes] of gatherFields(selectionSets, this.fragments, this.input.variables)) {
      if (responseKey.startsWith(HIDDEN_PREFIX)) throw badRequest(`aliases starting with ${HIDDEN_PREFIX} are reserved`);
      if (isInheritedName(responseKey))
        throw badRequest(`"${responseKey}" cannot be a response key: every object inherits a property of that name. Use another alias`);
      const planned = this.field(parentType, responseKey, fieldNodes, context);
      result.nodes.push(planned.node);
      if (planned.executable) result.selections.push(planned.executable);
      for (const [alias, fact] of planned.subjectFacts) result.subjectFacts.set(alias, fact);
      parentFacts.push(...planned.parentFacts);
    }
    for (const fact of parentFacts) addHidden(result, fact, context.owner);
    return result;
  }

  private field(parentType: GraphQLObjectType, responseKey: string, fieldNodes: FieldNode[], context: Context): PlannedField {
    const first = fieldNodes[0]!;
    const fieldName = first.name.value;
    const coordinate = `${parentType.name}.${fieldName}`;
    const path = [...context.path, responseKey];
    const none = { subjectFacts: new Map<string, HiddenField>(), parentFacts: [] };
    const base = { responseKey, coordinate, hidden: false, link: false, composite: false, subjectType: null, children: [] };
    if (fieldName === '__typename' || fieldName === '__schema' || fieldName === '__type') {
      // Introspection is passed on whole: with its fragments inlined, since only the operation is passed on.
      const executable = fieldName === '__typename' ? first : selfContainedField(fieldNodes, this.fragments);
      return { node: { ...base, scope: scopeOf(context), owner: context.owner, structural: true }, executable, ...none };
    }
    const definition = parentType.getFields()[fieldName];
    if (!definition) throw badRequest(`unknown field ${coordinate}`);
    const namedType = getNamedType(definition.type);
    const objectType = isObjectType(namedType) ? namedType : undefined;
    const link = context.scope === 'subject' && isLink(parentType, definition);
    // A link is shared only where a rule names it: never shown for what lies beyond it (§3).
    const where = this.placeOf(parentType, fieldName, coordinate, context, objectType !== undefined && !link, link);
    const subjectType = (isRootType(parentType.name) || link) && isSubjectType(namedType.name) ? namedType.name : null;
    const structural = where.structural ?? false;
    let decision = where.decision;
    const node: PlanNode = {
      ...base,
      scope: where.scope,
      owner: where.owner,
      structural,
      decision,
      subjectType,
      link,
      composite: objectType !== undefined,
    };
    if (decision.kind === 'deny') {
      node.withheld = decision.withheld;
      return { node, ...none };
    }
    if (!objectType) {
      const executable: FieldNode = { ...first, selectionSet: undefined };
      this.nodesByField.set(executable, node);
      this.noteRecordRules(path, decision);
      return { node, executable, subjectFacts: subjectFactsOf(decision), parentFacts: parentFactsOf(decision) };
    }

    const own = this.rulesNaming(coordinate);
    const childContext: Context = subjectType
      ? { scope: 'subject', inherited: [], owner: undefined, ownerPinned: false, path }
      : { scope: where.scope, inherited: [...context.inherited, ...own], owner: where.owner, ownerPinned: where.ownerPinned, path };
    const childSets = fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => !!s);
    const children = this.selection(objectType, childSets, childContext);
    node.children = children.nodes;

    if (decision.kind === 'container') {
      // Withheld whole only when something was asked and all of it is withheld: a container with
      // nothing asked (all skipped, or only __typename) is shaped like any other, and shows nothing.
      const shown = children.nodes.filter((c) => !c.withheld && !c.structural && !c.hidden);
      if (shown.length === 0 && children.nodes.some((c) => c.withheld)) {
        node.withheld = containerWithheld(coordinate, children.nodes);
        decision = { kind: 'deny', withheld: node.withheld };
        node.decision = decision;
        return { node, ...none };
      }
      // Nothing inside would be shown whatever the record holds: answer null without asking.
      if (!shown.some((c) => !c.nothingAsked)) {
        this.noteRecordRules(path, decision);
        node.nothingAsked = true;
        return { node, ...none };
      }
    }
    this.noteRecordRules(path, decision);
    for (const fact of itemFactsOf(decision)) addHidden(children, fact, where.owner);
    // The log names each record's data controller (data-controller.ts): fetched beside the record,
    // in the same call, whether or not the client asked for it.
    const controllerFact = controllerFactOf(objectType.name);
    if (controllerFact) {
      addHidden(children, controllerFact, where.owner);
      node.controllerFact = controllerFact;
    }

    const subjectFacts = new Map([...children.subjectFacts, ...subjectFactsOf(decision)]);
    // The log names the subject of every record, whether or not the client asked for its key.
    if (subjectType === 'Person') addHidden(children, SUBJECT_KEY, undefined);
    if (subjectType === 'Location') addHidden(children, LOCATION_KEY, undefined);
    if (subjectType === 'Person') {
      // Facts about this subject are fetched beside the client's own fields, in the same calls.
      for (const fact of subjectFacts.values()) addHidden(children, fact, undefined);
      if (subjectFacts.size > 0) this.needsSubjectFacts = true;
      subjectFacts.clear();
    }
    if (children.selections.length === 0) addHidden(children, TYPENAME, where.owner);
    node.children = children.nodes;
    const executable: FieldNode = { ...first, selectionSet: selectionSetOf(children.selections) };
    this.nodesByField.set(executable, node);
    return { node, executable, subjectFacts, parentFacts: parentFactsOf(decision) };
  }

  /** The field's scope, owner and decision: by its scope where that alone decides, else by the rules. */
  private placeOf(
    parentType: GraphQLObjectType,
    fieldName: string,
    coordinate: string,
    context: Context,
    container: boolean,
    link: boolean,
  ): Place {
    const { policy, ownership } = this.input;
    const owned = ownership.ownerOf(parentType.name, fieldName);
    const structural = (scope: Scope): Place => ({
      scope,
      owner: context.owner,
      ownerPinned: false,
      structural: true,
      decision: STRUCTURAL,
    });
    if (context.scope === 'root') {
      if (coordinate.startsWith('Mutation.') && policy.isGatewayField(coordinate)) {
        const decision = decideOperation(coordinate, policy.operationRulesAt.get(coordinate) ?? [], this.input.request);
        return { scope: 'gateway', owner: undefined, ownerPinned: false, structural: true, decision };
      }
      if (policy.isGatewayField(coordinate)) return structural('gateway');
      if (policy.isPublic(coordinate))
        return { scope: 'public', owner: owned, ownerPinned: false, decision: this.decidePublic(coordinate, []) };
      // The root queries only echo the reference the client gave (docs/policy.md §2).
      if (ROOT_SUBJECT_QUERIES.has(coordinate)) return structural('subject');
      if (coordinate === STATISTICS_QUERY) return structural('statistics');
      // Any other root field (a partner's query or mutation added later) needs a rule naming it.
      return { scope: 'subject', owner: owned, ownerPinned: false, decision: this.decide(coordinate, context, false) };
    }
    if (context.scope === 'gateway') return structural('gateway');
    if (context.scope === 'public') {
      return {
        scope: 'public',
        owner: owned ?? context.owner,
        ownerPinned: false,
        decision: this.decidePublic(coordinate, context.inherited),
      };
    }
    if (isEchoedKey(parentType.name, fieldName)) return structural(context.scope);
    // A directory entry under a subject is the subject's data, attributed to the link that reached it.
    const pinned = context.ownerPinned || (context.scope === 'subject' && policy.isPublic(coordinate) && context.owner !== undefined);
    const owner = pinned ? context.owner : (owned ?? context.owner);
    return { scope: context.scope, owner, ownerPinned: pinned, decision: this.decide(coordinate, context, container, owner, link) };
  }

  private decide(coordinate: string, context: Context, container: boolean, owner?: SubgraphName, link = false): FieldDecision {
    const decision = decideField(
      { coordinate, own: this.rulesNaming(coordinate), inherited: context.inherited, container, owner, link },
      this.input.request,
    );
    // A record rule on a field phase 2 does not see would never be decided: deny instead.
    if (recordRules(decision).length > 0 && !isRecordEnforced(this.input.schema, coordinate)) {
      return {
        kind: 'deny',
        withheld: { rule: 'policy-error', agreement: null, reason: `${coordinate} cannot be decided on its records` },
      };
    }
    return decision;
  }

  /** The agreements' rules naming the coordinate, and the owners' disclosures on the requester's requests. */
  private rulesNaming(coordinate: string): readonly CompiledRule[] {
    const grants = this.input.request.grants?.get(coordinate);
    const rules = this.input.policy.rulesNaming(coordinate);
    return grants ? [...rules, ...grants] : rules;
  }

  /** The directory: shown to anyone authenticated, unless a deny without conditions names it or a field above. */
  private decidePublic(coordinate: string, inherited: readonly CompiledRule[]): FieldDecision {
    const rules = [...inherited, ...this.input.policy.rulesNaming(coordinate)].sort((a, b) => a.order - b.order);
    const deny = rules.find((r) => r.effect === 'deny' && r.conditions.length === 0 && denyApplies(r, this.input.request));
    return deny ? { kind: 'deny', withheld: ruleWithheld(deny) } : { kind: 'public' };
  }

  private noteRecordRules(path: readonly string[], decision: FieldDecision): void {
    this.notices.push(...noticesFor(path.join('.'), decision));
  }
}

interface Place {
  scope: Scope;
  owner: SubgraphName | undefined;
  ownerPinned: boolean;
  structural?: boolean;
  decision: FieldDecision;
}

const STRUCTURAL: FieldDecision = { kind: 'structural' };
const ROOT_SUBJECT_QUERIES = new Set(['Query.person', 'Query.people', 'Query.location']);
const STATISTICS_QUERY = 'Query.stats';

function scopeOf(context: Context): Scope {
  return context.scope === 'root' ? 'gateway' : context.scope;
}

/** A container with nothing shown inside is withheld whole, naming its first withheld field's rule. */
function containerWithheld(coordinate: string, children: PlanNode[]): Withheld {
  const inner = children.find((c) => c.withheld)?.withheld;
  return {
    rule: inner?.rule ?? 'no-matching-rule',
    agreement: inner?.agreement ?? null,
    reason: `nothing asked for under ${coordinate} is shared with you${inner ? ` (${inner.reason})` : ''}`,
    ...(inner?.needed ? { needed: inner.needed } : {}),
    ...(inner?.remedy ? { remedy: inner.remedy } : {}),
  };
}

function factsOfScope(decision: FieldDecision, scope: 'item' | 'parent' | 'subject'): HiddenField[] {
  return recordRules(decision).flatMap((rule) => rule.conditions.filter((c) => c.scope === scope).flatMap((c) => c.facts(rule.owner)));
}

/** Facts about the enclosing Person the field's record conditions need, by alias. */
function subjectFactsOf(decision: FieldDecision): Map<string, HiddenField> {
  return new Map(factsOfScope(decision, 'subject').map((fact) => [fact.alias, fact]));
}

function itemFactsOf(decision: FieldDecision): HiddenField[] {
  return factsOfScope(decision, 'item');
}

function parentFactsOf(decision: FieldDecision): HiddenField[] {
  return factsOfScope(decision, 'parent');
}

function addHidden(into: PlannedSelection, fact: HiddenField, owner: SubgraphName | undefined): void {
  if (into.nodes.some((n) => n.responseKey === fact.alias)) return;
  into.selections.push(hiddenFieldNode(fact));
  into.nodes.push({
    responseKey: fact.alias,
    coordinate: fact.selection,
    scope: 'gateway',
    owner,
    hidden: true,
    structural: true,
    subjectType: null,
    link: false,
    composite: false,
    children: [],
  });
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

function selectionSetOf(selections: SelectionNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections };
}

export function pickOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) throw badRequest(operationName ? `no operation named ${operationName}` : 'name the operation to run');
  return operation;
}

function badRequest(message: string): GraphQLError {
  return new BadUserInputError(message, { status: 400 });
}
