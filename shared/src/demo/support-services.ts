import type { SubgraphName } from '../config/services';

/**
 * The victim care directory of the demo. The NGO services are the real ones described in
 * the West Midlands Anti Slavery Network newsletter (docs/sources.md#the-anti-slavery-network-newsletter), with their published referral
 * criteria and no personal contact details. The council's reception centres and the NHS
 * services are illustrative. The NGO subgraph keeps the directory; the council and the NHS
 * add live details of the services they run (`operator`).
 */
export interface DirectoryEntry {
  id: string;
  name: string;
  /** Organisation id (see organisations.ts). */
  providerOrg: string;
  operator: SubgraphName;
  serviceType:
    'ACCOMMODATION' | 'EMPLOYABILITY' | 'COMMUNITY_SUPPORT' | 'CHILD_ADVOCACY' | 'CASEWORK' | 'HELPLINE' | 'RECEPTION_CENTRE' | 'HEALTH';
  eligibility: {
    minAge: number | null;
    maxAge: number | null;
    genders: ('MALE' | 'FEMALE')[];
    /** NRM stages accepted: NONE (not referred), REFERRED, POSITIVE_RG, POSITIVE_CG, NEGATIVE_CG. */
    nrmStages: string[];
    languages: string[];
    requirements: string[];
  };
  capacityTotal: number;
  coverage: string[];
  referralRoute: string;
}

const ALL_STAGES = ['NONE', 'REFERRED', 'POSITIVE_RG', 'POSITIVE_CG', 'NEGATIVE_CG'];

export const SUPPORT_DIRECTORY: readonly DirectoryEntry[] = [
  {
    id: 'hope-at-home-hosting',
    name: 'Hope at Home Hosting Scheme',
    providerOrg: 'hope-at-home',
    operator: 'ngo',
    serviceType: 'ACCOMMODATION',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ['POSITIVE_CG', 'NEGATIVE_CG'],
      languages: ['English'],
      requirements: ['Move-on plan in place', 'Professional support in place', 'No recourse to public funds accepted'],
    },
    capacityTotal: 12,
    coverage: ['UK-wide'],
    referralRoute: 'Professional referral by e-mail to the scheme',
  },
  {
    id: 'sophie-hayes-day-46',
    name: 'Day 46 Programme',
    providerOrg: 'sophie-hayes-foundation',
    operator: 'ngo',
    serviceType: 'EMPLOYABILITY',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['FEMALE'],
      nrmStages: ALL_STAGES,
      languages: ['English'],
      requirements: [
        'Survivor of trafficking (NRM referral not required)',
        'Medium spoken English',
        'Able to commit to eight weeks',
        'Engaging with a caseworker',
      ],
    },
    capacityTotal: 15,
    coverage: ['Birmingham'],
    referralRoute: 'Caseworker referral to the programme',
  },
  {
    id: 'salvation-army-connect-birmingham',
    name: 'CONNECT hub, Birmingham',
    providerOrg: 'salvation-army',
    operator: 'ngo',
    serviceType: 'COMMUNITY_SUPPORT',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['FEMALE'],
      nrmStages: ['POSITIVE_CG'],
      languages: ['English'],
      requirements: ['Referral only'],
    },
    capacityTotal: 25,
    coverage: ['Birmingham', 'Black Country'],
    referralRoute: 'Referral only, through the hub',
  },
  {
    id: 'salvation-army-connect-coventry',
    name: 'CONNECT hub, Coventry',
    providerOrg: 'salvation-army',
    operator: 'ngo',
    serviceType: 'COMMUNITY_SUPPORT',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ['POSITIVE_CG'],
      languages: ['English'],
      requirements: ['Referral only'],
    },
    capacityTotal: 25,
    coverage: ['Coventry', 'Warwickshire'],
    referralRoute: 'Referral only, through the hub',
  },
  {
    id: 'barnardos-icta',
    name: 'Independent Child Trafficking Advocacy (ICTA)',
    providerOrg: 'barnardos',
    operator: 'ngo',
    serviceType: 'CHILD_ADVOCACY',
    eligibility: {
      minAge: 0,
      maxAge: 17,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ALL_STAGES,
      languages: ['English', 'Vietnamese', 'Albanian'],
      requirements: ['Child separated from country of origin, or trafficked'],
    },
    capacityTotal: 40,
    coverage: ['West Midlands'],
    referralRoute: 'ICTA referral form; 24/7 professionals line',
  },
  {
    id: 'refuge-modern-slavery',
    name: 'Modern Slavery Service',
    providerOrg: 'refuge',
    operator: 'ngo',
    serviceType: 'CASEWORK',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ALL_STAGES,
      languages: ['English', 'Vietnamese', 'Mandarin', 'Polish', 'Romanian', 'Arabic'],
      requirements: ['NRM referral not required'],
    },
    capacityTotal: 30,
    coverage: ['UK-wide'],
    referralRoute: 'Referral from any agency, or self-referral through the helpline',
  },
  {
    id: 'adavu-long-term',
    name: 'Long-term survivor support',
    providerOrg: 'adavu',
    operator: 'ngo',
    serviceType: 'CASEWORK',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ['POSITIVE_RG', 'POSITIVE_CG', 'NEGATIVE_CG'],
      languages: ['English', 'Polish', 'Romanian'],
      requirements: ['Adult survivor in the West Midlands'],
    },
    capacityTotal: 35,
    coverage: ['West Midlands'],
    referralRoute: 'Professional referral',
  },
  {
    id: 'bcc-reception-centre',
    name: 'Reception centre (emergency accommodation)',
    providerOrg: 'birmingham-city-council',
    operator: 'local-authority',
    serviceType: 'RECEPTION_CENTRE',
    eligibility: {
      minAge: 18,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ALL_STAGES,
      languages: ['English'],
      requirements: ['Rescued in an operation, or in immediate need of a safe place'],
    },
    capacityTotal: 20,
    coverage: ['Birmingham'],
    referralRoute: 'Council duty team, 24 hours',
  },
  {
    id: 'bsol-safeguarding-clinic',
    name: 'Safeguarding health assessment clinic',
    providerOrg: 'birmingham-solihull-nhs',
    operator: 'nhs',
    serviceType: 'HEALTH',
    eligibility: {
      minAge: 0,
      maxAge: null,
      genders: ['MALE', 'FEMALE'],
      nrmStages: ALL_STAGES,
      languages: ['English'],
      requirements: ['No GP registration needed', 'Interpreters provided'],
    },
    capacityTotal: 10,
    coverage: ['Birmingham', 'Solihull'],
    referralRoute: 'Referral by any safeguarding professional',
  },
];
