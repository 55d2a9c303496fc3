import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Every answer on /graphql is `Cache-Control: no-store`: it carries personal data, or who may see
 * what, so no cache may keep it. Apollo Server's default cache-control plugin sent the same
 * header (no field of the graph carries a cache hint, so no answer was ever cacheable), but to
 * compute per-field hints it wrapped every resolver of the stitched schema the gateway executes
 * and ran a hook per resolved value: about 2% of the hub's busy time under the dashboard load,
 * plus a promise per asynchronous value. It is switched off, and this plugin sets the header.
 */
export function noStorePlugins(): ApolloServerPlugin[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}
