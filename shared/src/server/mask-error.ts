import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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
  const request = apolloRequestError(error);
  if (request) return { message: request, extensions: { code: 'BAD_REQUEST' } };
  const told = clientErrorAggregated(error);
  if (told) return { message: told.message, path: formatted.path, locations: formatted.locations, extensions: { code: told.code } };
  const incident = Math.random().toString(36).slice(2, 10);
  requestLogger('hub').error({ incident, err: unwrapResolverError(error) }, 'internal error, masked for the client');
  return {
    message: `Internal error (incident ${incident})`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', incident },
  };
}

/**
 * Apollo Server's own refusals of an HTTP request that it gives no code, only a 4xx status (a
 * persisted query's hash that does not match its text: "provided sha does not match query").
 * Written for the client, about the request alone, so told as a bad request rather than masked
 * as an internal error (red team, 1 December). Anything the hub or a partner raises has a code.
 */
function apolloRequestError(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions.code !== undefined) return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? error.message : undefined;
}

/**
 * A root field several partners answer (`stats`) fails in each of them with the same error
 * written for the client (a period that has not ended): the stitching layer hands them over as
 * one AggregateError. Tell the client that error once, rather than an internal one.
 */
function clientErrorAggregated(error: unknown): { message: string; code: string } | undefined {
  let cause: unknown = error;
  while (cause instanceof GraphQLError && cause.originalError && cause.originalError !== cause) cause = cause.originalError;
  if (!(cause instanceof AggregateError) || cause.errors.length === 0) return undefined;
  const inner = cause.errors.map((e: unknown) =>
    e instanceof GraphQLError ? { message: e.message, code: e.extensions?.code } : undefined,
  );
  const first = inner[0];
  if (!first || typeof first.code !== 'string' || !CLIENT_ERROR_CODES.has(first.code)) return undefined;
  if (!inner.every((e) => e?.code === first.code)) return undefined;
  return { message: first.message, code: first.code };
}
