import { BadUserInputError, ForbiddenError } from '@hub/shared';
import type { HubContext } from '../pipeline/hub-context';
import { agreementStates } from '../policy/agreement-states';
import { agreementInfo } from './agreement-info';

/**
 * ISA 13.2: a party may suspend the arrangements to investigate a serious breach. Only a
 * party's nominated representative may, with a reason; it takes effect on the next request of
 * every gateway replica, since each request reads the store. Each party's suspension is its own:
 * the agreement is in force again only when every party that suspended it has lifted its own.
 */
export async function suspendAgreement(args: { id: string; reason: string }, context: HubContext) {
  const agreement = representativeAgreement(args.id, context);
  const reason = args.reason.trim();
  // Counted in what a reader sees: blanks, zero-width and control characters are not a reason.
  const visible = reason.replace(/[\p{White_Space}\p{Cc}\p{Cf}]/gu, '').length;
  if (visible < 10 || reason.length > 500) {
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

/** A party lifts its own suspension; another party's stands until that party lifts it. */
export async function liftAgreementSuspension(args: { id: string }, context: HubContext) {
  const agreement = representativeAgreement(args.id, context);
  const { userId, org } = context.principal;
  const standing = (await context.store.activeSuspensions()).filter((s) => s.agreementId === agreement.id);
  if (standing.length === 0) throw new BadUserInputError(`${agreement.id} is not suspended`);
  if (!standing.some((s) => s.suspendedByOrg === org)) {
    const by = [...new Set(standing.map((s) => s.suspendedByOrg))].join(', ');
    throw new ForbiddenError(`only ${by}, which suspended it, may lift the suspension`);
  }
  // A colleague may have lifted it since it was read: nothing of another party's is touched either way.
  if (!(await context.store.lift(agreement.id, { userId, org }))) {
    throw new BadUserInputError(`${agreement.id} is not suspended by ${org}`);
  }
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
