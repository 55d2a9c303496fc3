import { COUNCIL_ORG, NHS_ORG, POLICE_ORG } from './organisations';
import type { Purpose, Role } from './purposes';

/**
 * A user's entry in the hub's registry (ISA 6.4, 9.4 need-to-know): which purposes the
 * partner's nominated representative approved the user for, and until when. A valid token
 * without an approval authenticates but may not receive data.
 */
export interface UserApproval {
  purposes: Purpose[];
  /**
   * User id of the nominated representative who approved this user. Representatives are
   * nominated by their organisation when it signs the agreement, so they approve themselves.
   */
  approvedBy: string;
  /** ISO dates. */
  approvedOn: string;
  expiresOn: string;
}

export interface DemoUser {
  /** Fixed (docs/personas.md): tests and the dev token command name users by id. */
  id: string;
  /** A job title: demo users are roles, never real people. */
  name: string;
  org: string;
  roles: Role[];
  approval: UserApproval | null;
}

const NGO_ORG = 'adavu';
const AUDIT_PANEL_ORG = 'joint-audit-panel';

const POLICE_ANALYST_PURPOSES: Purpose[] = [
  'IDENTIFY_RISK_OF_HARM',
  'IDENTIFY_VICTIMS',
  'CRIMINAL_ACTIVITY',
  'VULNERABILITY_MAPPING',
  'STATISTICS',
  'SERVICE_MAPPING',
];
/** The purposes of case work (ISA 4.3): what a disclosure officer decides requests for. */
const CASE_PURPOSES: Purpose[] = [
  'IDENTIFY_RISK_OF_HARM',
  'IDENTIFY_VICTIMS',
  'CRIMINAL_ACTIVITY',
  'VULNERABILITY_MAPPING',
  'COORDINATED_RESPONSE',
  'SAFEGUARDING_REFERRAL',
  'RISK_ASSESSMENT',
  'ACTION_PLANNING',
];
/** Representatives and DPOs oversee the agreement: they audit and read statistics, not cases. */
const OVERSIGHT_PURPOSES: Purpose[] = ['AUDIT', 'STATISTICS'];

/** A caseworker at each charity that provides a service of the directory: id, organisation, title, approver. */
const PROVIDER_CASEWORKERS: readonly (readonly [string, string, string, string])[] = [
  ['hopeathome.caseworker', 'hope-at-home', 'Hosting Coordinator, Hope at Home', 'hopeathome.representative'],
  ['sophiehayes.caseworker', 'sophie-hayes-foundation', 'Day 46 Programme Caseworker', 'sophiehayes.representative'],
  ['salvationarmy.caseworker', 'salvation-army', 'CONNECT Hub Caseworker', 'salvationarmy.representative'],
  ['barnardos.caseworker', 'barnardos', 'Independent Child Trafficking Advocate', 'barnardos.representative'],
  ['refuge.caseworker', 'refuge', 'Modern Slavery Caseworker', 'refuge.representative'],
];

function approvedBy(representative: string, purposes: Purpose[]): UserApproval {
  return { purposes, approvedBy: representative, approvedOn: '2026-02-01', expiresOn: '2027-01-31' };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'police.analyst',
    name: 'Intelligence Analyst, Modern Slavery Unit',
    org: POLICE_ORG,
    roles: ['ANALYST'],
    approval: approvedBy('police.representative', POLICE_ANALYST_PURPOSES),
  },
  {
    id: 'police.investigator',
    name: 'Detective Sergeant, Modern Slavery Unit',
    org: POLICE_ORG,
    roles: ['INVESTIGATOR'],
    approval: approvedBy('police.representative', [
      ...POLICE_ANALYST_PURPOSES,
      'COORDINATED_RESPONSE',
      'RISK_ASSESSMENT',
      'ACTION_PLANNING',
    ]),
  },
  {
    id: 'police.unapproved',
    name: 'Intelligence Analyst, awaiting approval',
    org: POLICE_ORG,
    roles: ['ANALYST'],
    // Has a valid token but no registry approval: every request for data must be refused.
    approval: null,
  },
  {
    id: 'police.representative',
    name: 'Detective Chief Inspector, nominated representative',
    org: POLICE_ORG,
    roles: ['REPRESENTATIVE'],
    approval: approvedBy('police.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'police.dpo',
    name: 'Force Data Protection Officer',
    org: POLICE_ORG,
    roles: ['DATA_PROTECTION_OFFICER'],
    approval: approvedBy('police.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'la.safeguarding',
    name: 'Adult Safeguarding Lead',
    org: COUNCIL_ORG,
    roles: ['SAFEGUARDING_LEAD'],
    approval: approvedBy('la.representative', [
      'IDENTIFY_RISK_OF_HARM',
      'IDENTIFY_VICTIMS',
      'SAFEGUARDING_REFERRAL',
      'COORDINATED_RESPONSE',
      'RISK_ASSESSMENT',
      'SERVICE_MAPPING',
      'STATISTICS',
    ]),
  },
  {
    id: 'la.housing',
    name: 'Private Sector Housing Officer',
    org: COUNCIL_ORG,
    roles: ['HOUSING_OFFICER'],
    approval: approvedBy('la.representative', ['IDENTIFY_VICTIMS', 'CRIMINAL_ACTIVITY', 'SERVICE_MAPPING']),
  },
  {
    id: 'la.representative',
    name: 'Head of Community Safety, nominated representative',
    org: COUNCIL_ORG,
    roles: ['REPRESENTATIVE'],
    approval: approvedBy('la.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'la.dpo',
    name: 'Council Data Protection Officer',
    org: COUNCIL_ORG,
    roles: ['DATA_PROTECTION_OFFICER'],
    approval: approvedBy('la.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'nhs.safeguarding',
    name: 'Named Nurse for Safeguarding Adults',
    org: NHS_ORG,
    roles: ['SAFEGUARDING_LEAD'],
    approval: approvedBy('nhs.representative', [
      'IDENTIFY_VICTIMS',
      'SAFEGUARDING_REFERRAL',
      'COORDINATED_RESPONSE',
      'SERVICE_MAPPING',
      'STATISTICS',
    ]),
  },
  {
    id: 'nhs.representative',
    name: 'Caldicott Guardian, nominated representative',
    org: NHS_ORG,
    roles: ['REPRESENTATIVE'],
    approval: approvedBy('nhs.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'nhs.dpo',
    name: 'Trust Data Protection Officer',
    org: NHS_ORG,
    roles: ['DATA_PROTECTION_OFFICER'],
    approval: approvedBy('nhs.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'ngo.caseworker',
    name: 'Victim Support Caseworker',
    org: NGO_ORG,
    roles: ['CASEWORKER'],
    approval: approvedBy('ngo.representative', [
      'IDENTIFY_VICTIMS',
      'SAFEGUARDING_REFERRAL',
      'COORDINATED_RESPONSE',
      'ACTION_PLANNING',
      'SERVICE_MAPPING',
    ]),
  },
  {
    id: 'ngo.representative',
    name: 'Services Manager, nominated representative',
    org: NGO_ORG,
    roles: ['REPRESENTATIVE'],
    approval: approvedBy('ngo.representative', OVERSIGHT_PURPOSES),
  },
  {
    id: 'ngo.dpo',
    name: 'Charity Data Protection Officer',
    org: NGO_ORG,
    roles: ['DATA_PROTECTION_OFFICER'],
    approval: approvedBy('ngo.representative', OVERSIGHT_PURPOSES),
  },
  // Each partner's disclosure decision-maker answers the information requests addressed to it
  // (ISA 2.5–2.6, Appendix 2), seeing its own organisation's record of the subject (rule 1).
  {
    id: 'police.disclosure',
    name: 'Force Disclosure Officer',
    org: POLICE_ORG,
    roles: ['DISCLOSURE_OFFICER'],
    approval: approvedBy('police.representative', CASE_PURPOSES),
  },
  {
    id: 'la.disclosure',
    name: 'Council Information Governance Officer',
    org: COUNCIL_ORG,
    roles: ['DISCLOSURE_OFFICER'],
    approval: approvedBy('la.representative', CASE_PURPOSES),
  },
  {
    id: 'nhs.disclosure',
    name: 'Trust Safeguarding Disclosure Lead',
    org: NHS_ORG,
    roles: ['DISCLOSURE_OFFICER'],
    approval: approvedBy('nhs.representative', CASE_PURPOSES),
  },
  {
    id: 'ngo.disclosure',
    name: 'Charity Data and Disclosure Manager',
    org: NGO_ORG,
    roles: ['DISCLOSURE_OFFICER'],
    approval: approvedBy('ngo.representative', CASE_PURPOSES),
  },
  // Each provider of the directory has a caseworker who answers the referrals to its services
  // (docs/sources.md, the newsletter) and keeps their places up to date. Adavu's is `ngo.caseworker`; the council's
  // reception centre and the NHS clinic are answered by their safeguarding leads.
  ...PROVIDER_CASEWORKERS.map(([id, org, name, representative]) => ({
    id,
    name,
    org,
    roles: ['CASEWORKER' as const],
    approval: approvedBy(representative, ['SAFEGUARDING_REFERRAL', 'COORDINATED_RESPONSE', 'SERVICE_MAPPING', 'ACTION_PLANNING']),
  })),
  // Their nominated representatives, who approve them (ISA 6.4).
  ...PROVIDER_CASEWORKERS.map(([, org, , representative]) => ({
    id: representative,
    name: 'Services Manager, nominated representative',
    org,
    roles: ['REPRESENTATIVE' as const],
    approval: approvedBy(representative, OVERSIGHT_PURPOSES),
  })),
  // Each charity is the data controller of its own support episodes, so each has its own data
  // protection officer, who audits the log records of its own organisation's data only.
  ...PROVIDER_CASEWORKERS.map(([caseworker, org, , representative]) => ({
    id: caseworker.replace(/\.caseworker$/, '.dpo'),
    name: 'Charity Data Protection Officer',
    org,
    roles: ['DATA_PROTECTION_OFFICER' as const],
    approval: approvedBy(representative, OVERSIGHT_PURPOSES),
  })),
  {
    id: 'hub.auditor',
    name: 'Compliance Auditor, joint audit panel',
    org: AUDIT_PANEL_ORG,
    roles: ['AUDITOR'],
    // The panel is the partners auditing jointly (ISA 13.1) and has no representative of its
    // own; the police, who lead the agreement, approve its auditors.
    approval: approvedBy('police.representative', ['AUDIT']),
  },
];

export function demoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
