import { SubgraphUnavailableError, type PlaceAnswer, type PlaceRequest } from '@hub/shared';
import type { HubContext } from '../../pipeline/hub-context';

/** How long the hub waits for a partner's places before calling the partner down (within the request's deadline). */
const PLACES_TIMEOUT_MS = 4_000;

/**
 * Asks the partner that runs a service about its places (shared referrals/place-holds.ts): POST
 * beside its GraphQL endpoint, with the gateway-signed token minted for this request and this
 * partner, as for any subgraph call. A partner that does not answer, or answers with anything but
 * a place answer, is reported as down: the caller then holds, records and changes nothing.
 */
export async function askPlaces(context: HubContext, partner: string, request: PlaceRequest): Promise<PlaceAnswer> {
  const endpoint = context.endpoints[partner];
  const token = context.subgraphTokens[partner];
  if (!endpoint || !token) throw new SubgraphUnavailableError(partner);
  let response: Response;
  try {
    response = await fetch(endpoint.replace(/\/graphql$/, '/referral-places'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
      signal: AbortSignal.any([context.deadline, AbortSignal.timeout(PLACES_TIMEOUT_MS)]),
    });
  } catch {
    throw new SubgraphUnavailableError(partner, context.deadline.aborted ? 'deadline' : 'down');
  }
  if (!response.ok) throw new SubgraphUnavailableError(partner);
  const answer = (await response.json().catch(() => null)) as PlaceAnswer | null;
  if (!answer || typeof answer.outcome !== 'string') throw new SubgraphUnavailableError(partner);
  return answer;
}
