import { getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { pickOperation } from './plan-operation';

/**
 * The operation's variables as graphql-js will execute them: coerced, defaults applied. The
 * planner decides `@skip`/`@include` on these, so `$x: Boolean = true` behaves as it will run.
 * Bad values are the client's to fix: a 400 naming the first problem.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  inputs: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const operation = pickOperation(document, operationName);
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs ?? {}, { maxErrors: 1 });
  if (result.errors) {
    throw new GraphQLError(result.errors[0]!.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  return result.coerced;
}
