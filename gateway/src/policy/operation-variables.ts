import { getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { pickOperation } from './plan-operation';
import { BadUserInputError } from '@hub/shared';
import { isInheritedName } from './inherited-names';

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
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (isInheritedName(name))
      throw new BadUserInputError(`"$${name}" cannot be a variable's name: every object inherits a property of that name. Use another`, {
        status: 400,
      });
  }
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs ?? {}, { maxErrors: 1 });
  if (result.errors) {
    throw new BadUserInputError(result.errors[0]!.message, { status: 400 });
  }
  return result.coerced;
}
