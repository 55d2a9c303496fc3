/** Why data is requested (ISA 4.3, plus the hub's own purposes). Sent as `X-Hub-Purpose`. */
export const PURPOSES = [
  'IDENTIFY_RISK_OF_HARM',
  'IDENTIFY_VICTIMS',
  'CRIMINAL_ACTIVITY',
  'VULNERABILITY_MAPPING',
  'COORDINATED_RESPONSE',
  'SAFEGUARDING_REFERRAL',
  'RISK_ASSESSMENT',
  'ACTION_PLANNING',
  'SERVICE_MAPPING',
  'STATISTICS',
  'AUDIT',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * Lawful bases a flow can rest on (ISA 5.4.1, updated from DPA 1998 to DPA 2018).
 * Sent, optionally, as `X-Hub-Lawful-Basis`: then only rules under that basis apply.
 */
export const LAWFUL_BASES = [
  'CDA_1998_S115',
  'DPA_2018_SCH2_PARA2',
  'DPA_2018_SCH2_PARA5',
  'DPA_2018_SCH1_PARA18',
  'CHILDREN_ACT_1989_S47',
  'CHILDREN_ACT_2004_S11',
  'MSA_2015_S54A',
  'CONSENT',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Roles a partner's identity provider may put in a token's `roles` claim. */
export const ROLES = [
  'ANALYST',
  'INVESTIGATOR',
  'SAFEGUARDING_LEAD',
  'HOUSING_OFFICER',
  'CASEWORKER',
  'AUDITOR',
  'DATA_PROTECTION_OFFICER',
  'REPRESENTATIVE',
  /** Decides, for their organisation, the information requests addressed to it (ISA 2.6). */
  'DISCLOSURE_OFFICER',
] as const;
export type Role = (typeof ROLES)[number];

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

export function isLawfulBasis(value: string): value is LawfulBasis {
  return (LAWFUL_BASES as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
