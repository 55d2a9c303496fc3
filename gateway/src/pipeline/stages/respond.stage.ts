import type { SubgraphName } from '@hub/shared';
import type { CompiledPolicy } from '../../policy/compiled-policy';
import { handlingFor } from '../../policy/handling';
import type { Stage } from '../stage';

/** The response: the shaped data and errors, with the handling conditions, the notices and the receipt. */
export function respondStage(policy: CompiledPolicy): Stage {
  return {
    name: 'respond',
    run(run) {
      const { result } = run.shaped!;
      // Partner data a gateway field's answer carries beside the shaped partner fields (a referral's
      // shared values) is marked as its owner's too (owners checked as partners in HubContext.records).
      const carried = run.gatewayDisclosures ?? [];
      const owners =
        carried.length > 0 ? new Set([...run.shaped!.owners, ...carried.map((d) => d.owner as SubgraphName)]) : run.shaped!.owners;
      const notices = run.plan!.notices;
      run.response = {
        ...result,
        extensions: {
          ...result.extensions,
          requestId: run.requestId,
          handling: handlingFor(owners, policy.agreements[0], run.policy!.conditionNotes),
          ...(notices.length > 0 ? { policyNotices: notices } : {}),
          // Only the commitment: the chain positions would say how many records there are.
          ...(run.receipt ? { disclosure: { writerId: run.receipt.writerId, commitment: run.receipt.commitment } } : {}),
        },
      };
    },
  };
}
