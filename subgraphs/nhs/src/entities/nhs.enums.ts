import { registerEnumType } from 'type-graphql';

/** Where and how the subject came into contact with NHS services. */
export enum AttendanceKind {
  A_AND_E = 'A_AND_E',
  GP_REGISTRATION = 'GP_REGISTRATION',
  SEXUAL_HEALTH = 'SEXUAL_HEALTH',
  MATERNITY = 'MATERNITY',
  WALK_IN = 'WALK_IN',
}
registerEnumType(AttendanceKind, { name: 'AttendanceKind' });

/** Safeguarding alerts a trust puts on a patient's record. */
export enum SafeguardingFlagKind {
  MODERN_SLAVERY_CONCERN = 'MODERN_SLAVERY_CONCERN',
  CHILD_PROTECTION = 'CHILD_PROTECTION',
  DOMESTIC_ABUSE = 'DOMESTIC_ABUSE',
  ADULT_AT_RISK = 'ADULT_AT_RISK',
}
registerEnumType(SafeguardingFlagKind, { name: 'SafeguardingFlagKind' });
