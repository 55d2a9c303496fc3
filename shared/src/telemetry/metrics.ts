import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SUBGRAPH_NAMES, type ServiceName } from '../config/services';

/**
 * The hub's Prometheus metrics: one registry per process, with Node's default process metrics
 * and the hub's own, declared here once (names, labels, help). Label values come only from
 * closed, non-personal vocabularies — services, subgraphs, outcomes, effects, rule ids,
 * operation names, pool labels — and each open one (rules, operations, pools) is checked
 * against a pattern and capped, so no client can mint series (or smuggle a value into one).
 *
 * Callers record through the functions below, never through the prom-client objects.
 */

/** How a GraphQL request ended. */
export const REQUEST_OUTCOMES = ['ok', 'partial', 'refused', 'failed', 'aborted'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];
export const DECISION_EFFECTS = ['allow', 'deny'] as const;
export type DecisionEffect = (typeof DECISION_EFFECTS)[number];
/** How one gateway → subgraph call ended: answered, answered with errors, or not at all. */
export const SUBGRAPH_OUTCOMES = ['ok', 'error', 'unavailable'] as const;
export type SubgraphOutcome = (typeof SUBGRAPH_OUTCOMES)[number];
export const CIRCUIT_STATES = ['closed', 'half_open', 'open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];
export const LOG_FAILURE_STAGES = ['hash', 'connect', 'commit'] as const;
export type LogFailureStage = (typeof LOG_FAILURE_STAGES)[number];
/** The gateway's request pipeline, in order (gateway/src/pipeline): declared here, where its metric is. */
export const GATEWAY_STAGES = ['authenticate', 'read-state', 'plan', 'execute', 'account', 'respond'] as const;
export type GatewayStage = (typeof GATEWAY_STAGES)[number];

/** Distinct values an open label may take before further ones are counted as `other`. */
export const LABEL_CAP = { rule: 200, operation: 100, pool: 20 } as const;

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@#-]{0,63}$/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const POOL_LABEL = /^[a-z][a-z0-9_-]{0,31}$/;

class Vocabulary {
  private readonly seen = new Set<string>();
  constructor(
    private readonly pattern: RegExp,
    private readonly cap: number,
  ) {}

  label(value: string | null | undefined, empty = 'none'): string {
    if (value === null || value === undefined || value === '') return empty;
    if (!this.pattern.test(value)) return 'invalid';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.cap) return 'other';
    this.seen.add(value);
    return value;
  }
}

function oneOf<T extends string>(values: readonly T[], value: string): T | 'other' {
  return (values as readonly string[]).includes(value) ? (value as T) : 'other';
}

export interface HubMetrics {
  registry: Registry;
  requests: Counter<'service' | 'operation' | 'outcome'>;
  requestSeconds: Histogram<'service' | 'outcome'>;
  stageSeconds: Histogram<'stage'>;
  decisions: Counter<'rule' | 'effect'>;
  withheldFields: Counter<'rule'>;
  logBatchRecords: Histogram;
  logBatchRequests: Histogram;
  logCommitSeconds: Histogram;
  logFailures: Counter<'stage'>;
  subgraphSeconds: Histogram<'subgraph' | 'outcome'>;
  subgraphErrors: Counter<'subgraph' | 'outcome'>;
  executions: Counter<'core'>;
  completions: Counter<'by'>;
  subgraphUp: Gauge<'subgraph'>;
  circuitState: Gauge<'subgraph'>;
  circuitTransitions: Counter<'subgraph' | 'state'>;
  poolConnections: Gauge<'pool' | 'state'>;
}

let created: HubMetrics | undefined;
const vocabularies = {
  rule: new Vocabulary(RULE_ID, LABEL_CAP.rule),
  operation: new Vocabulary(GRAPHQL_NAME, LABEL_CAP.operation),
  pool: new Vocabulary(POOL_LABEL, LABEL_CAP.pool),
};
const pools = new Map<Pool, string>();

/** This process's registry and the hub's metrics, created on first use. */
export function hubMetrics(): HubMetrics {
  created ??= declareMetrics();
  return created;
}

function declareMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const latency = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    requests: new Counter({
      name: 'hub_requests_total',
      help: 'GraphQL requests served, by service, operation name (capped; `anonymous`, `other`) and outcome (ok, partial, refused, failed, aborted).',
      labelNames: ['service', 'operation', 'outcome'],
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'hub_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by service and outcome.',
      labelNames: ['service', 'outcome'],
      buckets: latency,
      registers,
    }),
    stageSeconds: new Histogram({
      name: 'hub_gateway_stage_seconds',
      help:
        "Time in each stage of the gateway's request pipeline (authenticate, read-state, plan, execute, account, respond). " +
        "`account` is shaping the response and waiting for its disclosure records' commit; `execute` the partners' answers.",
      labelNames: ['stage'],
      // Finer at the low end than request latency: most stages take well under 5 ms.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    decisions: new Counter({
      name: 'hub_policy_decisions_total',
      help: 'Policy decisions on field occurrences, by agreement rule id (or hub condition) and effect (allow, deny).',
      labelNames: ['rule', 'effect'],
      registers,
    }),
    withheldFields: new Counter({
      name: 'hub_withheld_fields_total',
      help: 'Fields withheld from responses, by the rule that withheld them.',
      labelNames: ['rule'],
      registers,
    }),
    logBatchRecords: new Histogram({
      name: 'hub_disclosure_log_batch_records',
      help: 'Disclosure records committed per group-commit batch.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
      registers,
    }),
    logBatchRequests: new Histogram({
      name: 'hub_disclosure_log_batch_requests',
      help: 'Responses whose records were committed together in one batch.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers,
    }),
    logCommitSeconds: new Histogram({
      name: 'hub_disclosure_log_commit_seconds',
      help: 'Time to write and commit one disclosure-log batch (connection, INSERTs, chain head, COMMIT).',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    logFailures: new Counter({
      name: 'hub_disclosure_log_failures_total',
      help: 'Disclosure-log batches (or requests, at stage hash) that could not be committed, by stage (hash, connect, commit).',
      labelNames: ['stage'],
      registers,
    }),
    subgraphSeconds: new Histogram({
      name: 'hub_subgraph_request_duration_seconds',
      help: 'Gateway → subgraph calls, by subgraph and outcome (ok, error: answered with errors, unavailable: no answer).',
      labelNames: ['subgraph', 'outcome'],
      buckets: latency,
      registers,
    }),
    subgraphErrors: new Counter({
      name: 'hub_subgraph_errors_total',
      help: 'Gateway → subgraph calls that did not answer cleanly, by subgraph and outcome (error, unavailable).',
      labelNames: ['subgraph', 'outcome'],
      registers,
    }),
    executions: new Counter({
      name: 'hub_gateway_executions_total',
      help: 'Operations executed by the gateway, by execution core: planned (fetch plan, then the data schema) or stitched.',
      labelNames: ['core'],
      registers,
    }),
    completions: new Counter({
      name: 'hub_gateway_completions_total',
      help:
        "Planned operations' responses, by what completed them: directly from the partners' merged answers (answers), " +
        'or graphql-js executing over them (graphql-js: a partner erred, a value graphql-js reports, or a record rule decided during execution).',
      labelNames: ['by'],
      registers,
    }),
    subgraphUp: new Gauge({
      name: 'hub_subgraph_up',
      help: "1 while the subgraph's last call was answered, 0 after a call got no answer.",
      labelNames: ['subgraph'],
      registers,
    }),
    circuitState: new Gauge({
      name: 'hub_circuit_state',
      help: "The gateway's circuit breaker per subgraph: 0 closed (calls pass), 1 half-open (probing), 2 open (calls refused).",
      labelNames: ['subgraph'],
      registers,
    }),
    circuitTransitions: new Counter({
      name: 'hub_circuit_transitions_total',
      help: 'Circuit breaker changes, by subgraph and the state entered.',
      labelNames: ['subgraph', 'state'],
      registers,
    }),
    poolConnections: new Gauge({
      name: 'hub_db_pool_connections',
      help: 'Database pool connections by pool and state: total (open), idle, waiting (clients queued for one), max (the pool size).',
      labelNames: ['pool', 'state'],
      registers,
      collect() {
        this.reset();
        const sums = new Map<string, { total: number; idle: number; waiting: number; max: number }>();
        for (const [pool, label] of pools) {
          const p = pool as Pool & { ended?: boolean; options?: { max?: number } };
          if (p.ended) {
            pools.delete(pool);
            continue;
          }
          const sum = sums.get(label) ?? { total: 0, idle: 0, waiting: 0, max: 0 };
          sum.total += pool.totalCount;
          sum.idle += pool.idleCount;
          sum.waiting += pool.waitingCount;
          sum.max += p.options?.max ?? 0;
          sums.set(label, sum);
        }
        for (const [label, sum] of sums) for (const [state, value] of Object.entries(sum)) this.set({ pool: label, state }, value);
      },
    }),
  };
}

/** The text `/metrics` answers with, and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = hubMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** A GraphQL operation name as a label: `anonymous`, the name, `invalid` or (past the cap) `other`. */
export function operationLabel(name: string | null | undefined): string {
  return vocabularies.operation.label(name, 'anonymous');
}

export function recordRequest(service: ServiceName, operation: string | null | undefined, outcome: RequestOutcome, seconds: number): void {
  const m = hubMetrics();
  const settled = oneOf(REQUEST_OUTCOMES, outcome);
  m.requests.inc({ service, operation: operationLabel(operation), outcome: settled });
  m.requestSeconds.observe({ service, outcome: settled }, seconds);
}

/** One run of one stage of the gateway's pipeline (a workflow's inner reads included). */
export function recordStage(stage: GatewayStage, seconds: number): void {
  hubMetrics().stageSeconds.observe({ stage: oneOf(GATEWAY_STAGES, stage) }, seconds);
}

/**
 * The one label a withholding decided on record data counts under, whatever its rule: a counter
 * per such rule would tell anyone reading it which condition a record met (another charity's
 * support, a police record, a safe-house address). The rule itself is on the request's log line.
 */
export const RECORD_CONDITION_LABEL = 'record-condition';

/** A policy decision on `count` field occurrences by `rule` (an agreement rule id or a hub condition id). */
export function recordDecision(rule: string, effect: DecisionEffect, count = 1): void {
  if (count <= 0) return;
  hubMetrics().decisions.inc({ rule: vocabularies.rule.label(rule), effect: oneOf(DECISION_EFFECTS, effect) }, count);
}

/** `count` fields withheld from a response by `rule`. */
export function recordWithheld(rule: string, count = 1): void {
  if (count <= 0) return;
  hubMetrics().withheldFields.inc({ rule: vocabularies.rule.label(rule) }, count);
}

/** One committed disclosure-log batch. */
export function recordLogBatch(batch: { requests: number; records: number; seconds: number }): void {
  const m = hubMetrics();
  m.logBatchRequests.observe(batch.requests);
  m.logBatchRecords.observe(batch.records);
  m.logCommitSeconds.observe(batch.seconds);
}

export function recordLogFailure(stage: LogFailureStage): void {
  hubMetrics().logFailures.inc({ stage: oneOf(LOG_FAILURE_STAGES, stage) });
}

/** A subgraph name as a label: one of the four, else `other`. */
export function subgraphLabel(subgraph: string): string {
  return oneOf(SUBGRAPH_NAMES, subgraph);
}

/** One operation executed, by which core (docs/adr/0010-planned-execution.md). */
export function recordExecution(core: 'planned' | 'stitched'): void {
  hubMetrics().executions.inc({ core });
}

/** One planned operation's response, by what completed it (gateway/src/execution/complete-answers.ts). */
export function recordCompletion(by: 'answers' | 'graphql-js'): void {
  hubMetrics().completions.inc({ by });
}

/** One gateway → subgraph call. */
export function recordSubgraphCall(subgraph: string, outcome: SubgraphOutcome, seconds: number): void {
  const m = hubMetrics();
  const labels = { subgraph: subgraphLabel(subgraph), outcome: oneOf(SUBGRAPH_OUTCOMES, outcome) };
  m.subgraphSeconds.observe(labels, seconds);
  if (labels.outcome !== 'ok') m.subgraphErrors.inc(labels);
}

/**
 * Reports a pg pool's connections (total, idle, waiting, max) under `label` at every scrape,
 * until the pool has ended. Several pools under one label are added up.
 */
export function trackPool(label: string, pool: Pool): void {
  pools.set(pool, vocabularies.pool.label(label));
}

/** The pg pool behind a typeorm PostgreSQL data source, once initialised. */
export function trackDataSourcePool(label: string, dataSource: { driver: unknown }): void {
  const pool = (dataSource.driver as { master?: Pool }).master;
  if (pool && typeof pool.totalCount === 'number') trackPool(label, pool);
}
