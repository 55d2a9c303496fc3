import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { CLIENT_ERROR_CODES } from '../errors/hub-errors';
import { requestLogger } from '../telemetry/request-telemetry';

/**
 * Apollo Server 5 does not mask errors: a database error would reach the client with table
 * names in it. Anything not written for the client becomes INTERNAL_SERVER_ERROR, and the
 * original is logged on the server (type, code, scrubbed message, stack frames: see safeError)
 * with an id the client can quote.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const incident = Math.random().toString(36).slice(2, 10);
  requestLogger('hub').error({ incident, err: unwrapResolverError(error) }, 'internal error, masked for the client');
  return {
    message: `Internal error (incident ${incident})`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', incident },
  };
}
