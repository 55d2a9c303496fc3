import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';

const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Wraps a subgraph's executor so that a partner whose service is down shows up as a clear
 * `SUBGRAPH_UNAVAILABLE` error naming the partner, instead of a masked internal error or a
 * socket address. The other partners' parts of the answer are unaffected.
 */
export function reportUnavailable(subgraph: string, executor: Executor): Executor {
  return (async (request: ExecutionRequest) => {
    const result = (await executor(request)) as ExecutionResult;
    if (!result?.errors?.some((e) => TRANSPORT_CODES.has(String(e.extensions?.code)))) return result;
    return {
      ...result,
      errors: [
        new GraphQLError(`The ${subgraph} service did not answer; its part of this response is missing.`, {
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph },
        }),
      ],
    };
  }) as Executor;
}
