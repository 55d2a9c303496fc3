import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { BadUserInputError } from '@hub/shared';

/**
 * Response key → its field nodes, with fragments inlined and `@skip`/`@include` applied, in the
 * order the keys first appear: what graphql-js itself would execute at this level.
 * `variables` are the coerced values (defaults applied), as graphql-js decides the directives on.
 */
export function gatherFields(
  selectionSets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  out = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        out.set(key, [...(out.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        gatherFields([selection.selectionSet], fragments, variables, out);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment) throw new BadUserInputError(`unknown fragment ${selection.name.value}`, { status: 400 });
        gatherFields([fragment.selectionSet], fragments, variables, out);
      }
    }
  }
  return out;
}

function included(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  } catch (error) {
    // A variable given as null where `if: Boolean!` needs a value: the client's mistake, said as such.
    throw new BadUserInputError((error as Error).message, { status: 400 });
  }
}
