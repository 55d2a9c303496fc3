import { COUNCIL_ORG } from '../config/organisations';
import type { DemoProperty, DemoSubject } from './population';

/**
 * The four fixed subjects (README: Demo data), present at every scale. Tests and the README's first query
 * rely on exactly these facts.
 */
export const FIXED_SUBJECTS: DemoSubject[] = [
  {
    // Adult man, 34, Polish, labour exploitation, PVOT, lives in an unlicensed HMO.
    id: 'SUBJ-000001',
    givenName: 'Tomasz',
    familyName: 'Nowak',
    aliases: ['Tomek Nowak'],
    dateOfBirth: '1992-03-14',
    gender: 'MALE',
    nationality: 'Polish',
    kind: 'VICTIM',
    exploitation: 'LABOUR',
    uprn: '100070000001',
    addressRestricted: false,
    knownToPolice: true,
    nrm: { referredOn: '2026-06-02', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING' },
    council: { housing: true, adultCare: false, childrenCare: null },
    knownToNhs: true,
    // Supported by Adavu; consented to share with the local authority only.
    support: { providerOrg: 'adavu', consentRecipients: [COUNCIL_ORG] },
  },
  {
    // Child, 15, Vietnamese, criminal exploitation (cannabis cultivation), s47 enquiry open.
    id: 'SUBJ-000002',
    givenName: 'Minh',
    familyName: 'Nguyen',
    aliases: [],
    dateOfBirth: '2011-05-20',
    gender: 'MALE',
    nationality: 'Vietnamese',
    kind: 'VICTIM',
    exploitation: 'CRIMINAL',
    uprn: '100070000004',
    addressRestricted: false,
    knownToPolice: true,
    nrm: { referredOn: '2026-09-11', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING' },
    council: { housing: false, adultCare: false, childrenCare: { section47: true } },
    knownToNhs: true,
    support: { providerOrg: 'barnardos', consentRecipients: [COUNCIL_ORG] },
  },
  {
    // Adult woman, 27, Romanian, sexual exploitation, in a safe house: address restricted.
    id: 'SUBJ-000003',
    givenName: 'Elena',
    familyName: 'Popescu',
    aliases: [],
    dateOfBirth: '1999-08-02',
    gender: 'FEMALE',
    nationality: 'Romanian',
    kind: 'VICTIM',
    exploitation: 'SEXUAL',
    uprn: '100070000002',
    addressRestricted: true,
    knownToPolice: true,
    nrm: { referredOn: '2026-08-19', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING' },
    council: null,
    knownToNhs: true,
    // No consent recorded.
    support: { providerOrg: 'refuge', consentRecipients: null },
  },
  {
    // Suspected controller, 45: police only, and landlord of the HMO at 100070000001.
    id: 'SUBJ-000004',
    givenName: 'Marek',
    familyName: 'Kowalski',
    aliases: ['Mark Kowal', 'Big Marek'],
    dateOfBirth: '1981-01-09',
    gender: 'MALE',
    nationality: 'Polish',
    kind: 'SUSPECT',
    exploitation: null,
    uprn: '100070000003',
    addressRestricted: false,
    knownToPolice: true,
    nrm: null,
    council: null,
    knownToNhs: false,
    support: null,
  },
];

export const FIXED_PROPERTIES: DemoProperty[] = [
  {
    uprn: '100070000001',
    line1: '14 Lozells Road',
    postcode: 'B19 2TJ',
    kind: 'HMO',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: 'SUBJ-000004',
  },
  {
    uprn: '100070000002',
    line1: 'Withheld (refuge)',
    postcode: 'B0 0AA',
    kind: 'SAFE_HOUSE',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: null,
  },
  {
    uprn: '100070000003',
    line1: '7 Hagley Road',
    postcode: 'B16 8LB',
    kind: 'HOUSE',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: null,
  },
  {
    uprn: '100070000004',
    line1: '52 Alum Rock Road',
    postcode: 'B8 1JB',
    kind: 'HOUSE',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: null,
  },
  {
    uprn: '100070000005',
    line1: '3 Soho Road',
    postcode: 'B21 9SN',
    kind: 'NAIL_BAR',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: null,
  },
  {
    uprn: '100070000006',
    line1: 'Unit 2, Dudley Road',
    postcode: 'B18 7QH',
    kind: 'CAR_WASH',
    hmoLicensed: false,
    maxOccupants: null,
    landlordSubjectId: null,
  },
];
