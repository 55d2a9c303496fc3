import { registerEnumType } from 'type-graphql';

/** Where a social care case stands, from first referral to closure. */
export enum SocialCareStatus {
  REFERRED = 'REFERRED',
  ASSESSMENT = 'ASSESSMENT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(SocialCareStatus, { name: 'SocialCareStatus' });

/** Adult social care primary support reason, as councils report it to NHS England (SALT). */
export enum AdultCarePrimaryNeed {
  PHYSICAL_SUPPORT = 'PHYSICAL_SUPPORT',
  SENSORY_SUPPORT = 'SENSORY_SUPPORT',
  MEMORY_AND_COGNITION = 'MEMORY_AND_COGNITION',
  LEARNING_DISABILITY = 'LEARNING_DISABILITY',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  SOCIAL_SUPPORT = 'SOCIAL_SUPPORT',
}
registerEnumType(AdultCarePrimaryNeed, { name: 'AdultCarePrimaryNeed' });

/** How a council client holds their home; NONE means no settled home at all. */
export enum HousingTenure {
  PRIVATE_RENTED = 'PRIVATE_RENTED',
  SOCIAL = 'SOCIAL',
  TEMPORARY = 'TEMPORARY',
  NONE = 'NONE',
}
registerEnumType(HousingTenure, { name: 'HousingTenure' });

/** Licensed premises types where labour exploitation is most often found (docs/sources.md#the-police-plan-liberate). */
export enum PremisesLicenceKind {
  NAIL_BAR = 'NAIL_BAR',
  CAR_WASH = 'CAR_WASH',
}
registerEnumType(PremisesLicenceKind, { name: 'PremisesLicenceKind' });
