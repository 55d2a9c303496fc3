import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { databaseNameOf, withDatabaseName, DATABASE_OWNERS, type DatabaseOwner } from '../db/database-url';
import { DEFAULT_METRICS_PORTS, DEFAULT_PORTS, envPrefix, SUBGRAPH_NAMES, type ServiceName, type SubgraphName } from './services';

/**
 * The process environment, parsed once and checked (zod): the only file that reads
 * `process.env` (a lint rule keeps it so). Everything else asks `environment()`, so a
 * misspelt or malformed variable fails at start-up with its name, not deep inside a request,
 * and "what production means" is decided here and nowhere else.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^(postgres|postgresql|https?)$/ });
const httpUrl = z.url({ protocol: /^https?$/ });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** The trace exporters the hub builds itself (so that it can redact spans before they leave). */
export const TRACE_EXPORTERS = ['otlp', 'console', 'none'] as const;
export type TraceExporterName = (typeof TRACE_EXPORTERS)[number];
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** A comma-separated list (the OpenTelemetry convention), each item one of `values`. */
function listOf<T extends string>(values: readonly T[]) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]])))
    .optional();
}
const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', '']))
  .transform((v) => v === 'true' || v === '1')
  .optional();

function perService<T extends z.ZodType>(names: readonly string[], suffix: string, schema: T) {
  return Object.fromEntries(names.map((name) => [`${envPrefix(name)}_${suffix}`, schema.optional()])) as Record<string, z.ZodOptional<T>>;
}

const Schema = z.object({
  NODE_ENV: optionalText,
  HUB_HOST: optionalText,
  HUB_DATA_DIR: optionalText,
  HUB_KEY_DIR: optionalText,
  HUB_PUBLIC_KEY_DIR: optionalText,
  HUB_TRUSTED_ISSUERS_FILE: optionalText,
  HUB_DEMO_SCALE: z.coerce.number().int().positive().optional(),
  HUB_LOG_MIGRATIONS: optionalText,
  HUB_EMBEDDED_WAIT_MS: z.coerce.number().int().positive().optional(),
  HUB_REQUEST_DEADLINE_MS: z.coerce.number().int().positive().optional(),
  HUB_REFERRAL_HOLD_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  HUB_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  HUB_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
  HUB_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  HUB_LOG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  HUB_LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  HUB_METRICS_TOKEN: optionalText,
  HUB_METRICS_HOST: optionalText,
  // Set by Jest in its workers: tests log only warnings unless HUB_LOG_LEVEL says otherwise.
  JEST_WORKER_ID: optionalText,
  // OpenTelemetry's standard variables that the hub reads (the SDK and the OTLP exporters read
  // the rest of theirs, e.g. OTEL_EXPORTER_OTLP_HEADERS, themselves).
  OTEL_SDK_DISABLED: booleanText,
  OTEL_TRACES_EXPORTER: listOf(TRACE_EXPORTERS),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(OTLP_PROTOCOLS).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(OTLP_PROTOCOLS).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_SERVICE_NAME: optionalText,
  DATABASE_URL: url.optional(),
  DATABASE_PASSWORD_FILE: optionalText,
  PGUSER: optionalText,
  PGPASSWORD: optionalText,
  PGHOST: optionalText,
  PGPORT: optionalText,
  ...perService(['gateway', ...SUBGRAPH_NAMES], 'PORT', port),
  ...perService(['gateway', ...SUBGRAPH_NAMES], 'METRICS_PORT', port),
  ...perService(SUBGRAPH_NAMES, 'URL', url),
  ...perService(DATABASE_OWNERS, 'DATABASE_URL', url),
  ...perService(DATABASE_OWNERS, 'DATABASE_PASSWORD_FILE', optionalText),
});

export interface Environment {
  /** `NODE_ENV=production`: no dev issuer, no introspection, no field suggestions. */
  production: boolean;
  /** The interface services listen on. */
  host: string;
  ports: Record<ServiceName, number>;
  /** Where the gateway finds each subgraph (`POLICE_URL`, …), or localhost on its port. */
  subgraphUrls: Record<SubgraphName, string>;
  /**
   * A database per owner when configured (`POLICE_DATABASE_URL`, or `DATABASE_URL` as a server and
   * base name), with the password from `POLICE_DATABASE_PASSWORD_FILE` or `DATABASE_PASSWORD_FILE`
   * (a container secret) when one is given.
   */
  databaseUrls: Partial<Record<DatabaseOwner, string>>;
  /** The server tests use: `DATABASE_URL`, else `PG*`, else 127.0.0.1:5432. */
  testServerUrl: string;
  dataDir: string | undefined;
  keyDir: string | undefined;
  publicKeyDir: string | undefined;
  trustedIssuersFile: string | undefined;
  /** Whether the development identity provider's tokens are trusted (never in production, only on loopback). */
  devIssuerTrusted: boolean;
  demoScale: number;
  logMigrations: boolean;
  /** How long a connection to embedded PostgreSQL waits for the one backend before a clear error. */
  embeddedWaitMs: number | undefined;
  /** Every subgraph call of a request is aborted this long after the request arrived. */
  requestDeadlineMs: number;
  /** How long a referral holds a place at the service before it is released unanswered (default 72 h). */
  referralHoldHours: number;
  /** Bounded waits on PostgreSQL: connecting, one statement (lock waits included), an idle transaction. */
  db: { connectTimeoutMs: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number; logStatementTimeoutMs: number };
  /** `HUB_LOG_LEVEL`; default `info`, and `warn` inside Jest so test output stays readable. */
  logLevel: LogLevel;
  /** Whether `HUB_LOG_LEVEL` was given (tools that print results lower the default, never a chosen level). */
  logLevelChosen: boolean;
  /** `HUB_METRICS_TOKEN`: when set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /**
   * Where each service serves `/metrics`: its own listener, never the public port
   * (`HUB_METRICS_HOST`, default loopback; `GATEWAY_METRICS_PORT`, `POLICE_METRICS_PORT`, …).
   */
  metrics: { host: string; ports: Record<ServiceName, number> };
  tracing: TracingEnvironment;
}

/**
 * OpenTelemetry tracing, from the standard variables. Off unless `OTEL_TRACES_EXPORTER` names an
 * exporter (the SDK's own default would be `otlp`: the hub sends nothing anywhere unless asked).
 */
export interface TracingEnvironment {
  enabled: boolean;
  exporters: Exclude<TraceExporterName, 'none'>[];
  /** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf`. */
  protocol: OtlpProtocol;
  /** `OTEL_SERVICE_NAME`, when set: it overrides the name each process picks. */
  serviceName: string | undefined;
}

/** Parses an environment: a bad value throws, naming the variable. */
export function environmentFrom(source: Record<string, string | undefined>): Environment {
  const parsed = Schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid environment: ${problems.join('; ')}`);
  }
  const env = parsed.data as z.infer<typeof Schema> & Record<string, unknown>;
  const production = env.NODE_ENV === 'production';
  const ports = Object.fromEntries(
    (['gateway', ...SUBGRAPH_NAMES] as const).map((s) => [s, (env[`${envPrefix(s)}_PORT`] as number | undefined) ?? DEFAULT_PORTS[s]]),
  ) as Record<ServiceName, number>;
  const metricsPorts = Object.fromEntries(
    (['gateway', ...SUBGRAPH_NAMES] as const).map((s) => [
      s,
      (env[`${envPrefix(s)}_METRICS_PORT`] as number | undefined) ?? DEFAULT_METRICS_PORTS[s],
    ]),
  ) as Record<ServiceName, number>;
  for (const s of ['gateway', ...SUBGRAPH_NAMES] as const) {
    // One port for both would put the metrics back where partner users reach them.
    if (metricsPorts[s] !== 0 && metricsPorts[s] === ports[s])
      throw new Error(`invalid environment: ${envPrefix(s)}_METRICS_PORT: must differ from ${envPrefix(s)}_PORT (${ports[s]})`);
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((s) => [s, (env[`${envPrefix(s)}_URL`] as string | undefined) ?? `http://127.0.0.1:${ports[s]}/graphql`]),
  ) as Record<SubgraphName, string>;
  const databaseUrls: Partial<Record<DatabaseOwner, string>> = {};
  for (const owner of DATABASE_OWNERS) {
    const url = databaseUrlOf(owner, env.DATABASE_URL, env[`${envPrefix(owner)}_DATABASE_URL`] as string | undefined);
    if (!url) continue;
    const passwordVariable = env[`${envPrefix(owner)}_DATABASE_PASSWORD_FILE`]
      ? `${envPrefix(owner)}_DATABASE_PASSWORD_FILE`
      : 'DATABASE_PASSWORD_FILE';
    const passwordFile = env[passwordVariable] as string | undefined;
    databaseUrls[owner] = passwordFile ? withPassword(url, readSecret(passwordVariable, passwordFile)) : url;
  }
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : '';
  return {
    production,
    host: env.HUB_HOST ?? '127.0.0.1',
    ports,
    subgraphUrls,
    databaseUrls,
    testServerUrl:
      env.DATABASE_URL ?? `postgres://${env.PGUSER ?? 'postgres'}${password}@${env.PGHOST ?? '127.0.0.1'}:${env.PGPORT ?? '5432'}/postgres`,
    dataDir: env.HUB_DATA_DIR,
    keyDir: env.HUB_KEY_DIR,
    publicKeyDir: env.HUB_PUBLIC_KEY_DIR,
    trustedIssuersFile: env.HUB_TRUSTED_ISSUERS_FILE,
    // The development issuer asks for no password (the console's demo sign-in mints any demo
    // user's token), so it is trusted only outside production and only where nobody else can
    // reach the hub: a hub listening beyond loopback without NODE_ENV=production trusts no dev token.
    devIssuerTrusted: !production && isLoopback(env.HUB_HOST ?? '127.0.0.1'),
    demoScale: env.HUB_DEMO_SCALE ?? 500,
    logMigrations: Boolean(env.HUB_LOG_MIGRATIONS),
    embeddedWaitMs: env.HUB_EMBEDDED_WAIT_MS,
    requestDeadlineMs: env.HUB_REQUEST_DEADLINE_MS ?? 5_000,
    referralHoldHours: env.HUB_REFERRAL_HOLD_HOURS ?? 72,
    db: {
      connectTimeoutMs: env.HUB_DB_CONNECT_TIMEOUT_MS ?? 2_000,
      statementTimeoutMs: env.HUB_DB_STATEMENT_TIMEOUT_MS ?? 15_000,
      idleInTransactionTimeoutMs: env.HUB_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 30_000,
      // Responses wait for their records: a log that cannot commit must fail closed well inside the deadline.
      logStatementTimeoutMs: env.HUB_LOG_STATEMENT_TIMEOUT_MS ?? 2_000,
    },
    logLevel: env.HUB_LOG_LEVEL ?? (env.JEST_WORKER_ID ? 'warn' : 'info'),
    logLevelChosen: env.HUB_LOG_LEVEL !== undefined,
    metricsToken: env.HUB_METRICS_TOKEN,
    metrics: { host: env.HUB_METRICS_HOST ?? '127.0.0.1', ports: metricsPorts },
    tracing: tracingFrom(env),
  };
}

function tracingFrom(env: z.infer<typeof Schema>): TracingEnvironment {
  const named = env.OTEL_TRACES_EXPORTER ?? [];
  const exporters = named.includes('none') ? [] : [...new Set(named.filter((e) => e !== 'none'))];
  return {
    enabled: !env.OTEL_SDK_DISABLED && exporters.length > 0,
    exporters: exporters as TracingEnvironment['exporters'],
    protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: env.OTEL_SERVICE_NAME,
  };
}

let parsed: Environment | undefined;

/** This process's environment, parsed on first use. */
export function environment(): Environment {
  parsed ??= environmentFrom(process.env);
  return parsed;
}

/**
 * `POLICE_DATABASE_URL` (etc.) names a database exactly. `DATABASE_URL` names a server and a base
 * name: each owner gets its own database `<base>_<owner>`, so partners never share one.
 */
function databaseUrlOf(owner: DatabaseOwner, base: string | undefined, exact: string | undefined): string | undefined {
  if (exact) return exact;
  if (!base) return undefined;
  return withDatabaseName(base, `${databaseNameOf(base) || 'partnerhub'}_${owner.replace(/-/g, '_')}`);
}

/** A URL with this password in it (the file's password wins over one written in the URL). */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * A secret mounted as a file (`/run/secrets/...`, a Kubernetes Secret volume): its text without
 * the trailing newline an editor or `echo` leaves. A missing or empty file fails start-up, naming
 * the variable, rather than connecting without a password.
 */
function readSecret(variable: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`invalid environment: ${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new Error(`invalid environment: ${variable}: ${file} is empty`);
  return secret;
}

/** The port a service listens on: `POLICE_PORT=...` overrides the default. */
export function servicePort(service: ServiceName): number {
  return environment().ports[service];
}

/** The port a service serves `/metrics` on: `POLICE_METRICS_PORT=...` overrides the default. */
export function metricsPort(service: ServiceName): number {
  return environment().metrics.ports[service];
}

/** Where the gateway finds a subgraph: `POLICE_URL=...` overrides localhost. */
export function subgraphUrl(service: SubgraphName): string {
  return environment().subgraphUrls[service];
}

/** One owner's database, or undefined when none is configured (the caller then embeds PostgreSQL). */
export function databaseUrlFor(owner: DatabaseOwner): string | undefined {
  return environment().databaseUrls[owner];
}

/** 127.0.0.0/8, ::1 and localhost: addresses nobody but this machine reaches. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
