import { observePartnerAvailability, recordSubgraphCall, SubgraphUnavailableError, type SubgraphOutcome } from '@hub/shared';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { SubgraphCallFailure, type UnavailableReason } from './subgraph-fetch';

const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Wraps a subgraph's executor so that a partner that is down, too slow, or behind an open circuit
 * shows up as a clear `SUBGRAPH_UNAVAILABLE` error naming the partner and why, instead of a masked
 * internal error or a socket address. The other partners' parts of the answer are unaffected.
 *
 * Telemetry: each call is timed by outcome (`hub_subgraph_request_duration_seconds`,
 * `hub_subgraph_errors_total`), and a partner that stops answering, or answers again, is logged
 * once per change (`hub_subgraph_up`).
 */
export function reportUnavailable(subgraph: string, executor: Executor): Executor {
  return (async (request: ExecutionRequest) => {
    const observe = subgraphCallObserver(subgraph);
    let result: ExecutionResult;
    try {
      result = (await executor(request)) as ExecutionResult;
    } catch (error) {
      observe('unavailable', error);
      throw error;
    }
    const failure = result?.errors?.find((e) => TRANSPORT_CODES.has(String(e.extensions?.code)));
    if (!failure) {
      observe(result?.errors?.length ? 'error' : 'ok');
      return result;
    }
    observe('unavailable', failure.originalError);
    return { ...result, errors: [unavailableError(subgraph, failure.originalError)] };
  }) as Executor;
}

/**
 * Starts timing one call to a partner; the returned function reports its outcome (the call's
 * duration and errors, and whether the partner answers): shared by the stitched and planned executors.
 */
export function subgraphCallObserver(subgraph: string): (outcome: SubgraphOutcome, cause?: unknown) => void {
  const started = performance.now();
  return (outcome, cause) => {
    recordSubgraphCall(subgraph, outcome, (performance.now() - started) / 1000);
    observePartnerAvailability(subgraph, outcome !== 'unavailable', outcome === 'unavailable' ? whyUnavailable(cause) : undefined);
  };
}

/** For the operator's log line: the reason (down, deadline, circuit open) and the error beneath (the logger scrubs its message). */
function whyUnavailable(cause: unknown): { reason: UnavailableReason; err?: Error } {
  const reason: UnavailableReason = cause instanceof SubgraphCallFailure ? cause.reason : 'down';
  let below: unknown = cause instanceof SubgraphCallFailure ? cause.cause : cause;
  while (below instanceof Error && below.cause instanceof Error && !(below as NodeJS.ErrnoException).code) below = below.cause;
  return below instanceof Error ? { reason, err: below } : { reason };
}

/** What the client is told of a call that got no answer: the partner, and why (down, deadline, circuit open). */
export function unavailableError(subgraph: string, cause: unknown): SubgraphUnavailableError {
  const reason: UnavailableReason = cause instanceof SubgraphCallFailure ? cause.reason : 'down';
  return new SubgraphUnavailableError(subgraph, reason);
}
