import { getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { pickOperation } from './plan-operation';
import { BadUserInputError } from '@hub/shared';

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
    throw new BadUserInputError(result.errors[0]!.message, { status: 400 });
  }
  return result.coerced;
}
