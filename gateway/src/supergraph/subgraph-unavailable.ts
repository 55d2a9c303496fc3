import { SubgraphUnavailableError } from '@hub/shared';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { SubgraphCallFailure, type UnavailableReason } from './subgraph-fetch';

const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Wraps a subgraph's executor so that a partner that is down, too slow, or behind an open circuit
 * shows up as a clear `SUBGRAPH_UNAVAILABLE` error naming the partner and why, instead of a masked
 * internal error or a socket address. The other partners' parts of the answer are unaffected.
 */
export function reportUnavailable(subgraph: string, executor: Executor): Executor {
  return (async (request: ExecutionRequest) => {
    const result = (await executor(request)) as ExecutionResult;
    const failure = result?.errors?.find((e) => TRANSPORT_CODES.has(String(e.extensions?.code)));
    if (!failure) return result;
    const cause = failure.originalError;
    const reason: UnavailableReason = cause instanceof SubgraphCallFailure ? cause.reason : 'down';
    return { ...result, errors: [new SubgraphUnavailableError(subgraph, reason)] };
  }) as Executor;
}
