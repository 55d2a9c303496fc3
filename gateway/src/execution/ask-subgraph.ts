import type { SubgraphEndpoints, SubgraphFetches } from '../supergraph/executable-schema';
import type { SubgraphCallContext } from '../supergraph/subgraph-fetch';
import { subgraphCallObserver, unavailableError } from '../supergraph/subgraph-unavailable';
import type { AskSubgraph, SubgraphAnswer } from './run-fetch-plan';

/**
 * How the planned executor calls a partner: through the same fetch as the stitched executor (the
 * request's gateway-signed token for that partner, its one deadline, the partner's circuit
 * breaker), with the same telemetry, and a partner that did not answer becomes the same
 * `SUBGRAPH_UNAVAILABLE` error naming it (subgraph-unavailable.ts).
 */
export function subgraphAsker(endpoints: SubgraphEndpoints, fetches: SubgraphFetches): (context: SubgraphCallContext) => AskSubgraph {
  return (context) => async (subgraph, query, variables) => {
    const observe = subgraphCallObserver(subgraph);
    const fetch = fetches.get(subgraph);
    const endpoint = endpoints[subgraph];
    if (!fetch || !endpoint) throw new Error(`no endpoint configured for subgraph "${subgraph}"`);
    let answer: SubgraphAnswer;
    try {
      const response = await fetch(
        endpoint,
        {
          method: 'POST',
          body: JSON.stringify({ query, variables }),
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        },
        context,
      );
      answer = JSON.parse(await response.text()) as SubgraphAnswer;
      if (answer === null || typeof answer !== 'object') throw new Error(`${subgraph} answered something other than a GraphQL response`);
    } catch (error) {
      observe('unavailable', error);
      throw unavailableError(subgraph, error);
    }
    observe(answer.errors?.length ? 'error' : 'ok');
    return answer;
  };
}
