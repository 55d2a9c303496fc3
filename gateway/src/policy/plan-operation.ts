import type { SubgraphName } from '@hub/shared';
import {
  getDirectiveValues,
  getNamedType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { RecordCondition } from '../agreements/agreement.types';
import type { Ownership } from '../supergraph/ownership';
import { ITEM_CONDITIONS, SUBJECT_CONDITIONS, type CompiledPolicy, type CompiledRule } from './compiled-policy';
import { decideField } from './decide-field';
import type { FieldDecision, Withheld } from './field-decision';
import {
  CHILD_FACTS,
  HIDDEN_PREFIX,
  ITEM_FACTS,
  LOCATION_KEY,
  PARENT_FACTS,
  SUBJECT_CONSENT,
  SUBJECT_KEY,
  SUBJECT_SECTION_47,
  type HiddenField,
} from './hidden-fields';
import type { HubRequest } from './hub-request';

/** One response key of the operation, as the policy sees it. */
export interface PlanNode {
  responseKey: string;
  coordinate: string;
  /** Whose data it is; value types take their parent's owner. */
  owner: SubgraphName | undefined;
  /** Personal data of `owner` (not a reference, not the public directory). */
  personal: boolean;
  /** Added by the gateway for a record condition; removed before the response leaves. */
  hidden: boolean;
  /** Withheld before execution: the owner never receives the field; the client gets null + error. */
  withheld?: Withheld;
  decision?: FieldDecision;
  /** The value is a subject (a Person) or a property (a Location): the log groups by it. */
  subjectType: 'Person' | 'Location' | null;
  children: PlanNode[];
}

export interface OperationPlan {
  /** What is executed: withheld fields removed, hidden fact fields added, fragments inlined. */
  document: DocumentNode;
  nodes: PlanNode[];
  /** The decision for each field node of `document`, for the execution-time (record) checks. */
  decisions: WeakMap<FieldNode, FieldDecision>;
  /** Some record condition needs facts about the enclosing subject (fetched beside the data). */
  needsSubjectFacts: boolean;
}

export interface PlanInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  request: HubRequest;
  policy: CompiledPolicy;
  ownership: Ownership;
}

/**
 * Phase 1 of enforcement: decides every field of the operation on what needs no record data
 * and rewrites the operation so that the partners are never asked for what the requester may not
 * see (the subgraph owning a withheld field does not transmit it).
 */
export function planOperation(input: PlanInput): OperationPlan {
  const operation = pickOperation(input.document, input.operationName);
  const rootType = operation.operation === 'query' ? input.schema.getQueryType() : input.schema.getMutationType();
  if (!rootType) throw badRequest(`this gateway does not serve ${operation.operation} operations`);
  const fragments = Object.fromEntries(
    input.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const planner = new Planner(input, fragments);
  const planned = planner.selection(rootType, [operation.selectionSet], [], false, undefined);
  const executable: OperationDefinitionNode = { ...operation, selectionSet: selectionSetOf(planned.selections) };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [executable] },
    nodes: planned.nodes,
    decisions: planner.decisions,
    needsSubjectFacts: planner.needsSubjectFacts,
  };
}

interface PlannedSelection {
  nodes: PlanNode[];
  selections: SelectionNode[];
  /** Facts about the enclosing subject that fields below need (added at the Person level). */
  subjectFacts: Map<string, HiddenField>;
  /** Decisions of the fields directly in this selection, for the container rule. */
  decisions: FieldDecision[];
}

class Planner {
  readonly decisions = new WeakMap<FieldNode, FieldDecision>();
  needsSubjectFacts = false;

  constructor(
    private readonly input: PlanInput,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
  ) {}

  selection(
    parentType: GraphQLObjectType,
    selectionSets: SelectionSetNode[],
    inherited: readonly CompiledRule[],
    publicAbove: boolean,
    parentOwner: SubgraphName | undefined,
  ): PlannedSelection {
    const result: PlannedSelection = { nodes: [], selections: [], subjectFacts: new Map(), decisions: [] };
    const parentFacts = new Map<string, HiddenField>();
    for (const [responseKey, fieldNodes] of this.gather(selectionSets)) {
      const planned = this.field(parentType, responseKey, fieldNodes, inherited, publicAbove, parentOwner);
      result.nodes.push(planned.node);
      if (planned.decision) result.decisions.push(planned.decision);
      if (planned.executable) result.selections.push(planned.executable);
      for (const [alias, fact] of planned.subjectFacts) result.subjectFacts.set(alias, fact);
      for (const condition of conditionsOf(planned.decision)) {
        const fact = PARENT_FACTS[condition];
        if (fact) parentFacts.set(fact.alias, fact);
      }
    }
    for (const fact of parentFacts.values()) this.addHidden(result, fact, parentOwner);
    return result;
  }

  private field(
    parentType: GraphQLObjectType,
    responseKey: string,
    fieldNodes: FieldNode[],
    inherited: readonly CompiledRule[],
    publicAbove: boolean,
    parentOwner: SubgraphName | undefined,
  ): { node: PlanNode; executable?: FieldNode; decision?: FieldDecision; subjectFacts: Map<string, HiddenField> } {
    const first = fieldNodes[0]!;
    const fieldName = first.name.value;
    const coordinate = `${parentType.name}.${fieldName}`;
    const none = new Map<string, HiddenField>();
    if (fieldName === '__typename' || fieldName === '__schema' || fieldName === '__type') {
      const node: PlanNode = { responseKey, coordinate, owner: undefined, personal: false, hidden: false, subjectType: null, children: [] };
      return { node, executable: first, subjectFacts: none };
    }
    const definition = parentType.getFields()[fieldName];
    if (!definition) throw badRequest(`unknown field ${coordinate}`);
    const own = this.input.policy.rulesAt.get(coordinate) ?? [];
    const isPublic = publicAbove || this.input.policy.isPublic(coordinate);
    const namedType = getNamedType(definition.type);
    let decision = decideField(
      {
        coordinate,
        own,
        inherited,
        structural: this.input.policy.isStructural(coordinate),
        composite: isObjectType(namedType),
        public: isPublic,
      },
      this.input.request,
    );
    const owner = this.input.ownership.ownerOf(parentType.name, fieldName) ?? parentOwner;
    const node: PlanNode = {
      responseKey,
      coordinate,
      owner,
      personal: owner !== undefined && decision.kind !== 'structural' && decision.kind !== 'public',
      hidden: false,
      subjectType: namedType.name === 'Person' || namedType.name === 'Location' ? namedType.name : null,
      decision,
      children: [],
    };
    if (decision.kind === 'deny') {
      node.withheld = decision.withheld;
      return { node, decision, subjectFacts: none };
    }
    if (!isObjectType(namedType)) {
      const executable: FieldNode = { ...first, selectionSet: undefined };
      this.decisions.set(executable, decision);
      return { node, executable, decision, subjectFacts: none };
    }

    const childSets = fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => !!s);
    const children = this.selection(namedType, childSets, [...inherited, ...own], isPublic, owner);
    node.children = children.nodes;

    if (decision.kind === 'container') {
      const shown = children.decisions.filter((d) => d.kind !== 'deny' && d.kind !== 'structural');
      if (shown.length === 0) {
        const inner = children.nodes.find((c) => c.withheld)?.withheld;
        node.withheld = {
          rule: inner?.rule ?? 'no-matching-rule',
          agreement: inner?.agreement ?? null,
          reason: `nothing asked for under ${coordinate} is shared with you${inner ? ` (${inner.reason})` : ''}`,
          ...(inner?.needed ? { needed: inner.needed } : {}),
        };
        decision = { kind: 'deny', withheld: node.withheld };
        node.decision = decision;
        return { node, decision, subjectFacts: none };
      }
      decision = { kind: 'container', hoisted: hoistable(shown) };
      node.decision = decision;
    }

    for (const condition of conditionsOf(decision)) {
      const fact = ITEM_FACTS[condition];
      if (fact) this.addHidden(children, fact, owner);
    }
    const subjectFacts = new Map(children.subjectFacts);
    for (const rule of rulesOf(decision)) {
      for (const condition of rule.when ?? []) {
        if (condition === 'subjectIsChild')
          for (const fact of CHILD_FACTS[rule.owner ?? 'police'] ?? []) subjectFacts.set(fact.alias, fact);
        if (condition === 'subjectConsentNamesRecipient') subjectFacts.set(SUBJECT_CONSENT.alias, SUBJECT_CONSENT);
        if (condition === 'subjectUnderSection47Enquiry') subjectFacts.set(SUBJECT_SECTION_47.alias, SUBJECT_SECTION_47);
      }
    }
    // The log names the subject of every record, whether or not the client asked for its key.
    if (node.subjectType === 'Person') this.addHidden(children, SUBJECT_KEY, owner);
    if (node.subjectType === 'Location') this.addHidden(children, LOCATION_KEY, owner);
    if (node.subjectType === 'Person') {
      // Facts about this subject are fetched beside the client's own fields, in the same calls.
      for (const fact of subjectFacts.values()) this.addHidden(children, fact, owner);
      if (subjectFacts.size > 0) this.needsSubjectFacts = true;
      subjectFacts.clear();
    }
    if (children.selections.length === 0) this.addHidden(children, { alias: `${HIDDEN_PREFIX}typename`, selection: '__typename' }, owner);
    node.children = children.nodes;
    const executable: FieldNode = { ...first, selectionSet: selectionSetOf(children.selections) };
    this.decisions.set(executable, decision);
    return { node, executable, decision, subjectFacts };
  }

  private addHidden(into: PlannedSelection, fact: HiddenField, owner: SubgraphName | undefined): void {
    if (into.nodes.some((n) => n.responseKey === fact.alias)) return;
    into.selections.push(hiddenFieldNode(fact));
    into.nodes.push({
      responseKey: fact.alias,
      coordinate: fact.selection,
      owner,
      personal: false,
      hidden: true,
      subjectType: null,
      children: [],
    });
  }

  /** Response key → its field nodes, with fragments inlined and @skip/@include applied. */
  private gather(selectionSets: SelectionSetNode[], out = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const set of selectionSets) {
      for (const selection of set.selections) {
        if (!this.included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          if (key.startsWith(HIDDEN_PREFIX)) throw badRequest(`aliases starting with ${HIDDEN_PREFIX} are reserved`);
          out.set(key, [...(out.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          this.gather([selection.selectionSet], out);
        } else {
          const fragment = this.fragments[selection.name.value];
          if (!fragment) throw badRequest(`unknown fragment ${selection.name.value}`);
          this.gather([fragment.selectionSet], out);
        }
      }
    }
    return out;
  }

  private included(selection: SelectionNode): boolean {
    const variables = this.input.variables ?? {};
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  }
}

function rulesOf(decision: FieldDecision | undefined): CompiledRule[] {
  if (!decision) return [];
  if (decision.kind === 'conditional') return [...decision.conditionalAllows, ...decision.conditionalDenies];
  if (decision.kind === 'allow') return decision.conditionalDenies;
  if (decision.kind === 'container') return decision.hoisted;
  return [];
}

function conditionsOf(decision: FieldDecision | undefined): RecordCondition[] {
  return rulesOf(decision).flatMap((r) => r.when ?? []);
}

/**
 * Allows inside a container that depend only on the subject can be decided at the container:
 * if none holds, the container is withheld whole, so a denial inside does not reveal the record.
 */
function hoistable(shown: FieldDecision[]): CompiledRule[] {
  if (!shown.every((d) => d.kind === 'conditional')) return [];
  const rules = shown.flatMap((d) => (d.kind === 'conditional' ? d.conditionalAllows : []));
  const subjectOnly = rules.every((r) => (r.when ?? []).every((c) => SUBJECT_CONDITIONS.has(c) && !ITEM_CONDITIONS.has(c)));
  return subjectOnly ? rules : [];
}

const hiddenNodes = new Map<string, FieldNode>();
/** Every field node inside a hidden field: the gateway's own reads, which the policy lets through. */
const hiddenSubtrees = new WeakSet<FieldNode>();

export function isInsideHiddenField(node: FieldNode): boolean {
  return hiddenSubtrees.has(node);
}

function hiddenFieldNode(fact: HiddenField): FieldNode {
  let node = hiddenNodes.get(fact.alias + fact.selection);
  if (!node) {
    const document = parse(`{ ${fact.alias}: ${fact.selection} }`, { noLocation: true });
    node = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    markSubtree(node);
    hiddenNodes.set(fact.alias + fact.selection, node);
  }
  return node;
}

function markSubtree(node: FieldNode): void {
  hiddenSubtrees.add(node);
  for (const child of node.selectionSet?.selections ?? []) if (child.kind === Kind.FIELD) markSubtree(child);
}

function selectionSetOf(selections: SelectionNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections };
}

function pickOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
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
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
