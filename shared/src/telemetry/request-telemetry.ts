import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { isPurpose } from '../config/purposes';
import type { ServiceName } from '../config/services';
import { logger, type Logger } from './logger';
import { RECORD_CONDITION_LABEL, recordDecision, recordRequest, recordWithheld, REQUEST_OUTCOMES } from './metrics';
import type { DecisionEffect, RequestOutcome } from './metrics';

/**
 * One HTTP request to a hub service, as telemetry sees it: its id, its operation, what the
 * policy decided, how it ended. `serviceTelemetry(service)` (Express) opens one per request and,
 * when the response is done, writes ONE log line for a GraphQL request and counts it in
 * `hub_requests_total`; code handling the request reaches it with `currentRequest()`.
 */
export class RequestTelemetry {
  private readonly started = performance.now();
  private childLog: Logger | undefined;
  private operationName: string | null | undefined;
  private operationDigest: string | undefined;
  private purpose: string | undefined;
  private outcome: RequestOutcome | undefined;
  private readonly decisions = { allow: 0, deny: 0 };
  private readonly withheldByRule: Record<string, number> = {};
  private finished = false;
  /** The trace context the request arrived in: its line is written under it, whichever callback ends it. */
  private readonly traceContext = context.active();

  constructor(
    readonly service: ServiceName,
    private id: string,
  ) {}

  /** The request id: the gateway's own; in a subgraph, the gateway's (from its signed token). */
  get requestId(): string {
    return this.id;
  }

  /** This service's logger with `requestId` on every line. */
  get log(): Logger {
    this.childLog ??= logger(this.service).child({ requestId: this.id });
    return this.childLog;
  }

  /** A subgraph adopts the gateway's request id once the gateway's token is verified. */
  bindRequestId(requestId: string): void {
    if (!REQUEST_ID.test(requestId) || requestId === this.id) return;
    this.id = requestId;
    this.childLog = undefined;
    trace.getActiveSpan()?.setAttribute('hub.request_id', requestId);
  }

  /**
   * The operation's name and Apollo's `queryHash`. The hash is logged only keyed with a secret
   * this process never writes down: a plain hash of a query with a subject reference typed into it
   * could be matched against every reference.
   */
  setOperation(name: string | null | undefined, queryHash?: string): void {
    this.operationName = name;
    if (queryHash) this.operationDigest = createHmac('sha256', DIGEST_KEY).update(queryHash).digest('hex').slice(0, 16);
    trace.getActiveSpan()?.setAttribute('hub.operation', safeName(name));
  }

  /** The purpose the request was made under (a vocabulary value; anything else is ignored). */
  setPurpose(purpose: string | null | undefined): void {
    if (purpose && isPurpose(purpose)) this.purpose = purpose;
  }

  /** A policy decision on `count` field occurrences (metrics by rule; the log line has the totals). */
  decided(rule: string, effect: DecisionEffect, count = 1): void {
    recordDecision(rule, effect, count);
    if (count > 0) this.decisions[effect] += count;
  }

  /** `count` fields withheld by `rule` (metrics and this request's log line). */
  withheld(rule: string, count = 1): void {
    recordWithheld(rule, count);
    if (count > 0) this.tally(rule, count);
  }

  /**
   * Values withheld on their records' data (phase 2), one rule per value: counted in the metrics under
   * `record-condition`, not the rule, so that no counter says which condition a record met; the
   * request's log line (operators only) keeps the rule. A request's values are counted together:
   * a dashboard withholds dozens, and each labelled increment costs prom-client a hash of its labels.
   */
  withheldOnRecords(rules: readonly string[]): void {
    if (rules.length === 0) return;
    recordDecision(RECORD_CONDITION_LABEL, 'deny', rules.length);
    recordWithheld(RECORD_CONDITION_LABEL, rules.length);
    this.decisions.deny += rules.length;
    for (const rule of rules) this.tally(rule, 1);
  }

  /** This request's log line, by rule (a malformed rule id as `invalid`). */
  private tally(rule: string, count: number): void {
    const key = RULE.test(rule) ? rule : 'invalid';
    this.withheldByRule[key] = (this.withheldByRule[key] ?? 0) + count;
  }

  /** How the request ended; without it, the HTTP status decides (below 400 ok, 4xx refused, 5xx failed). */
  setOutcome(outcome: RequestOutcome): void {
    if ((REQUEST_OUTCOMES as readonly string[]).includes(outcome)) this.outcome = outcome;
  }

  /** Called by the middleware when the response is sent (or the client went away). */
  finish(status: number, aborted: boolean, graphql: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const seconds = (performance.now() - this.started) / 1000;
    try {
      context.with(this.traceContext, () => this.write(status, aborted, graphql, seconds));
    } catch (error) {
      // Runs on the response's `finish` event, where a throw would end the process: the response
      // is already sent, so a fault in measuring it is logged, never fatal.
      this.log.error({ err: error }, 'request telemetry failed');
    }
  }

  private write(status: number, aborted: boolean, graphql: boolean, seconds: number): void {
    const durationMs = Math.round(seconds * 10_000) / 10;
    if (!graphql) {
      this.log.debug({ status, durationMs }, 'http request');
      return;
    }
    const outcome: RequestOutcome = aborted ? 'aborted' : (this.outcome ?? (status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed'));
    recordRequest(this.service, this.operationName, outcome, seconds);
    const withheld = Object.keys(this.withheldByRule).length > 0 ? { withheld: this.withheldByRule } : {};
    const decided = this.decisions.allow + this.decisions.deny > 0 ? { decisions: this.decisions } : {};
    this.log.info(
      {
        operation: safeName(this.operationName),
        ...(this.operationDigest && { operationDigest: this.operationDigest }),
        ...(this.purpose && { purpose: this.purpose }),
        outcome,
        status,
        durationMs,
        ...decided,
        ...withheld,
      },
      'request',
    );
  }
}

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;
const RULE = /^[A-Za-z0-9][A-Za-z0-9_.:@#-]{0,63}$/;
const DIGEST_KEY = randomBytes(32);

function safeName(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return /^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) ? name : 'invalid';
}

const scope = new AsyncLocalStorage<RequestTelemetry>();

/** The request being handled, from anywhere in its asynchronous flow (undefined outside one). */
export function currentRequest(): RequestTelemetry | undefined {
  return scope.getStore();
}

/** The logger for the current request, or the service's logger outside one. */
export function requestLogger(service: string): Logger {
  return currentRequest()?.log ?? logger(service);
}

/**
 * Express middleware for one service, mounted before its routes: a request id
 * on every request (`x-request-id`, set on the request for later stages and on the response),
 * the request's telemetry in scope, and one log line and one count per `/graphql` request.
 * `/metrics` is 404 here: metrics are served on the service's metrics port alone
 * (`listenMetrics`), since their counters tell what records held.
 *
 * The gateway makes a new id for every request (a client's `x-request-id` is not trusted); a
 * subgraph starts with the gateway's header, if it looks like an id, and takes the id in the
 * gateway's signed token once verified (`currentRequest()?.bindRequestId(...)`).
 */
export function serviceTelemetry(service: ServiceName): RequestHandler {
  return (req, res, next) => {
    // Answered here, before any later catch-all (the console's pages) could answer it otherwise;
    // `/metrics/` and `/METRICS` too, as Express's own routing would match them.
    if (/^\/metrics\/?$/i.test(req.path)) return void res.status(404).end();
    const offered = service === 'gateway' ? undefined : req.headers['x-request-id'];
    const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
    const telemetry = new RequestTelemetry(service, id);
    req.headers['x-request-id'] = id;
    res.setHeader('x-request-id', id);
    const graphql = req.path === '/graphql';
    const span = trace.getActiveSpan();
    span?.setAttributes({ 'hub.service': service, 'hub.request_id': id });
    if (graphql) span?.updateName(`${req.method} /graphql`).setAttribute('http.route', '/graphql');
    res.once('finish', () => telemetry.finish(res.statusCode, false, graphql));
    res.once('close', () => telemetry.finish(res.statusCode, !res.writableFinished, graphql));
    scope.run(telemetry, next);
  };
}

const SERVER_SIDE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE']);

/**
 * A GraphQL result's outcome: `ok` without errors, `partial` with data and errors (withheld
 * fields, a partner down), else `failed` when an error is the hub's (internal, log or store or
 * partner unavailable) and `refused` when it is the request's (authentication, purpose, input).
 */
export function outcomeOf(result: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] | null }): RequestOutcome {
  const errors = result.errors ?? [];
  if (errors.length === 0) return 'ok';
  const data = result.data;
  if (data && typeof data === 'object' && Object.values(data).some((v) => v !== null && v !== undefined)) return 'partial';
  return errors.some((e) => {
    const code = e.extensions?.code;
    return typeof code !== 'string' || SERVER_SIDE_CODES.has(code);
  })
    ? 'failed'
    : 'refused';
}

/**
 * An Apollo Server plugin that tells the current request's telemetry its operation name, query
 * hash and outcome. Subgraphs use it; the gateway's pipeline may add it to its ApolloServer too
 * (it sees parse and validation failures, which never reach the executor).
 */
export function graphqlTelemetryPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const telemetry = currentRequest();
      if (!telemetry) return;
      return {
        async didResolveOperation({ operationName, queryHash }) {
          telemetry.setOperation(operationName, queryHash);
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') telemetry.setOutcome(outcomeOf(response.body.singleResult));
        },
      };
    },
  };
}
