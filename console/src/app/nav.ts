import { isOversight } from '../checkpoint/checkpoint';
import type { Access } from './access';

/**
 * The console's pages, one job each. A page that a later API adds (information requests,
 * referrals) goes here with who it is for; the withheld-field panel has its own slot for
 * "ask the owner" (src/components/withheld.tsx).
 */
export interface NavItem {
  path: string;
  label: string;
  /** Shown in the navigation to this user; the page itself still answers anyone, with the API's verdict. */
  visible(access: Access): boolean;
}

const caseWork = (a: Access) => a.approvedPurposes.some((p) => !isOversight(p));

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
  { path: '/agreements', label: 'Agreements', visible: () => true },
];
