import { diag, DiagLogLevel, SpanKind, type Attributes, type AttributeValue } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingEnvironment } from '../config/environment';
import { logger } from './logger';
import { scrubSql, scrubText } from './redaction';
import type { RunningTracing } from './tracing';

/**
 * The OpenTelemetry SDK, loaded only when tracing is on (tracing.ts). Instrumentations: http
 * (server spans on every service, W3C trace context read from the gateway's calls; and the
 * gateway's calls to the subgraphs, made with Node's http client, trace context injected), undici
 * (what still uses the global fetch: probes, identity providers' keys) and pg (SQL spans, no
 * parameters).
 */

/** Probes and scrapes: not worth a trace each. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function startSdk(options: { serviceName: string; exporter?: SpanExporter; env: TracingEnvironment }): RunningTracing {
  const log = logger('tracing');
  diag.setLogger(
    {
      error: (message) => log.error({ reason: scrubText(message) }, 'OpenTelemetry error'),
      warn: (message) => log.warn({ reason: scrubText(message) }, 'OpenTelemetry warning'),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const instrumentations: Instrumentation[] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.url)),
      ignoreOutgoingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.path ?? undefined)),
    }),
    new UndiciInstrumentation({
      ignoreRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.path)),
      requireParentforSpans: true,
    }),
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
  ];
  const processors: SpanProcessor[] = options.exporter
    ? [new SimpleSpanProcessor(new RedactingExporter(options.exporter))]
    : exportersFor(options.env).map((exporter) =>
        exporter instanceof ConsoleSpanExporter
          ? new SimpleSpanProcessor(new RedactingExporter(exporter))
          : new BatchSpanProcessor(new RedactingExporter(exporter)),
      );
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    instrumentations,
    // Traces only: the hub's metrics are Prometheus (`/metrics`), its logs pino.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  log.info({ exporters: options.exporter ? ['test'] : options.env.exporters, protocol: options.env.protocol }, 'tracing on');
  return {
    serviceName: options.serviceName,
    instrumentations,
    forceFlush: async () => void (await Promise.all(processors.map((p) => p.forceFlush()))),
    shutdown: () => sdk.shutdown(),
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

function exportersFor(env: TracingEnvironment): SpanExporter[] {
  return env.exporters.map((name) => {
    if (name === 'console') return new ConsoleSpanExporter();
    // The exporters read OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, _HEADERS, _TIMEOUT, _COMPRESSION themselves.
    if (env.protocol === 'grpc') return new OtlpGrpcExporter();
    if (env.protocol === 'http/json') return new OtlpJsonExporter();
    return new OtlpProtoExporter();
  });
}

/**
 * Every span passes through here before any exporter sees it: what instrumentations record
 * about a request that could identify a person, or carry a value, is removed or scrubbed.
 */
export class RedactingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.map(redactSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** URLs: the path only (a GET's query string carries the GraphQL operation and its variables). */
const URL_KEYS = new Set(['http.url', 'url.full', 'http.target', 'url.path']);
/** Dropped from every span. */
const DROPPED_KEYS = new Set(['url.query', 'http.user_agent', 'user_agent.original', 'http.client_ip', 'enduser.id']);
/** On a server span these are the caller's: dropped. (On a client span they name our own partner or database.) */
const CALLER_KEYS = new Set([
  'client.address',
  'client.port',
  'net.peer.ip',
  'net.peer.port',
  'net.sock.peer.addr',
  'net.sock.peer.port',
  'network.peer.address',
  'network.peer.port',
]);
const SQL_KEYS = new Set(['db.statement', 'db.query.text']);

export function redactAttributes(attributes: Attributes, kind: SpanKind): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || DROPPED_KEYS.has(key) || key.startsWith('http.request.header.') || key.startsWith('http.response.header.'))
      continue;
    if (kind === SpanKind.SERVER && CALLER_KEYS.has(key)) continue;
    out[key] = redactValue(key, value);
  }
  return out;
}

function redactValue(key: string, value: AttributeValue): AttributeValue {
  if (typeof value !== 'string') return value;
  if (URL_KEYS.has(key)) return value.split('?')[0]!;
  if (SQL_KEYS.has(key)) return scrubSql(value);
  if (key.startsWith('hub.') || key.startsWith('db.') || key.startsWith('http.') || key.startsWith('server.') || key.startsWith('net.'))
    return value;
  return scrubText(value, 200);
}

function redactSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    attributes: { value: redactAttributes(span.attributes, span.kind), enumerable: true },
    status: {
      value: span.status.message ? { ...span.status, message: scrubText(span.status.message, 120) } : span.status,
      enumerable: true,
    },
    events: {
      value: span.events.map((event) => ({
        ...event,
        attributes: event.attributes && redactEventAttributes(event.attributes),
      })),
      enumerable: true,
    },
  }) as ReadableSpan;
}

/** Exception events: the type and the stack's frames stay; the message is scrubbed. */
function redactEventAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'exception.stacktrace' && typeof value === 'string') {
      out[key] = value
        .split('\n')
        .filter((line) => line.startsWith('    at '))
        .join('\n');
    } else if (typeof value === 'string' && key !== 'exception.type') out[key] = scrubText(value, 200);
    else out[key] = value;
  }
  return out;
}
