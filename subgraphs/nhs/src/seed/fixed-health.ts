import { AttendanceKind, SafeguardingFlagKind } from '../entities/nhs.enums';
import type { HealthFacts } from './health-facts';

/**
 * The NHS facts of the fixed subjects (README: Demo data). SUBJ-000002's clinical notes are what the
 * agreement may release to council safeguarding (a child, s47); the adults' must never leave.
 * SUBJ-000004 is deliberately absent: the NHS holds nothing on the suspected controller.
 */
export const FIXED_HEALTH: Record<string, HealthFacts> = {
  'SUBJ-000001': {
    knownAs: ['Tomek Nowak'],
    attendances: [
      {
        attendedOn: '2026-05-11',
        site: 'Birmingham Heartlands Hospital, Emergency Department',
        kind: AttendanceKind.A_AND_E,
        indicators: ['accompanied by controlling third party', 'injuries inconsistent with account', 'fatigue and untreated work injuries'],
        notes:
          'Deep laceration and chemical burn to right hand; says he slipped at the hand car wash where he works. ' +
          'Man who brought him answered every question for him and would not leave the cubicle. ' +
          'Older untreated injuries to both hands. Wound closed; declined follow-up.',
      },
      {
        attendedOn: '2026-06-24',
        site: 'Lozells Medical Practice',
        kind: AttendanceKind.GP_REGISTRATION,
        indicators: ['no documents'],
        notes: null,
      },
    ],
    flags: [
      {
        kind: SafeguardingFlagKind.MODERN_SLAVERY_CONCERN,
        raisedOn: '2026-05-11',
        active: true,
        raisedBy: 'Emergency department safeguarding nurse',
      },
    ],
  },
  'SUBJ-000002': {
    knownAs: [],
    attendances: [
      {
        attendedOn: '2026-09-09',
        site: "Birmingham Children's Hospital, Emergency Department",
        kind: AttendanceKind.A_AND_E,
        indicators: ['burns consistent with grow-lamp exposure', 'unable to give address', 'no documents'],
        notes:
          'Superficial burns to neck and forearms consistent with prolonged exposure to grow lamps. ' +
          'Says he "looks after plants in a house" and cannot say where it is. Strong smell of cannabis. ' +
          "Children's social care contacted; strategy discussion requested.",
      },
    ],
    flags: [
      {
        kind: SafeguardingFlagKind.CHILD_PROTECTION,
        raisedOn: '2026-09-09',
        active: true,
        raisedBy: 'Named nurse for safeguarding children',
      },
    ],
  },
  'SUBJ-000003': {
    knownAs: [],
    attendances: [
      {
        attendedOn: '2026-08-04',
        site: 'Umbrella sexual health clinic, Whittall Street',
        kind: AttendanceKind.SEXUAL_HEALTH,
        indicators: ['accompanied by controlling third party', 'third party holds her phone and passport', 'unable to give address'],
        notes:
          'Attended with a man who said he was her boyfriend and kept her phone and passport. ' +
          'Seen alone, disclosed she is made to see men at several addresses. Information on support given.',
      },
    ],
    flags: [{ kind: SafeguardingFlagKind.MODERN_SLAVERY_CONCERN, raisedOn: '2026-08-04', active: true, raisedBy: 'Sexual health adviser' }],
  },
};
