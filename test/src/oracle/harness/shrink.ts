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
  // Fewer subjects: one element fewer in a literal list (`ids: [...]`) or in a variable's list.
  const lists: any[] = [];
  visit(document, {
    ListValue(node) {
      if (node.values.length > 1) lists.push(node);
    },
  });
  for (const list of lists) {
    for (const dropped of list.values) {
      const reduced = visit(document, {
        enter(node) {
          return node === dropped ? null : undefined;
        },
      }) as DocumentNode;
      if (validate(schema, reduced).length === 0) out.push({ ...op, query: print(reduced) });
    }
  }
  for (const [name, value] of Object.entries(op.variables)) {
    const list = Array.isArray(value) ? value : Array.isArray((value as any)?.ids) ? (value as any).ids : null;
    if (!list || list.length < 2) continue;
    for (let i = 0; i < list.length; i++) {
      const shorter = list.filter((_: unknown, j: number) => j !== i);
      out.push({ ...op, variables: { ...op.variables, [name]: Array.isArray(value) ? shorter : { ...(value as object), ids: shorter } } });
    }
  }
  return out;
}

/** Drops fragments and variables nothing uses any more, and the variables' values. */
function withoutUnused(
  document: DocumentNode,
  variables: Record<string, unknown>,
): { document: DocumentNode; variables: Record<string, unknown> } | null {
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
