import { HubError, type GatewayStage } from '@hub/shared';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { RequestRun } from './request-run';

/** Named once, beside the metric that times them (`hub_gateway_stage_seconds`). */
export type StageName = GatewayStage;

/** One named step of the request pipeline. It may set `run.response` to answer early. */
export interface Stage {
  name: StageName;
  run(run: RequestRun): void | Promise<void>;
}

/**
 * Where telemetry hangs on the pipeline: around each stage (a span, a timer) and once per
 * request with its outcome. The runner calls `around` exactly once per stage it runs.
 */
export interface Instrumentation {
  around<T>(stage: StageName, run: RequestRun, body: () => Promise<T>): Promise<T>;
  finished(run: RequestRun, response: ExecutionResult): void;
}

export const NO_INSTRUMENTATION: Instrumentation = {
  around: (_stage, _run, body) => body(),
  finished: () => undefined,
};

/**
 * Runs the stages in order until one answers. A stage that throws answers with the error: the
 * hub's own errors as written, anything else as an internal error (masked by formatError, the
 * original logged). Fail closed: nothing after a failed stage runs.
 */
export async function runStages(stages: readonly Stage[], run: RequestRun, instrumentation: Instrumentation): Promise<ExecutionResult> {
  for (const stage of stages) {
    try {
      await instrumentation.around(stage.name, run, async () => stage.run(run));
    } catch (error) {
      run.response = { errors: [asClientError(error)], extensions: { requestId: run.requestId } };
    }
    if (run.response) break;
  }
  const response = run.response ?? { errors: [new GraphQLError('the request produced no response')] };
  instrumentation.finished(run, response);
  return response;
}

/** The hub's own errors pass as written; anything else is masked by formatError. */
export function asClientError(error: unknown): GraphQLError {
  if (error instanceof HubError) return error;
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
  return new GraphQLError('Internal error', { originalError: error instanceof Error ? error : undefined });
}
