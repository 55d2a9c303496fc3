import type { RecordCondition } from '../agreements/agreement.types';

/**
 * Fields the gateway adds to what it asks the subgraphs, so that record conditions can be
 * decided on the data the request fetches anyway (no extra round trip). They ride under aliases
 * with this prefix, are never sent to the client, and a client may not use the prefix itself.
 */
export const HIDDEN_PREFIX = '__hub_';

export function isHiddenAlias(responseKey: string): boolean {
  return responseKey.startsWith(HIDDEN_PREFIX);
}

/** A field to add, as GraphQL text relative to the selection it goes into. */
export interface HiddenField {
  alias: string;
  selection: string;
}

/** The keys of subjects and properties: every log record names what it is about. */
export const SUBJECT_KEY: HiddenField = { alias: '__hub_id', selection: 'id' };
export const LOCATION_KEY: HiddenField = { alias: '__hub_uprn', selection: 'uprn' };

/** Facts about the subject, added under the enclosing `Person`, by the partner whose rule needs them. */
export const CHILD_FACTS: Record<string, HiddenField[]> = {
  police: [{ alias: '__hub_child_police', selection: 'police { isChild }' }],
  nhs: [{ alias: '__hub_child_nhs', selection: 'health { isChild }' }],
  'local-authority': [{ alias: '__hub_child_la', selection: 'localAuthority { dateOfBirth }' }],
  // The charities record no date of birth: they rely on the police's record. A child the police
  // do not know is then not treated as one (the rule fails closed, the consent rule still applies).
  ngo: [{ alias: '__hub_child_police', selection: 'police { isChild }' }],
};
export const SUBJECT_SECTION_47: HiddenField = {
  alias: '__hub_s47',
  selection: 'localAuthority { childrenSocialCare { section47Enquiry status } }',
};
export const SUBJECT_CONSENT: HiddenField = { alias: '__hub_consent', selection: 'support { providerOrg consent { recipients } }' };

/** Facts on the record that holds the field (its parent). */
export const PARENT_FACTS: Partial<Record<RecordCondition, HiddenField>> = {
  addressRestricted: { alias: '__hub_addressRestricted', selection: 'addressRestricted' },
  addressNotRestricted: { alias: '__hub_addressRestricted', selection: 'addressRestricted' },
};

/** Facts on each item of a list field. */
export const ITEM_FACTS: Partial<Record<RecordCondition, HiddenField>> = {
  handlingCodePermitsSharing: { alias: '__hub_handlingCode', selection: 'handlingCode' },
  episodeConsentNamesRecipient: { alias: '__hub_consent', selection: 'consent { recipients }' },
  recipientIsProvider: { alias: '__hub_providerOrg', selection: 'providerOrg' },
};
