import { defineCondition, listAt, objectAt } from './record-condition';

const FACT = { alias: '__hub_consent', selection: 'support { providerOrg consent { recipients } }' };

/** Some charity's recorded consent for the subject names the requesting organisation. */
export default defineCondition({
  name: 'subjectConsentNamesRecipient',
  description: 'the subject’s recorded consent (with any charity) names your organisation',
  scope: 'subject',
  decidedOn: ['Person'],
  facts: () => [FACT],
  decide({ subject, requester }) {
    // No episode at all reads as null, like charities that did not answer: unknown either way.
    const episodes = listAt(subject, FACT.alias);
    if (episodes === undefined) return undefined;
    return episodes.some((episode) => listAt(objectAt(episode, 'consent'), 'recipients')?.includes(requester.org) === true);
  },
});
