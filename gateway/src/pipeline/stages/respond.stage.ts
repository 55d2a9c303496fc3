import type { CompiledPolicy } from '../../policy/compiled-policy';
import { handlingFor } from '../../policy/handling';
import type { Stage } from '../stage';

/** The response: the shaped data and errors, with the handling conditions, the notices and the receipt. */
export function respondStage(policy: CompiledPolicy): Stage {
  return {
    name: 'respond',
    run(run) {
      const { result } = run.shaped!;
      const owners = run.carried ? new Set([...run.shaped!.owners, ...run.carried]) : run.shaped!.owners;
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
