import { AuditUnavailableError } from '@hub/shared';
import type { AuditTrail } from '../../audit/audit-trail';
import { draftsFor } from '../../audit/drafts';
import { shapeResponse } from '../../policy/shape-response';
import type { Stage } from '../stage';

/**
 * Shapes the response (withheld looks like absent) and records every disclosure durably before
 * anything leaves. If the log cannot take the records, no personal data leaves: fail closed.
 */
export function accountStage(audit: AuditTrail | null, onLogFailure: (error: unknown) => void): Stage {
  return {
    name: 'account',
    async run(run) {
      run.shaped = shapeResponse(run.executed!, run.plan!.nodes, run.policy!.withheldOnRecords, { account: audit !== null });
      const { disclosures, owners } = run.shaped;
      if (!audit || disclosures.length === 0) return;
      const drafts = draftsFor(
        disclosures,
        run.hubRequest!,
        { source: run.operation.source, name: run.operation.operationName ?? null },
        new Date(),
      );
      try {
        run.receipt = await audit.log.append(drafts);
      } catch (error) {
        onLogFailure(error);
        if (owners.size > 0) {
          throw new AuditUnavailableError(
            'The disclosure log cannot record this response, so no personal data was sent. Try again shortly.',
          );
        }
      }
    },
  };
}
