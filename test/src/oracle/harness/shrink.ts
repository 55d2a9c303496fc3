import { Kind, parse, print, validate, visit, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { GeneratedOperation } from './generate-operation';

/**
 * Minimal reproductions: drop selections from a failing operation one at a time for as long as
 * the same class of difference still shows, so the report shows the few fields that matter.
 */

/** Every way to drop one selection (not a root field, not the last of its selection set), last first. */
function reductions(schema: GraphQLSchema, op: GeneratedOperation): GeneratedOperation[] {
  const document = parse(op.query);
  const sets: SelectionSetNode[] = [];
  visit(document, {
    SelectionSet(node, _key, parent) {
      const isRoot = parent && (parent as any).kind === Kind.OPERATION_DEFINITION;
      if (!isRoot && node.selections.length > 1) sets.push(node);
    },
  });
  const out: GeneratedOperation[] = [];
  for (const set of sets.reverse()) {
    for (let i = set.selections.length - 1; i >= 0; i--) {
      const target = set.selections[i];
      const reduced = visit(document, {
        enter(node) {
          if (node === target) return null;
          return undefined;
        },
      }) as DocumentNode;
      const cleaned = withoutUnused(reduced, op.variables);
      if (cleaned && validate(schema, cleaned.document).length === 0) {
        out.push({ ...op, query: print(cleaned.document), variables: cleaned.variables });
      }
    }
  }
  return out;
}

/** Drops fragments and variables nothing uses any more, and the variables' values. */
function withoutUnused(document: DocumentNode, variables: Record<string, unknown>): { document: DocumentNode; variables: Record<string, unknown> } | null {
  let doc = document;
  for (let round = 0; round < 5; round++) {
    const usedFragments = new Set<string>();
    const usedVariables = new Set<string>();
    visit(doc, {
      FragmentSpread(n) {
        usedFragments.add(n.name.value);
      },
      Variable(n, _k, parent) {
        if ((parent as any)?.kind !== Kind.VARIABLE_DEFINITION) usedVariables.add(n.name.value);
      },
    });
    let changed = false;
    doc = visit(doc, {
      FragmentDefinition(n) {
        if (usedFragments.has(n.name.value)) return undefined;
        changed = true;
        return null;
      },
      VariableDefinition(n) {
        if (usedVariables.has(n.variable.name.value)) return undefined;
        changed = true;
        return null;
      },
    }) as DocumentNode;
    if (!changed) {
      const names = new Set<string>();
      visit(doc, {
        VariableDefinition(n) {
          names.add(n.variable.name.value);
        },
      });
      return { document: doc, variables: Object.fromEntries(Object.entries(variables).filter(([k]) => names.has(k))) };
    }
  }
  return null;
}

/** Greedy shrinking: keep the first reduction that still fails, until none does or the budget runs out. */
export async function shrink(
  schema: GraphQLSchema,
  op: GeneratedOperation,
  stillFails: (candidate: GeneratedOperation) => Promise<boolean>,
  budget = 120,
): Promise<GeneratedOperation> {
  let current = { ...op, query: print(parse(op.query)) };
  let tries = 0;
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    for (const candidate of reductions(schema, current)) {
      if (++tries > budget) break;
      if (await stillFails(candidate)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}
