import { DEMO_USERS, ORGANISATIONS, type Purpose } from '@hub/shared';
import type { AgreementState, HubRequest } from '../policy/hub-request';

/** A request from a demo user under the default agreement, as the pipeline would build it after read-state: for policy tests. */
export function demoHubRequest(
  userId: string,
  purpose: Purpose | null = 'IDENTIFY_VICTIMS',
  state: AgreementState = { active: true },
  caseRef: string | null = 'CASE/1',
): HubRequest {
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return {
    requestId: 'r',
    requester: {
      issuer: 'partner-hub-dev',
      userId,
      org: user.org,
      partner: ORGANISATIONS.find((o) => o.id === user.org)!.partner,
      roles: user.roles,
    },
    approval: user.approval,
    purpose,
    lawfulBasis: null,
    caseRef,
    agreementStates: new Map([['isa-msht-wm', state]]),
  };
}
