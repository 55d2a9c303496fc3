import { GraphQLError } from 'graphql';

/**
 * The errors the hub writes for its clients, one class per code: each knows its code and the
 * HTTP status it answers with, and its message is written to be shown. Anything else is masked
 * (mask-error.ts derives its allow-list from these classes). Nothing recognises an error by its
 * message text.
 */
export abstract class HubError extends GraphQLError {
  constructor(message: string, code: string, status: number | undefined, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code, ...(status ? { http: { status } } : {}) } });
  }
}

type HubErrorClass = { readonly code: string };

/**
 * The request is wrong: an argument, a variable, the operation. Raised before execution it answers
 * 400 (`{ status: 400 }`); raised by a field it rides beside the rest of the data.
 */
export class BadUserInputError extends HubError {
  static readonly code = 'BAD_USER_INPUT';
  constructor(message: string, options: { status?: 400; extensions?: Record<string, unknown> } = {}) {
    super(message, BadUserInputError.code, options.status, options.extensions);
  }
}

/** 400: a malformed request header or HTTP request. */
export class BadRequestError extends HubError {
  static readonly code = 'BAD_REQUEST';
  constructor(message: string) {
    super(message, BadRequestError.code, 400);
  }
}

/** 401: who is asking could not be established. */
export class UnauthenticatedError extends HubError {
  static readonly code = 'UNAUTHENTICATED';
  constructor(message: string) {
    super(message, UnauthenticatedError.code, 401);
  }
}

/**
 * A field (or a whole operation) the agreements do not share with this requester. At a field it
 * rides beside partial data (HTTP 200); for a refused operation it answers 403.
 */
export class ForbiddenError extends HubError {
  static readonly code = 'FORBIDDEN';
  constructor(message: string, extensions: Record<string, unknown> = {}, status?: number) {
    super(message, ForbiddenError.code, status, extensions);
  }
}

/** 409: the record changed under the request (a part already decided by someone else). Nothing was written. */
export class ConflictError extends HubError {
  static readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message, ConflictError.code, 409);
  }
}

/** 503: a part of the hub that personal data depends on (the registry, the store) is not answering. */
export class ServiceUnavailableError extends HubError {
  static readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message: string) {
    super(message, ServiceUnavailableError.code, 503);
  }
}

/** 503: the disclosure log cannot record the response, so no personal data leaves. */
export class AuditUnavailableError extends HubError {
  static readonly code = 'AUDIT_UNAVAILABLE';
  constructor(message: string) {
    super(message, AuditUnavailableError.code, 503);
  }
}

/** A partner's service did not answer (or not in time): its part is null, at every path it would have filled. */
export class SubgraphUnavailableError extends HubError {
  static readonly code = 'SUBGRAPH_UNAVAILABLE';
  constructor(subgraph: string, why: 'down' | 'deadline' | 'circuit-open' | 'inconsistent' = 'down') {
    const message = {
      down: `The ${subgraph} service did not answer; its part of this response is missing.`,
      inconsistent: `The ${subgraph} service answered other than it was asked; its part of this response is missing.`,
      deadline: `The ${subgraph} service did not answer in time; its part of this response is missing.`,
      'circuit-open': `The ${subgraph} service is not answering (checked again shortly); its part of this response is missing.`,
    }[why];
    super(message, SubgraphUnavailableError.code, undefined, { subgraph, reason: why });
  }
}

/** Every code a client may see as written: the hub's own, and GraphQL's and Apollo's request errors. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ...(
    [
      BadUserInputError,
      BadRequestError,
      UnauthenticatedError,
      ForbiddenError,
      ConflictError,
      ServiceUnavailableError,
      AuditUnavailableError,
      SubgraphUnavailableError,
    ] as HubErrorClass[]
  ).map((c) => c.code),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);
