import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { observePartnerAvailability, recordSubgraphCall, type SubgraphOutcome } from '@hub/shared';
import { GraphQLError } from 'graphql';

const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Wraps a subgraph's executor so that a partner whose service is down shows up as a clear
 * `SUBGRAPH_UNAVAILABLE` error naming the partner, instead of a masked internal error or a
 * socket address. The other partners' parts of the answer are unaffected.
 *
 * Telemetry: each call is timed by outcome (`hub_subgraph_request_duration_seconds`,
 * `hub_subgraph_errors_total`), and a partner that stops answering, or answers again, is logged
 * once per change (`hub_subgraph_up`).
 */
export function reportUnavailable(subgraph: string, executor: Executor): Executor {
  return (async (request: ExecutionRequest) => {
    const started = performance.now();
    const observe = (outcome: SubgraphOutcome) => {
      recordSubgraphCall(subgraph, outcome, (performance.now() - started) / 1000);
      observePartnerAvailability(subgraph, outcome !== 'unavailable');
    };
    let result: ExecutionResult;
    try {
      result = (await executor(request)) as ExecutionResult;
    } catch (error) {
      observe('unavailable');
      throw error;
    }
    if (!result?.errors?.some((e) => TRANSPORT_CODES.has(String(e.extensions?.code)))) {
      observe(result?.errors?.length ? 'error' : 'ok');
      return result;
    }
    observe('unavailable');
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
