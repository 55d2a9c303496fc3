import type { ApolloServerPlugin } from '@apollo/server';
import { BadUserInputError } from '@hub/shared';
import { Kind, visit, type DocumentNode } from 'graphql';

/**
 * Text with the NUL character (U+0000) is refused before anything runs: PostgreSQL cannot store
 * or compare it, so it would otherwise surface deep in a workflow or an auditor's query as an
 * internal error, after an attempt that should have been a plain refusal (red team, workflows
 * round). Checked in the variables and in the operation's string literals (once per document).
 */
export const noNulText: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        if (hasNul(request.variables) || documentHasNul(document)) {
          throw new BadUserInputError('Text may not contain the NUL character (\\u0000).', { status: 400 });
        }
      },
    };
  },
};

/** Whether a value (a string, or any string inside a list or object) holds NUL: also for text decoded from an opaque argument. */
export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\u0000') || hasNul(v));
  return false;
}

const checked = new WeakMap<DocumentNode, boolean>();

function documentHasNul(document: DocumentNode): boolean {
  let found = checked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.STRING](node) {
        if (node.value.includes('\u0000')) found = true;
      },
    });
    checked.set(document, found);
  }
  return found;
}
