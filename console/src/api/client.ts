import { Client, fetchExchange } from 'urql';
import { sessionStore } from '../auth/session';
import { checkpointHeaders } from '../checkpoint/checkpoint';
import { checkpointStore } from '../checkpoint/checkpoint-store';

/**
 * The console's GraphQL client (urql) on the hub's own `/graphql`. No cache exchange: every view
 * of personal data is asked for afresh, decided under the current purpose and recorded; nothing
 * personal is kept in the page beyond what is on screen, and a result can never be served from a
 * cache filled under another purpose (urql keys its cache on the query, not on the headers).
 */
export function createHubClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    // POST with JSON: never a query or a subject reference in a URL (logs, history), and no CSRF preflight needed.
    preferGetMethod: false,
    fetchOptions: () => {
      const session = sessionStore.get();
      return {
        credentials: 'omit',
        headers: {
          ...(session ? { authorization: `Bearer ${session.token}` } : {}),
          ...checkpointHeaders(checkpointStore.get().checkpoint),
        },
      };
    },
  });
}
