import { currentRequest, recordStage, withSpan, type RequestTelemetry } from '@hub/shared';
import type { PlanNode } from '../policy/plan-operation';
import type { Instrumentation } from './stage';

/**
 * The pipeline's telemetry (docs/operating-telemetry.md): a span and a timing per stage
 * (`hub.plan`, …; `hub_gateway_stage_seconds`), so that an operator can tell the partners' time
 * (execute) from the disclosure log's commit (account) in a slow answer; and once per request
 * the policy's decisions and withholdings as metrics and on the request's log line — rule ids and
 * counts only, never a path, a value or a subject.
 */
export const telemetryInstrumentation: Instrumentation = {
  async around(stage, _run, body) {
    const started = performance.now();
    try {
      return await withSpan(`hub.${stage}`, { 'hub.stage': stage }, body);
    } finally {
      recordStage(stage, (performance.now() - started) / 1000);
    }
  },
  finished(run, response) {
    const t = currentRequest();
    if (!t) return;
    if (run.headers?.purpose) t.setPurpose(run.headers.purpose);
    if (run.plan) countDecisions(t, run.plan.nodes);
    // Decided on record data: one shared metric label, so no counter tells which condition a record met.
    t.withheldOnRecords((run.policy?.withheldOnRecords ?? []).map((withholding) => withholding.withheld.rule));
    for (const error of response.errors ?? []) {
      if (error.extensions?.code === 'FORBIDDEN' && typeof error.extensions.rule === 'string') t.withheld(error.extensions.rule);
    }
  },
};

/**
 * Phase 1, one count per field occurrence: the first rule allowing it, or the rule withholding
 * it. A field allowed only on its records is counted in phase 2, where a value is withheld.
 */
function countDecisions(t: RequestTelemetry, nodes: readonly PlanNode[]): void {
  const allowed = new Map<string, number>();
  const denied = new Map<string, number>();
  const add = (counts: Map<string, number>, rule: string) => counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const walk = (list: readonly PlanNode[]) => {
    for (const node of list) {
      if (node.hidden) continue;
      const decision = node.decision;
      if (node.withheld) add(denied, node.withheld.rule);
      else if (decision?.kind === 'allow' && decision.allowedBy[0]) add(allowed, decision.allowedBy[0].id);
      walk(node.children);
    }
  };
  walk(nodes);
  for (const [rule, n] of allowed) t.decided(rule, 'allow', n);
  for (const [rule, n] of denied) t.decided(rule, 'deny', n);
}
