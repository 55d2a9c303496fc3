import type { ExecutionResult } from 'graphql';
import type { AppendReceipt } from '../audit/disclosure-log';
import type { Principal } from '../identity/authenticate';
import type { HubRequest } from '../policy/hub-request';
import type { OperationPlan } from '../policy/plan-operation';
import type { RequestPolicy } from '../policy/request-policy';
import type { ShapedResponse } from '../policy/shape-response';
import type { HubHeaders } from '../request/hub-headers';
import type { RequestState } from '../store/hub-store';
import type { DraftDisclosure } from '../audit/disclosure-record';
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
  /** Disclosures gateway fields' answers make (HubContext.records), where each field's answer is. */
  recorded?: GatewayFieldRecords[];
  /** Those whose field's answer reached the response (account): logged with it, and marking it as their owners' data. */
  gatewayDisclosures?: DraftDisclosure[];
  receipt?: AppendReceipt;
  response?: ExecutionResult;
}
