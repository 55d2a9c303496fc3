import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { environment, type LogLevel } from '../config/environment';
import { safeError } from './redaction';

export type { Logger } from 'pino';

/**
 * The hub's structured logs: one JSON object per line (pino), one logger per service
 * (`logger('police')`, its lines carry `service`), child loggers per request carrying
 * `requestId` (see request-telemetry.ts) and, when tracing is on, `traceId`/`spanId`.
 *
 * Nothing personal goes in: messages are constants; values are rule ids, owners, field
 * coordinates, outcomes, counts and durations. Errors pass through `safeError` (no pg `detail`,
 * no query text, quoted values and number runs removed), and any property named like a GraphQL
 * body, variables, headers or a token is replaced by `[redacted]` wherever it is logged.
 */

/** Keys whose values never reach a log line, at the top level or one object down. */
const REDACTED_KEYS = [
  'variables',
  'query',
  'body',
  'data',
  'response',
  'result',
  'headers',
  'authorization',
  'cookie',
  'token',
  'parameters',
  'params',
  'args',
  'arguments',
  'source',
  'detail',
];

type Sink = (line: string) => void;

const taps = new Set<Sink>();
let destination: 'stdout' | 'stderr' = 'stdout';
let echo = true;

/** Everything the hub logs goes through here: to stdout (or stderr), and to any test capture. */
const sink: DestinationStream = {
  write(line: string) {
    for (const tap of taps) tap(line);
    if (echo) (destination === 'stdout' ? process.stdout : process.stderr).write(line);
  },
};

let root: Logger | undefined;
const services = new Map<string, Logger>();

function rootLogger(): Logger {
  root ??= pino(
    {
      level: environment().logLevel,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: safeError, error: safeError },
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
      mixin: traceFields,
    },
    sink,
  );
  return root;
}

/** Joins a log line to its trace when tracing is on (the ids are random, never personal). */
function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : {};
}

/** The logger of one service (`gateway`, `police`, …) or component (`audit`, `embedded-postgres`). */
export function logger(service: string): Logger {
  let found = services.get(service);
  if (!found) {
    found = rootLogger().child({ service });
    services.set(service, found);
  }
  return found;
}

export interface LoggingOptions {
  /** Overrides `HUB_LOG_LEVEL` for every logger, existing ones included. */
  level?: LogLevel;
  /** Commands whose stdout is their answer (a token, an export) log to stderr. */
  destination?: 'stdout' | 'stderr';
}

export function configureLogging(options: LoggingOptions): void {
  if (options.destination) destination = options.destination;
  if (options.level) setLevel(options.level);
}

function setLevel(level: LogLevel): void {
  rootLogger().level = level;
  for (const service of services.values()) service.level = level;
}

export interface CapturedLogs {
  /** The raw lines, exactly as they would have been written. */
  readonly lines: string[];
  /** The lines parsed. */
  records(): Record<string, unknown>[];
  text(): string;
  /** Stops capturing; the level and output are as before. */
  stop(): void;
}

/**
 * For tests: every line any logger writes from now on, at `level` (default `info`), kept in
 * memory and not printed (unless `echo`). Everything this process logs, all services included.
 */
export function captureLogs(options: { level?: LogLevel; echo?: boolean } = {}): CapturedLogs {
  const previous = { level: rootLogger().level as LogLevel, echo };
  const lines: string[] = [];
  const tap: Sink = (line) => void lines.push(line);
  taps.add(tap);
  echo = options.echo ?? false;
  setLevel(options.level ?? 'info');
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
    stop() {
      taps.delete(tap);
      echo = previous.echo;
      setLevel(previous.level);
    },
  };
}
