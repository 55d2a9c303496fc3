import type { SubgraphName } from '@hub/shared';
import type { ExecutionResult } from 'graphql';
import type { AppendReceipt } from '../audit/disclosure-log';
import type { Principal } from '../identity/authenticate';
import type { HubRequest } from '../policy/hub-request';
import type { OperationPlan } from '../policy/plan-operation';
import type { RequestPolicy } from '../policy/request-policy';
import type { ShapedResponse } from '../policy/shape-response';
import type { HubHeaders } from '../request/hub-headers';
import type { RequestState } from '../store/hub-store';
import type { Deadline } from './deadline';
import type { GatewayFieldRecords } from './gateway-field-records';
import type { HubContext, Operation } from './hub-context';

/**
 * What one request carries through the stages. Each stage reads what earlier ones left and adds
 * its own part; a stage that answers (an error, or the response) sets `response`, which ends the run.
 */
export interface RequestRun {
  readonly requestId: string;
  readonly startedAt: Date;
  readonly operation: Operation;
  readonly header: (name: string) => string | undefined;
  readonly deadline: Deadline;
  /** Who the token says is asking (authenticate). */
  claimed?: Principal;
  headers?: HubHeaders;
  /** The registry, approval and suspensions (read state); `unavailable` when the store did not answer. */
  state?: RequestState | 'unavailable';
  hubRequest?: HubRequest;
  context?: HubContext;
  plan?: OperationPlan;
  policy?: RequestPolicy;
  executed?: ExecutionResult;
  shaped?: ShapedResponse;
  /** Partners whose data gateway fields' answers carry beside the shaped partner fields (HubContext.carries). */
  carried?: Set<SubgraphName>;
  /** Disclosures gateway fields' answers make (HubContext.records): appended with the response's own, under its receipt. */
  recorded?: GatewayFieldRecords[];
  receipt?: AppendReceipt;
  response?: ExecutionResult;
}
