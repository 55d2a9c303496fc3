import { ukDate } from '../../agreements/iso-date';
import type { Agreement } from '../../agreements/agreement.types';
import { confirmWithRegistry } from '../../identity/registry-identity';
import { agreementStates } from '../../policy/agreement-states';
import type { CompiledPolicy } from '../../policy/compiled-policy';
import { mayCall } from '../../policy/decide-operation';
import type { AgreementState, HubRequest } from '../../policy/hub-request';
import { grantRules } from '../../workflows/requests/grants';
import type { GraphQLSchema } from 'graphql';
import type { HubStore } from '../../store/hub-store';
import type { Ownership } from '../../supergraph/ownership';
import type { Stage } from '../stage';

/**
 * One round trip to the hub's store: who the registry says the user is (a token that claims
 * otherwise is refused here), their approval, and the agreements' suspensions. No cache, so a
 * revocation or a suspension bites on the next request. If the store does not answer, the request
 * goes on knowing nothing: it may still read the directory; anything personal is refused with an
 * honest 503 when it is planned.
 */
export function readStateStage(
  store: HubStore,
  policy: Pick<CompiledPolicy, 'agreements' | 'operationRulesAt' | 'rulesNaming'>,
  schema: GraphQLSchema,
  ownership: Ownership,
  onUnavailable: (error: unknown) => void,
): Stage {
  const { agreements } = policy;
  // Requests are made under the agreement that lets its parties ask (its W rule); their disclosures stop with it.
  const requestRules = policy.operationRulesAt.get(REQUEST_INFORMATION) ?? [];
  const requestAgreement = requestRules[0]?.agreement ?? agreements[0];
  return {
    name: 'read-state',
    async run(run) {
      const claimed = run.claimed!;
      const headers = run.headers!;
      try {
        run.state = await store.requestState(claimed.issuer, claimed.userId, ukDate(run.startedAt), run.startedAt);
      } catch (error) {
        onUnavailable(error);
        run.state = 'unavailable';
      }
      const known = run.state !== 'unavailable' ? run.state : undefined;
      const requester = known ? confirmWithRegistry(claimed, known.registration) : claimed;
      const request: HubRequest = {
        requestId: run.requestId,
        requester,
        approval: known?.approval ?? null,
        ...headers,
        agreementStates: known ? agreementStates(agreements, known.suspensions, run.startedAt) : unknownStates(agreements),
        ...(known ? {} : { stateUnavailable: true as const }),
        ...(known?.grants.length && requestAgreement
          ? { grants: grantRules(known.grants, requester, requestAgreement, schema, ownership, policy) }
          : {}),
      };
      request.mayRequestInformation = mayCall(requestRules, request);
      run.hubRequest = request;
    },
  };
}

/** The hub's mutation by which a party asks others for information (ISA 2.5). */
const REQUEST_INFORMATION = 'Mutation.requestInformation';

function unknownStates(agreements: readonly Agreement[]): Map<string, AgreementState> {
  return new Map(agreements.map((a) => [a.id, { active: false, reason: 'the hub cannot read whether it is in force right now' }]));
}
