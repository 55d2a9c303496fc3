import { registerEnumType } from 'type-graphql';

/** What kind of help a directory service gives (the directory's own categories). */
export enum SupportServiceType {
  ACCOMMODATION = 'ACCOMMODATION',
  EMPLOYABILITY = 'EMPLOYABILITY',
  COMMUNITY_SUPPORT = 'COMMUNITY_SUPPORT',
  CHILD_ADVOCACY = 'CHILD_ADVOCACY',
  CASEWORK = 'CASEWORK',
  HELPLINE = 'HELPLINE',
  RECEPTION_CENTRE = 'RECEPTION_CENTRE',
  HEALTH = 'HEALTH',
}
registerEnumType(SupportServiceType, { name: 'SupportServiceType' });

/** Where a survivor's support stands: only ACTIVE episodes take up a service's capacity. */
export enum SupportEpisodeStatus {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}
registerEnumType(SupportEpisodeStatus, { name: 'SupportEpisodeStatus' });
