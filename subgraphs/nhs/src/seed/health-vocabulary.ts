import type { Exploitation } from '@hub/shared';
import { AttendanceKind } from '../entities/nhs.enums';

/**
 * Sites, indicators, notes and roles the generated health records draw on. Sites are in the
 * Birmingham and Solihull area; GP practice names are illustrative.
 */
export const SITES: Record<AttendanceKind, readonly string[]> = {
  [AttendanceKind.A_AND_E]: [
    'Birmingham Heartlands Hospital, Emergency Department',
    'Queen Elizabeth Hospital Birmingham, Emergency Department',
    'Good Hope Hospital, Emergency Department',
  ],
  [AttendanceKind.GP_REGISTRATION]: [
    'Lozells Medical Practice',
    'Alum Rock Health Centre',
    'Small Heath Medical Practice',
    'Soho Road Surgery',
    'Sparkbrook Health Centre',
  ],
  [AttendanceKind.SEXUAL_HEALTH]: ['Umbrella sexual health clinic, Whittall Street', 'Umbrella sexual health clinic, Heartlands'],
  [AttendanceKind.MATERNITY]: ["Birmingham Women's Hospital, maternity assessment unit", 'Heartlands Hospital, maternity unit'],
  [AttendanceKind.WALK_IN]: ['Washwood Heath urgent treatment centre', 'Erdington walk-in centre', 'Solihull urgent treatment centre'],
};

export const CHILDREN_EMERGENCY_SITE = "Birmingham Children's Hospital, Emergency Department";

/** Indicators any exploited patient may show. */
export const GENERAL_INDICATORS = [
  'accompanied by controlling third party',
  'third party answering for patient',
  'no documents',
  'unable to give address',
  'appears fearful or withdrawn',
  'delayed presentation',
];

export const INDICATORS_BY_EXPLOITATION: Record<Exploitation, readonly string[]> = {
  LABOUR: [
    'injuries inconsistent with account',
    'fatigue and untreated work injuries',
    'no protective equipment at work',
    'signs of malnutrition',
  ],
  SEXUAL: [
    'repeat sexually transmitted infections',
    'unable to refuse sexual partners',
    'signs of physical assault',
    'third party holds her phone and passport',
  ],
  CRIMINAL: [
    'burns consistent with grow-lamp exposure',
    'injuries inconsistent with account',
    'reported missing from home',
    'carrying more than one phone',
  ],
  DOMESTIC_SERVITUDE: [
    'not allowed out alone',
    'signs of malnutrition',
    'fatigue and untreated work injuries',
    'sleeps in the kitchen or a cupboard',
  ],
};

/**
 * Every indicator the trust records, as one published list: the groups of its indicator
 * statistics, listed whether or not a period has any.
 */
export const EXPLOITATION_INDICATORS: readonly string[] = [
  ...new Set([...GENERAL_INDICATORS, ...Object.values(INDICATORS_BY_EXPLOITATION).flat()]),
].sort();

/** Notes a clinician writes when an attendance raises concern, by kind of contact. */
export const CONCERN_NOTES: Record<AttendanceKind, readonly string[]> = {
  [AttendanceKind.A_AND_E]: [
    'Injury said to be from a fall at work; mechanism does not fit the wound. Companion would not leave.',
    'Several healing injuries of different ages. Patient reluctant to explain; left before review.',
  ],
  [AttendanceKind.GP_REGISTRATION]: ['Registration attempted with no documents; man waiting outside paid and asked for the forms.'],
  [AttendanceKind.SEXUAL_HEALTH]: [
    'Third presentation this year. Disclosed, when seen alone, that she cannot refuse the men she is sent to.',
    'Attended with an older man who interpreted; patient silent. Offered a return visit alone.',
  ],
  [AttendanceKind.MATERNITY]: ['Late booking. Partner controls appointments and money; patient does not know her address.'],
  [AttendanceKind.WALK_IN]: ['Untreated hand injuries; works long shifts and says he cannot take time off.'],
};

export const ROUTINE_NOTES = ['Minor injury, treated and discharged.', 'Seen and advised; no follow-up needed.'];

/** The role that raises a safeguarding flag after a contact of each kind. */
export const FLAG_RAISERS: Record<AttendanceKind, string> = {
  [AttendanceKind.A_AND_E]: 'Emergency department safeguarding nurse',
  [AttendanceKind.GP_REGISTRATION]: 'GP safeguarding lead',
  [AttendanceKind.SEXUAL_HEALTH]: 'Sexual health adviser',
  [AttendanceKind.MATERNITY]: 'Safeguarding midwife',
  [AttendanceKind.WALK_IN]: 'Urgent care safeguarding lead',
};

export const CHILD_FLAG_RAISER = 'Named nurse for safeguarding children';
