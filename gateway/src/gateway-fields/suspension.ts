import { BadUserInputError, ForbiddenError } from '@hub/shared';
import type { HubContext } from '../pipeline/hub-context';
import { agreementStates } from '../policy/agreement-states';
import { agreementInfo } from './agreement-info';

/**
 * ISA 13.2: a party may suspend the arrangements to investigate a serious breach. Only a
 * party's nominated representative may, with a reason; it takes effect on the next request of
 * every gateway replica, since each request reads the store. The suspending party lifts it.
 */
export async function suspendAgreement(args: { id: string; reason: string }, context: HubContext) {
  const agreement = representativeAgreement(args.id, context);
  const reason = args.reason.trim();
  if (reason.length < 10 || reason.length > 500) {
    throw new BadUserInputError('give the reason for the suspension in 10 to 500 characters');
  }
  try {
    await context.store.suspend(agreement.id, { userId: context.principal.userId, org: context.principal.org }, reason);
  } catch (error) {
    throw new BadUserInputError(
      error instanceof Error && /already suspended/.test(error.message) ? error.message : 'the suspension could not be recorded',
    );
  }
  return currentInfo(agreement.id, context);
}

export async function liftAgreementSuspension(args: { id: string }, context: HubContext) {
  const agreement = representativeAgreement(args.id, context);
  const standing = (await context.store.activeSuspensions()).find((s) => s.agreementId === agreement.id);
  if (!standing) throw new BadUserInputError(`${agreement.id} is not suspended`);
  if (standing.suspendedByOrg !== context.principal.org) {
    throw new ForbiddenError(`only ${standing.suspendedByOrg}, which suspended it, may lift the suspension`);
  }
  await context.store.lift(agreement.id, { userId: context.principal.userId });
  return currentInfo(agreement.id, context);
}

function representativeAgreement(id: string, context: HubContext) {
  const agreement = context.policy.agreements.find((a) => a.id === id);
  if (!agreement) throw new BadUserInputError(`no agreement ${id.slice(0, 60)}`);
  const { roles, org } = context.principal;
  if (!roles.includes('REPRESENTATIVE') || !agreement.parties.includes(org)) {
    throw new ForbiddenError(`only a nominated representative of a party to ${agreement.id} may do this (ISA 13.2)`);
  }
  return agreement;
}

async function currentInfo(id: string, context: HubContext) {
  const now = new Date();
  const states = agreementStates(context.policy.agreements, await context.store.activeSuspensions(), now);
  return agreementInfo(
    context.policy.agreements.find((a) => a.id === id)!,
    states.get(id),
    now,
  );
}
