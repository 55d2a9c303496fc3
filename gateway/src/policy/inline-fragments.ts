import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { BadUserInputError } from '@hub/shared';

/**
 * One field asked under several nodes (`__schema { a } __schema { b }`), as one node whose
 * selections are theirs together, with every named fragment spread below it replaced by an inline
 * fragment of the same type condition, directives and selections. The planner keeps only the
 * operation in the document it executes, not its fragment definitions, so what it passes on
 * whole (introspection) must not name one (red team, 1 December: `__type(name:) { ...F }` came
 * back `{}`, and the standard introspection query with its `...FullType` a list of them).
 */
export function selfContainedField(fieldNodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode {
  const first = fieldNodes[0]!;
  const sets = fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
  if (sets.length === 0) return first;
  return { ...first, selectionSet: { kind: Kind.SELECTION_SET, selections: sets.flatMap((s) => inlined(s, fragments).selections) } };
}

function inlined(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode {
  return {
    ...set,
    selections: set.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment) throw new BadUserInputError(`unknown fragment ${selection.name.value}`, { status: 400 });
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives,
          selectionSet: inlined(fragment.selectionSet, fragments),
        };
      }
      return selection.selectionSet ? { ...selection, selectionSet: inlined(selection.selectionSet, fragments) } : selection;
    }),
  };
}
