import { isSpanContextValid, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type * as TracingSdk from './tracing-sdk';
import { environment } from '../config/environment';
import { scrubText } from './redaction';

/**
 * OpenTelemetry traces: gateway → subgraph → SQL. Off unless `OTEL_TRACES_EXPORTER` names an
 * exporter (`otlp` or `console`); the OTLP exporter then follows the standard `OTEL_EXPORTER_OTLP_*`
 * variables. `startTracing()` must run before `pg`, `http` and the services are loaded — the hub
 * CLI does it in its first import (`@hub/shared/tracing-first`); anything else can use
 * `node --require @hub/shared/tracing-first`. When tracing is off, nothing but
 * `@opentelemetry/api` is loaded and `withSpan` costs a no-op span.
 *
 * Spans are redacted before they leave the process (tracing-sdk.ts): no query strings, no client
 * addresses or user agents, SQL with its literals replaced, error messages scrubbed.
 */

/** The attributes the hub's own spans may carry: ids from closed vocabularies, and counts. */
export interface HubSpanAttributes {
  'hub.service'?: string;
  'hub.request_id'?: string;
  'hub.operation'?: string;
  'hub.stage'?: string;
  'hub.subgraph'?: string;
  'hub.owner'?: string;
  'hub.rule'?: string;
  'hub.agreement'?: string;
  'hub.purpose'?: string;
  'hub.field'?: string;
  'hub.effect'?: 'allow' | 'deny';
  'hub.outcome'?: string;
  'hub.circuit'?: string;
  'hub.fields.requested'?: number;
  'hub.fields.withheld'?: number;
  'hub.records'?: number;
  'hub.subjects'?: number;
  'hub.cache_hit'?: boolean;
}

const SPAN_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * Runs `fn` in a new span (a child of the current one) and ends it when `fn` returns or its
 * promise settles. An error sets the span's status (type and a scrubbed message) and is rethrown.
 * Names are lower-case dotted (`hub.plan`); attributes are `HubSpanAttributes` only.
 */
export function withSpan<T>(name: string, attributes: HubSpanAttributes, fn: (span: Span) => T): T {
  const spanName = SPAN_NAME.test(name) ? name : 'hub.span';
  return trace.getTracer('partner-hub').startActiveSpan(spanName, { attributes: { ...attributes } }, (span) => {
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      failed(span, error);
      span.end();
      throw error;
    }
    if (result && typeof (result as { then?: unknown }).then === 'function') {
      return (result as unknown as Promise<unknown>).then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          failed(span, error);
          span.end();
          throw error;
        },
      ) as T;
    }
    span.end();
    return result;
  });
}

function failed(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : typeof error;
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? scrubText(error.message, 120) : type });
}

/** The current span's trace id, when tracing is on (for a log line or a response header). */
export function currentTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

export interface TracingOptions {
  /** `service.name`; `OTEL_SERVICE_NAME` wins when set. Default `partner-hub`. */
  serviceName?: string;
  /** Tests: spans go (unbatched) to this exporter, whatever the environment says. */
  exporter?: SpanExporter;
}

export interface RunningTracing {
  readonly serviceName: string;
  readonly instrumentations: Instrumentation[];
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

let running: RunningTracing | undefined;

/**
 * Starts the OpenTelemetry SDK when the environment (or a test's exporter) asks for it; returns
 * undefined when tracing is off. Idempotent: a second call returns the running SDK.
 */
export function startTracing(options: TracingOptions = {}): RunningTracing | undefined {
  if (running) return running;
  const env = environment().tracing;
  if (!options.exporter && !env.enabled) return undefined;
  // Loaded only now: with tracing off, the SDK, its exporters and instrumentations stay unloaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof TracingSdk;
  running = sdk.startSdk({ serviceName: env.serviceName ?? options.serviceName ?? 'partner-hub', exporter: options.exporter, env });
  return running;
}

/** Flushes and stops the SDK (at shutdown, so the last spans are sent). */
export async function shutdownTracing(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.shutdown();
}

export function tracingRunning(): boolean {
  return running !== undefined;
}
