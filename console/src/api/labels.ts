/** Words for the hub's codes, as the agreement and the partners say them. */

export const PURPOSE_LABELS: Record<string, string> = {
  IDENTIFY_RISK_OF_HARM: 'Identify risk of harm',
  IDENTIFY_VICTIMS: 'Identify victims',
  CRIMINAL_ACTIVITY: 'Criminal activity',
  VULNERABILITY_MAPPING: 'Vulnerability mapping',
  COORDINATED_RESPONSE: 'Coordinated response',
  SAFEGUARDING_REFERRAL: 'Safeguarding referral',
  RISK_ASSESSMENT: 'Risk assessment',
  ACTION_PLANNING: 'Action planning',
  SERVICE_MAPPING: 'Service mapping',
  STATISTICS: 'Statistics',
  AUDIT: 'Audit',
};

export const LAWFUL_BASIS_LABELS: Record<string, string> = {
  CDA_1998_S115: 'Crime and Disorder Act 1998 s115',
  DPA_2018_SCH2_PARA2: 'DPA 2018 Sch 2 para 2 (crime)',
  DPA_2018_SCH2_PARA5: 'DPA 2018 Sch 2 para 5 (legal proceedings)',
  DPA_2018_SCH1_PARA18: 'DPA 2018 Sch 1 para 18 (safeguarding)',
  CHILDREN_ACT_1989_S47: 'Children Act 1989 s47',
  CHILDREN_ACT_2004_S11: 'Children Act 2004 s11',
  MSA_2015_S54A: 'Modern Slavery Act 2015 s54A',
  CONSENT: 'Consent',
};

export const ORGANISATION_NAMES: Record<string, string> = {
  'west-midlands-police': 'West Midlands Police',
  'birmingham-city-council': 'Birmingham City Council',
  'birmingham-solihull-nhs': 'Birmingham and Solihull NHS',
  adavu: 'The Adavu Project',
  'hope-at-home': 'Hope at Home',
  'sophie-hayes-foundation': 'Sophie Hayes Foundation',
  'salvation-army': 'The Salvation Army',
  barnardos: "Barnardo's",
  refuge: 'Refuge',
  'joint-audit-panel': 'Joint audit panel',
};

/** The partners, by the name of their service (a subgraph) and by the one-view field they answer. */
export const PARTNERS = {
  police: { name: 'West Midlands Police', short: 'Police' },
  'local-authority': { name: 'Birmingham City Council', short: 'Council' },
  nhs: { name: 'Birmingham and Solihull NHS', short: 'NHS' },
  ngo: { name: 'The charities', short: 'Charities' },
} as const;
export type PartnerKey = keyof typeof PARTNERS;

export function partnerName(subgraphOrOwner: string | null | undefined): string {
  return (subgraphOrOwner && PARTNERS[subgraphOrOwner as PartnerKey]?.name) || subgraphOrOwner || 'A partner';
}

export function organisationName(id: string): string {
  return ORGANISATION_NAMES[id] ?? id;
}

export function purposeLabel(purpose: string | null | undefined): string {
  return purpose ? (PURPOSE_LABELS[purpose] ?? purpose) : 'none';
}

export function lawfulBasisLabel(basis: string | null | undefined): string {
  return basis ? (LAWFUL_BASIS_LABELS[basis] ?? basis) : 'any the rules allow';
}

/** `clinicalNotes` → `Clinical notes`; `A_AND_E` → `A and E`. */
export function humanize(code: string): string {
  const words = code.includes('_')
    ? code.toLowerCase().split('_')
    : code
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(' ');
  const text = words
    .join(' ')
    .replace(/\bnhs\b/g, 'NHS')
    .replace(/\bnrm\b/g, 'NRM')
    .replace(/\bpnc\b/g, 'PNC')
    .replace(/\bhmo\b/g, 'HMO');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const FIELD_LABELS: Record<string, string> = {
  pvotMarker: 'Potential victim of trafficking',
  pncId: 'PNC id',
  nhsNumber: 'NHS number',
  isChild: 'Under 18',
  section47Enquiry: 'Section 47 enquiry open',
  hmoLicence: 'HMO licence',
  uprn: 'UPRN',
  line1: 'Address',
  nrmReferrals: 'NRM referrals',
  intelGrade: 'Intelligence grade',
  sourceGrade: 'Source grade',
  caseRef: 'Council case reference',
  landlordOf: 'HMO landlord of',
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? humanize(key);
}
