import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * Refuses an operation whose type the schema has no root for (`subscription` here): graphql-js 16
 * validates such an operation without checking a field of it, because it has no type to check them
 * against, and leaves the refusal to execution. The hub's executor is not graphql-js's, so the
 * operation would reach the planner as if it were another type (red team, 1 December: a
 * subscription went past the operation rules and ended in an internal error). graphql-js 17 has
 * the same rule (KnownOperationTypesRule); this is it for 16, until the hub moves.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation))
        context.reportError(new GraphQLError(`The hub does not serve ${node.operation} operations.`, { nodes: node }));
      return false;
    },
  };
}
