import { ukDate } from '../../agreements/iso-date';
import type { Agreement } from '../../agreements/agreement.types';
import { confirmWithRegistry } from '../../identity/registry-identity';
import { agreementStates } from '../../policy/agreement-states';
import type { AgreementState } from '../../policy/hub-request';
import type { HubStore } from '../../store/hub-store';
import type { Stage } from '../stage';

/**
 * One round trip to the hub's store: who the registry says the user is (a token that claims
 * otherwise is refused here), their approval, and the agreements' suspensions. No cache, so a
 * revocation or a suspension bites on the next request. If the store does not answer, the request
 * goes on knowing nothing: it may still read the directory; anything personal is refused with an
 * honest 503 when it is planned.
 */
export function readStateStage(store: HubStore, agreements: readonly Agreement[], onUnavailable: (error: unknown) => void): Stage {
  return {
    name: 'read-state',
    async run(run) {
      const claimed = run.claimed!;
      const headers = run.headers!;
      try {
        run.state = await store.requestState(claimed.issuer, claimed.userId, ukDate(run.startedAt));
      } catch (error) {
        onUnavailable(error);
        run.state = 'unavailable';
      }
      const known = run.state !== 'unavailable' ? run.state : undefined;
      run.hubRequest = {
        requestId: run.requestId,
        requester: known ? confirmWithRegistry(claimed, known.registration) : claimed,
        approval: known?.approval ?? null,
        ...headers,
        agreementStates: known ? agreementStates(agreements, known.suspensions, run.startedAt) : unknownStates(agreements),
        ...(known ? {} : { stateUnavailable: true as const }),
      };
    },
  };
}

function unknownStates(agreements: readonly Agreement[]): Map<string, AgreementState> {
  return new Map(agreements.map((a) => [a.id, { active: false, reason: 'the hub cannot read whether it is in force right now' }]));
}
