import { isOversight } from '../checkpoint/checkpoint';
import { DECIDER_ROLES, REQUESTER_ROLES } from '../pages/requests/ask-owner';
import { PROVIDER_ROLES, REFERRER_ROLES } from '../pages/referrals/referral-logic';
import type { Access } from './access';

/**
 * The console's pages, one job each, with who each is for; "ask the owner" is an action of the withheld-field panel (src/components/withheld.tsx).
 */
export interface NavItem {
  path: string;
  label: string;
  /** Shown in the navigation to this user; the page itself still answers anyone, with the API's verdict. */
  visible(access: Access): boolean;
}

const caseWork = (a: Access) => a.approvedPurposes.some((p) => !isOversight(p));
const hasAnyRole = (a: Access, roles: readonly string[]) => a.roles.some((r) => roles.includes(r));

export const NAV: readonly NavItem[] = [
  { path: '/subject', label: 'Subjects', visible: caseWork },
  { path: '/location', label: 'Locations', visible: caseWork },
  { path: '/care-pathway', label: 'Care pathways', visible: (a) => a.approved },
  { path: '/statistics', label: 'Statistics', visible: (a) => a.approvedPurposes.includes('STATISTICS') },
  {
    path: '/audit',
    label: 'Disclosure log',
    visible: (a) => a.approvedPurposes.includes('AUDIT') && a.roles.some((r) => r === 'AUDITOR' || r === 'DATA_PROTECTION_OFFICER'),
  },
  {
    path: '/requests',
    label: 'Information requests',
    // Rules W1 (ask) and W2 (answer) need a case purpose.
    visible: (a) => caseWork(a) && hasAnyRole(a, [...REQUESTER_ROLES, ...DECIDER_ROLES]),
  },
  {
    path: '/referrals',
    label: 'Referrals',
    // Rules W5 (refer) and W6 (answer, places) need a case purpose (SAFEGUARDING_REFERRAL, COORDINATED_RESPONSE).
    visible: (a) =>
      a.approvedPurposes.some((p) => p === 'SAFEGUARDING_REFERRAL' || p === 'COORDINATED_RESPONSE') &&
      hasAnyRole(a, [...REFERRER_ROLES, ...PROVIDER_ROLES]),
  },
  {
    path: '/approvals',
    label: 'Approvals',
    // The representative approves (W3); the DPO reads their organisation's, an auditor any (for AUDIT).
    visible: (a) =>
      a.approved &&
      (hasAnyRole(a, ['REPRESENTATIVE', 'DATA_PROTECTION_OFFICER']) ||
        (hasAnyRole(a, ['AUDITOR']) && a.approvedPurposes.includes('AUDIT'))),
  },
  { path: '/agreements', label: 'Agreements', visible: () => true },
];
