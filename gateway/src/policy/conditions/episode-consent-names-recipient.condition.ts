import { defineCondition, listAt, objectAt } from './record-condition';

const FACT = { alias: '__hub_consent', selection: 'consent { recipients }' };

/** This support episode's recorded consent names the requesting organisation. */
export default defineCondition({
  name: 'episodeConsentNamesRecipient',
  description: 'the survivor’s consent recorded with this support episode names your organisation',
  scope: 'item',
  decidedOn: ['SupportEpisode'],
  facts: () => [FACT],
  decide({ item, requester }) {
    // No consent recorded reads as null: nothing names the recipient, so the allow cannot hold.
    const recipients = listAt(objectAt(item, FACT.alias), 'recipients');
    return recipients === undefined ? undefined : recipients.includes(requester.org);
  },
});
