import { registerEnumType } from 'type-graphql';

export enum PoliceRole {
  VICTIM = 'VICTIM',
  SUSPECT = 'SUSPECT',
  ASSOCIATE = 'ASSOCIATE',
  WITNESS = 'WITNESS',
}
registerEnumType(PoliceRole, { name: 'PoliceRole' });

export enum ExploitationType {
  LABOUR = 'LABOUR',
  SEXUAL = 'SEXUAL',
  CRIMINAL = 'CRIMINAL',
  DOMESTIC_SERVITUDE = 'DOMESTIC_SERVITUDE',
}
registerEnumType(ExploitationType, { name: 'ExploitationType' });

/** NRM reasonable and conclusive grounds decisions. */
export enum NrmDecision {
  PENDING = 'PENDING',
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
}
registerEnumType(NrmDecision, { name: 'NrmDecision' });

/** 3x5x2 intelligence assessment (the "x5" part: A known directly ... E suspected false). */
export enum IntelligenceGrade {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
  E = 'E',
}
registerEnumType(IntelligenceGrade, { name: 'IntelligenceGrade' });

/** 3x5x2 handling code: P lawful sharing permitted; C lawful sharing permitted with conditions. */
export enum HandlingCode {
  P = 'P',
  C = 'C',
}
registerEnumType(HandlingCode, { name: 'HandlingCode' });

/** Slavery and Trafficking Risk / Prevention Orders (Modern Slavery Act 2015 Part 2). */
export enum OrderType {
  STRO = 'STRO',
  STPO = 'STPO',
}
registerEnumType(OrderType, { name: 'OrderType' });
