import { AuditUnavailableError } from '@hub/shared';
import type { AuditTrail } from '../../audit/audit-trail';
import { draftsFor } from '../../audit/drafts';
import { gatewayFieldDisclosures } from '../gateway-field-records';
import { shapeResponse } from '../../policy/shape-response';
import type { PlanNode } from '../../policy/plan-operation';
import type { Stage } from '../stage';

/**
 * Shapes the response (withheld looks like absent) and records every disclosure durably before
 * anything leaves. If the log cannot take the records, no personal data leaves: fail closed.
 */
export function accountStage(audit: AuditTrail | null, onLogFailure: (error: unknown) => void): Stage {
  return {
    name: 'account',
    async run(run) {
      run.shaped = shapeResponse(run.executed!, run.plan!.nodes, run.policy!, { account: audit !== null });
      const { disclosures, owners } = run.shaped;
      // Whether a response is logged and carries a receipt follows the operation, never the data:
      // a request that asks for any partner's data goes through the log even when nothing of it
      // is recorded, so that neither the receipt nor the time taken says whether anything was.
      // A gateway field's disclosures (HubContext.records) go with them, under the same receipt.
      const recorded = (run.gatewayDisclosures = gatewayFieldDisclosures(run.recorded ?? [], run.shaped.result.data));
      if (!audit || (!asksPartnerData(run.plan!.nodes) && recorded.length === 0)) return;
      const drafts = [
        ...draftsFor(disclosures, run.hubRequest!, { source: run.operation.source, name: run.operation.operationName ?? null }, new Date()),
        ...recorded,
      ];
      try {
        run.receipt = await audit.log.append(drafts, run.hubRequest!.requestId);
      } catch (error) {
        onLogFailure(error);
        if (owners.size > 0 || recorded.length > 0) {
          throw new AuditUnavailableError(
            'The disclosure log cannot record this response, so no personal data was sent. Try again shortly.',
          );
        }
      }
    },
  };
}

/** Any field of a partner's own data (not the directory, not the gateway's own fields) anywhere in the plan. */
function asksPartnerData(nodes: readonly PlanNode[]): boolean {
  return nodes.some(
    (node) => (node.owner !== undefined && node.scope !== 'public' && node.scope !== 'gateway') || asksPartnerData(node.children),
  );
}
