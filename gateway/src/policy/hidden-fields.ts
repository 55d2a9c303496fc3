import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { HiddenField } from './conditions/record-condition';

/**
 * Fields the gateway adds to what it asks the subgraphs, so that record conditions can be
 * decided and the log can name each subject, on the data the request fetches anyway (no extra
 * round trip). They ride under aliases with this prefix, are never sent to the client, and a
 * client may not use the prefix itself.
 */
export const HIDDEN_PREFIX = '__hub_';

export function isHiddenAlias(responseKey: string): boolean {
  return responseKey.startsWith(HIDDEN_PREFIX);
}

/** The keys of subjects and properties: every log record names what it is about. */
export const SUBJECT_KEY: HiddenField = { alias: '__hub_id', selection: 'id' };
export const LOCATION_KEY: HiddenField = { alias: '__hub_uprn', selection: 'uprn' };
/** What an object whose every field was withheld still asks for, so it stays a valid selection. */
export const TYPENAME: HiddenField = { alias: '__hub_typename', selection: '__typename' };

const hiddenNodes = new Map<string, FieldNode>();
/** Every field node inside a hidden field: the gateway's own reads, which the policy lets through. */
const hiddenSubtrees = new WeakSet<FieldNode>();

export function isInsideHiddenField(node: FieldNode): boolean {
  return hiddenSubtrees.has(node);
}

/** The field node for a hidden field, parsed once and shared by every plan. */
export function hiddenFieldNode(fact: HiddenField): FieldNode {
  const key = `${fact.alias} ${fact.selection}`;
  let node = hiddenNodes.get(key);
  if (!node) {
    const document = parse(`{ ${fact.alias}: ${fact.selection} }`, { noLocation: true });
    node = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    markSubtree(node);
    hiddenNodes.set(key, node);
  }
  return node;
}

function markSubtree(node: FieldNode): void {
  hiddenSubtrees.add(node);
  for (const child of node.selectionSet?.selections ?? []) if (child.kind === Kind.FIELD) markSubtree(child);
}
