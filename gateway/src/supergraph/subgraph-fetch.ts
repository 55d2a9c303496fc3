import { leanFetch, type LeanResponse } from './lean-fetch';
import { circuitBreaker, ConsecutiveBreaker, handleAll, isBrokenCircuitError, type CircuitBreakerPolicy, CircuitState } from 'cockatiel';

/** What the stitched executor hands the fetch of each subgraph call: the request's own context. */
export interface SubgraphCallContext {
  subgraphTokens?: Record<string, string>;
  deadline?: AbortSignal;
}

export type UnavailableReason = 'down' | 'deadline' | 'circuit-open';

/** A subgraph call that failed, and why: `subgraph-unavailable.ts` turns it into the client's error. */
export class SubgraphCallFailure extends Error {
  constructor(
    readonly subgraph: string,
    readonly reason: UnavailableReason,
    cause: unknown,
  ) {
    super(`${subgraph} ${reason}`, { cause });
    this.name = 'SubgraphCallFailure';
  }
}

/** After this many failed calls in a row a partner's circuit opens; a trial call goes after `halfOpenAfterMs`. */
export interface BreakerSettings {
  consecutiveFailures: number;
  halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { consecutiveFailures: 5, halfOpenAfterMs: 5_000 };

/**
 * The fetch for one partner's subgraph: it carries the request's gateway-signed token for that
 * partner, waits no longer than the request's one deadline, and goes through the partner's circuit
 * breaker (cockatiel) so that a dead or hung partner costs milliseconds once its circuit is open,
 * instead of the deadline on every request that touches it. A 5xx counts as a failure, a GraphQL
 * error in a 200 does not (the partner answered).
 */
export function subgraphFetch(
  subgraph: string,
  options: { breaker?: BreakerSettings; onCircuitChange?: (subgraph: string, state: 'open' | 'half-open' | 'closed') => void } = {},
) {
  const settings = options.breaker ?? DEFAULT_BREAKER;
  const breaker: CircuitBreakerPolicy = circuitBreaker(handleAll, {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
  });
  breaker.onStateChange((state) => options.onCircuitChange?.(subgraph, stateName(state)));

  return async (url: string, init: RequestInit | undefined, context: SubgraphCallContext | undefined): Promise<Response> => {
    const deadline = context?.deadline;
    try {
      return await breaker.execute(async () => {
        const body = init?.body;
        // The executor sends JSON text; file uploads (FormData) are not part of the hub's graph.
        if (body != null && typeof body !== 'string') throw new TypeError(`${subgraph}: only a JSON text body can be sent`);
        const response = await leanFetch(url, {
          method: init?.method,
          body,
          headers: withToken(init?.headers, context?.subgraphTokens?.[subgraph]),
          signal: deadline,
        });
        if (response.status >= 500) throw new Error(`${subgraph} answered HTTP ${response.status}`);
        // The executor reads only the status, the content type and the text (lean-fetch.ts).
        return response as LeanResponse as unknown as Response;
      });
    } catch (error) {
      if (isBrokenCircuitError(error)) throw new SubgraphCallFailure(subgraph, 'circuit-open', error);
      throw new SubgraphCallFailure(subgraph, deadline?.aborted ? 'deadline' : 'down', error);
    }
  };
}

function stateName(state: CircuitState): 'open' | 'half-open' | 'closed' {
  if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
  return state === CircuitState.HalfOpen ? 'half-open' : 'closed';
}

/** The executor passes headers as a plain object; add the token without copying them through Headers. */
function withToken(headers: RequestInit['headers'], token: string | undefined): Record<string, string> {
  const plain = { ...(headers as Record<string, string> | undefined) };
  if (token) plain.authorization = `Bearer ${token}`;
  return plain;
}
